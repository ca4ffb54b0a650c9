// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of the app shell (namespace "app"); Spanish in es.json.
// roles.* and scopes.* are shared by every feature that names a grant.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('app', {
  skipToContent: 'Skip to content',
  nav: {
    label: 'Main',
    menu: 'Menu',
    help: 'Get help',
    triage: 'Triage',
    my: 'My organizing',
    myUnit: 'My unit',
    campaigns: 'Campaigns',
    cases: 'Cases',
    importPeople: 'Import contacts',
    exportPeople: 'Export people',
    field: 'Calls and doors',
    devices: 'My devices',
    adminUsers: 'Users',
    adminAudit: 'Audit log',
    organizers: 'Organizers',
    referrals: 'Referrals',
    movement: 'Movement',
  },
  user: {
    signOut: 'Sign out',
  },
  session: {
    loading: 'Loading…',
    unreachableTitle: 'Cannot reach hotshop',
    unreachable: 'The server did not answer. Check your connection and try again.',
    retry: 'Try again',
  },
  language: {
    label: 'Language',
    switchTo: 'Switch to {{language}}',
  },
  health: {
    checking: 'Checking the connection…',
    ok: 'Connected',
    down: 'Cannot reach the server',
  },
  footer: {
    license: 'Free software under AGPL-3.0-or-later',
  },
  placeholder: {
    body: 'This part of hotshop is not built yet.',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is nothing at this address.',
    home: 'Go to the start page',
  },
  noAccess: {
    title: "You don't have access to this page",
    body: 'Your role in this organization does not include this page. If you need it, ask an organization admin.',
    home: 'Go to the start page',
  },
  roles: {
    org_admin: 'Organization admin',
    staff_organizer: 'Staff organizer',
    volunteer_organizer: 'Volunteer organizer',
    worker_leader: 'Worker-leader',
    viewer: 'Viewer',
    dispatcher: 'Dispatcher',
    mentor: 'Mentor',
    caller: 'Caller / texter',
  },
  scopes: {
    org: 'Whole organization',
    campaign: 'Campaign: {{name}}',
    unit: 'Unit: {{name}}',
  },
  flags: {
    casework: 'Casework',
    dale: 'DALE vault',
    export: 'Export',
  },
});
