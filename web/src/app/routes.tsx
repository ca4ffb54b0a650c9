// SPDX-License-Identifier: AGPL-3.0-or-later
// The route table. Features that later issues add start as placeholders here;
// replacing `placeholder` with a component makes the route live.
import type { ComponentType } from 'preact';
import { LoginPage } from '../auth/components/LoginPage';
import { HomePage } from '../home/components/HomePage';
import type { MessageKey } from '../i18n/messages';
import type { messages } from './l10n/messages';

type NavKey = MessageKey<(typeof messages)['en']['nav']>;

export interface Route {
  path: string;
  /** A live screen, or absent for a placeholder titled by `nav`. */
  component?: ComponentType;
  /** Shown in the main navigation under this label. */
  nav?: NavKey;
}

export const kRoutes: readonly Route[] = [
  { path: '/', component: HomePage },
  { path: '/login', component: LoginPage },
  { path: '/help', nav: 'help' }, // intake: J1.1
  { path: '/triage', nav: 'triage' }, // dispatcher queue: J2.1
  { path: '/my', nav: 'my' }, // organizer's assignments: J3.1
  { path: '/campaigns', nav: 'campaigns' },
  { path: '/cases', nav: 'cases' },
  { path: '/field', nav: 'field' },
];

export function findRoute(path: string): Route | undefined {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return kRoutes.find((r) => r.path === normalized);
}
