// SPDX-License-Identifier: AGPL-3.0-or-later
// Page: one screen's content with its single <h1>. The shell (header, nav,
// footer) lives in app/; a feature renders a Page inside it.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { kProductName } from './brand';

export interface PageProps {
  title: string;
  /** Suffix for document.title, e.g. the product name. */
  titleSuffix?: string;
  lead?: string;
  children?: ComponentChildren;
}

export function Page({ title, titleSuffix = kProductName, lead, children }: PageProps) {
  useEffect(() => {
    document.title = title === titleSuffix ? title : `${title} · ${titleSuffix}`;
  }, [title, titleSuffix]);
  return (
    <article class="hs-page">
      <h1 class="hs-page__title">{title}</h1>
      {lead && <p class="hs-page__lead">{lead}</p>}
      {children}
    </article>
  );
}

/** Stack: vertical rhythm between children. */
export function Stack({ children }: { children: ComponentChildren }) {
  return <div class="hs-stack">{children}</div>;
}
