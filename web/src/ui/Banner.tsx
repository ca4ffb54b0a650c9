// SPDX-License-Identifier: AGPL-3.0-or-later
// Banner: a message about the page or an action. Errors are announced at
// once (role=alert); the other tones politely (role=status).
import type { ComponentChildren } from 'preact';

export type BannerTone = 'info' | 'success' | 'warning' | 'error';

export interface BannerProps {
  tone?: BannerTone;
  title?: string;
  children?: ComponentChildren;
}

export function Banner({ tone = 'info', title, children }: BannerProps) {
  return (
    <div class={`hs-banner hs-banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p class="hs-banner__title">{title}</p>}
      {children && <div class="hs-banner__body">{children}</div>}
    </div>
  );
}
