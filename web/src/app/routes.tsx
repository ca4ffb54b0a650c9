// SPDX-License-Identifier: AGPL-3.0-or-later
// The route table. Features that later issues add start as placeholders here;
// replacing `placeholder` with a component makes the route live.
//
// `access` is what the guard in App.tsx enforces before rendering:
//   public     anyone (the default);
//   setup      signed in, even with setup still needed (needs ≠ []);
//   signed-in  signed in with nothing left to set up;
//   admin      signed in and an org_admin; everyone else sees "no access".
// `roles` only decides whether the nav shows the item (the server decides
// what each role may read: the nav is a convenience, not the control).
import type { ComponentType } from 'preact';
import { AuditPage } from '../admin/components/AuditPage';
import { UsersPage } from '../admin/components/UsersPage';
import type { Grant, Role } from '../auth/api';
import { LoginPage } from '../auth/components/LoginPage';
import { mayExport } from '../exports/access';
import { ExportRoute } from '../exports/components/ExportRoute';
import { HomePage } from '../home/components/HomePage';
import type { MessageKey } from '../i18n/messages';
import { mayImport } from '../imports/access';
import { ImportRoute } from '../imports/components/ImportRoute';
import { InvitePage } from '../invite/components/InvitePage';
import { DevicesPage } from '../me/components/DevicesPage';
import { NotesPage } from '../notes/components/NotesPage';
import { SetupPasswordPage } from '../setup/components/SetupPasswordPage';
import { SetupTotpPage } from '../setup/components/SetupTotpPage';
import type { messages } from './l10n/messages';

type NavKey = MessageKey<(typeof messages)['en']['nav']>;

export type Access = 'public' | 'setup' | 'signed-in' | 'admin';

export interface Route {
  path: string;
  /** A live screen, or absent for a placeholder titled by `nav`. */
  component?: ComponentType;
  /** Shown in the main navigation under this label. */
  nav?: NavKey;
  access?: Access;
  /** Nav only: shown to people holding one of these roles. */
  roles?: readonly Role[];
  /** Nav only: shown when this holds for the person's grants (finer than
   * `roles`, e.g. "org-scope staff organizer"); replaces the roles check. */
  navIf?: (grants: readonly Grant[]) => boolean;
  /** Nav only: shown to people who are not signed in. */
  anonymousNav?: boolean;
}

export const kAdminPrefix = '/admin';

export const kRoutes: readonly Route[] = [
  { path: '/', component: HomePage },
  { path: '/login', component: LoginPage },
  { path: '/invite', component: InvitePage },
  { path: '/setup/password', component: SetupPasswordPage, access: 'setup' },
  { path: '/setup/totp', component: SetupTotpPage, access: 'setup' },
  { path: '/help' }, // intake (J1.1): not in any nav until the form exists (issue #5)
  { path: '/triage', nav: 'triage', access: 'signed-in', roles: ['org_admin', 'dispatcher'] }, // J2.1
  {
    path: '/my',
    nav: 'my',
    access: 'signed-in',
    roles: ['staff_organizer', 'volunteer_organizer', 'mentor'],
  }, // organizer's assignments: J3.1
  { path: '/my/unit', nav: 'myUnit', access: 'signed-in', roles: ['worker_leader'] }, // J4.1
  {
    path: '/campaigns',
    nav: 'campaigns',
    access: 'signed-in',
    roles: ['org_admin', 'staff_organizer', 'volunteer_organizer', 'viewer', 'mentor'],
  },
  // J5.3: org admins and org-scope staff organizers (Action kImportPeople).
  { path: '/people/import', component: ImportRoute, nav: 'importPeople', access: 'signed-in', navIf: mayImport },
  // J8.3: org admins and staff organizers holding the export flag (Action kExport).
  { path: '/people/export', component: ExportRoute, nav: 'exportPeople', access: 'signed-in', navIf: mayExport },
  { path: '/cases', nav: 'cases', access: 'signed-in', roles: ['org_admin', 'staff_organizer'] },
  {
    path: '/field',
    nav: 'field',
    access: 'signed-in',
    roles: ['org_admin', 'staff_organizer', 'volunteer_organizer', 'caller'],
  },
  { path: '/admin/users', component: UsersPage, nav: 'adminUsers', access: 'admin' },
  { path: '/admin/audit', component: AuditPage, nav: 'adminAudit', access: 'admin' },
  { path: '/me/devices', component: DevicesPage, nav: 'devices', access: 'signed-in' },
  // Notes of a campaign or a person (?campaign=ID / ?person=ID): J3.3, until
  // the campaign dashboard and the person page embed notes/NotesPanel.
  { path: '/notes', component: NotesPage, access: 'signed-in' },
];

export function normalizePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function findRoute(path: string): Route | undefined {
  const normalized = normalizePath(path);
  return kRoutes.find((r) => r.path === normalized);
}

export function isAdminPath(path: string): boolean {
  const p = normalizePath(path);
  return p === kAdminPrefix || p.startsWith(`${kAdminPrefix}/`);
}

/** Whether the nav shows a route to this person (null: not signed in). */
export function navVisible(route: Route, roles: readonly Role[] | null, grants: readonly Grant[] = []): boolean {
  if (!route.nav) return false;
  if (roles === null) return !!route.anonymousNav;
  if (route.anonymousNav) return false;
  if (route.access === 'admin') return roles.includes('org_admin');
  if (route.navIf) return route.navIf(grants);
  if (route.roles) return route.roles.some((r) => roles.includes(r));
  return true;
}
