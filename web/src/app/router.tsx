// SPDX-License-Identifier: AGPL-3.0-or-later
// A tiny client router on the History API. The server answers index.html for
// UI paths, so a reload on /login lands on the same screen.
import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const kNavigateEvent = 'hotshop:navigate';

export function currentPath(): string {
  return window.location.pathname || '/';
}

/** Goes to a same-origin path without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath() + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(kNavigateEvent));
}

/** The current path; re-renders on navigate() and on back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    window.addEventListener(kNavigateEvent, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(kNavigateEvent, update);
    };
  }, []);
  return path;
}

export interface LinkProps {
  href: string;
  class?: string;
  target?: string;
  onClick?: (e: TargetedMouseEvent<HTMLAnchorElement>) => void;
  children: ComponentChildren;
}

/** An <a> that navigates in-app on a plain left click; other clicks
 * (new tab, modifier keys) keep the browser's behaviour. */
export function Link({ href, children, onClick, ...rest }: LinkProps) {
  const handle = (e: TargetedMouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(href);
  };
  const current = href === currentPath() ? 'page' : undefined;
  return (
    <a {...rest} href={href} aria-current={current} onClick={handle}>
      {children}
    </a>
  );
}
