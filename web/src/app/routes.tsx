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
import {
  CampaignsRoute,
  CardSummaryRoute,
  CardsRoute,
  ChartRoute,
  CommitteeRoute,
  DashboardRoute,
  MyUnitRoute,
  ParticipationRoute,
  PersonRoute,
  RollupRoute,
  ScalesRoute,
  TestsRoute,
  UnitSetupRoute,
} from '../campaigns/components/routes';
import { UsersPage } from '../admin/components/UsersPage';
import type { Grant, Role } from '../auth/api';
import { LoginPage } from '../auth/components/LoginPage';
import { mayExport } from '../exports/access';
import { ExportRoute } from '../exports/components/ExportRoute';
import { HomePage } from '../home/components/HomePage';
import type { MessageKey } from '../i18n/messages';
import { mayImport } from '../imports/access';
import { ImportRoute } from '../imports/components/ImportRoute';
import { ChargesRoute, DeadlinesRoute, ElectionsRoute } from '../elections/components/LazyRoutes';
import { IntakePage } from '../intake/components/IntakePage';
import { InvitePage } from '../invite/components/InvitePage';
import { DevicesPage } from '../me/components/DevicesPage';
import { NotesPage } from '../notes/components/NotesPage';
import { SetupPasswordPage } from '../setup/components/SetupPasswordPage';
import { SetupTotpPage } from '../setup/components/SetupTotpPage';
import { TriageRoute } from '../triage/components/TriageRoute';
import { lazyPage } from '../match/lazy';
import type { messages } from './l10n/messages';

type NavKey = MessageKey<(typeof messages)['en']['nav']>;

export type Access = 'public' | 'setup' | 'signed-in' | 'admin';

/** What a screen gets from its path: the values of its `:name` segments. */
export interface RouteProps {
  params?: Readonly<Record<string, string>>;
}

export interface Route {
  /** An exact path, or a pattern with `:name` segments (`/units/:id/chart`). */
  path: string;
  /** A live screen, or absent for a placeholder titled by `nav`. */
  component?: ComponentType<RouteProps>;
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
  /** Also matches every path below this one (/talk/<org>). */
  prefix?: boolean;
}

export const kAdminPrefix = '/admin';

export const kRoutes: readonly Route[] = [
  { path: '/', component: HomePage },
  { path: '/login', component: LoginPage },
  { path: '/invite', component: InvitePage },
  { path: '/setup/password', component: SetupPasswordPage, access: 'setup' },
  { path: '/setup/totp', component: SetupTotpPage, access: 'setup' },
  // Intake (issue #5). J1.1: the public form at /talk/<org>; J2.1: the queue.
  { path: '/talk', component: IntakePage, prefix: true },
  { path: '/triage', component: TriageRoute, nav: 'triage', access: 'signed-in', roles: ['org_admin', 'dispatcher'] },
  // Matching, the organizer's side, referrals, movement view (issue #5: J2.1-J2.3, J3.1).
  {
    path: '/my',
    component: lazyPage(() => import('../my/components/MyPage').then((m) => m.MyPage)),
    nav: 'my',
    access: 'signed-in',
    roles: ['staff_organizer', 'volunteer_organizer', 'mentor'],
  },
  // /intakes/<id>/match (the triage detail's link) and /match/<id>: the same page.
  { path: '/intakes', component: lazyPage(() => import('../match/components/MatchPage').then((m) => m.MatchPage)), access: 'signed-in', prefix: true },
  { path: '/match', component: lazyPage(() => import('../match/components/MatchPage').then((m) => m.MatchPage)), access: 'signed-in', prefix: true },
  {
    path: '/organizers',
    component: lazyPage(() => import('../organizers/components/OrganizersPage').then((m) => m.OrganizersPage)),
    nav: 'organizers',
    access: 'signed-in',
    roles: ['org_admin', 'dispatcher', 'staff_organizer', 'volunteer_organizer'],
  },
  {
    path: '/referrals',
    component: lazyPage(() => import('../referrals/components/ReferralsPage').then((m) => m.ReferralsPage)),
    nav: 'referrals',
    access: 'signed-in',
    roles: ['org_admin', 'dispatcher'],
  },
  {
    path: '/movement',
    component: lazyPage(() => import('../movement/components/MovementPage').then((m) => m.MovementPage)),
    nav: 'movement',
    access: 'signed-in',
    roles: ['org_admin', 'dispatcher', 'staff_organizer', 'viewer'],
  },
  // --- the campaign workplace (issue #4; web/src/campaigns) ---
  { path: '/my/unit', component: MyUnitRoute, nav: 'myUnit', access: 'signed-in', roles: ['worker_leader'] }, // J4.1
  {
    path: '/campaigns',
    component: CampaignsRoute,
    nav: 'campaigns',
    access: 'signed-in',
    roles: ['org_admin', 'staff_organizer', 'volunteer_organizer', 'viewer', 'mentor'],
  },
  { path: '/campaigns/:id', component: DashboardRoute, access: 'signed-in' }, // meters, coverage, trend
  { path: '/campaigns/:id/committee', component: CommitteeRoute, access: 'signed-in' }, // J3.2
  { path: '/campaigns/:id/scales', component: ScalesRoute, access: 'signed-in' }, // R18 assessment scales
  { path: '/units/:id/chart', component: ChartRoute, access: 'signed-in' }, // R19 wall chart
  { path: '/units/:id/cards', component: CardsRoute, access: 'signed-in' }, // J5.2
  { path: '/units/:id/cards/summary', component: CardSummaryRoute, access: 'signed-in' }, // R4 employer-safe
  { path: '/units/:id/tests', component: TestsRoute, access: 'signed-in' }, // R21
  { path: '/units/:id/setup', component: UnitSetupRoute, access: 'signed-in' }, // areas; delete
  { path: '/structure-tests/:id', component: ParticipationRoute, access: 'signed-in' }, // J4.3
  { path: '/people/:id', component: PersonRoute, access: 'signed-in' },
  { path: '/employers/:id', component: RollupRoute, access: 'signed-in' }, // J5.1
  // --- end of the campaign workplace ---
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
  // Elections, charges and deadlines (issue #4); /elections, /deadlines and
  // /charges without an id show a chooser (?unit= / ?campaign= also work).
  // Reached from the dashboard (DeadlinesSummary) and from each other.
  { path: '/units/:id/elections', component: ElectionsRoute, access: 'signed-in' },
  { path: '/campaigns/:id/deadlines', component: DeadlinesRoute, access: 'signed-in' },
  { path: '/campaigns/:id/charges', component: ChargesRoute, access: 'signed-in' },
  { path: '/elections', component: ElectionsRoute, access: 'signed-in' },
  { path: '/deadlines', component: DeadlinesRoute, access: 'signed-in' },
  { path: '/charges', component: ChargesRoute, access: 'signed-in' },
  // Notes of a campaign or a person (?campaign=ID / ?person=ID): J3.3, until
  // the campaign dashboard and the person page embed notes/NotesPanel.
  { path: '/notes', component: NotesPage, access: 'signed-in' },
];

export function normalizePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The params of `path` under `pattern`, or null when it does not match. */
export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      if (!h) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

/** The route for a path with its params: exact paths first (so
 * /people/import is never /people/:id), then patterns in table order. */
export function matchRoute(path: string): { route: Route; params: Record<string, string> } | undefined {
  const normalized = normalizePath(path);
  const exact = kRoutes.find((r) => r.path === normalized);
  if (exact) return { route: exact, params: {} };
  for (const r of kRoutes) {
    if (!r.path.includes('/:')) continue;
    const params = matchPattern(r.path, normalized);
    if (params) return { route: r, params };
  }
  // Prefix routes (the public intake page, /talk/<org>) read the rest of
  // the path themselves.
  const prefixed = kRoutes.find((r) => r.prefix && normalized.startsWith(`${r.path}/`));
  return prefixed ? { route: prefixed, params: {} } : undefined;
}

export function findRoute(path: string): Route | undefined {
  return matchRoute(path)?.route;
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
