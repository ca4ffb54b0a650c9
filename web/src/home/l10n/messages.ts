// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of the welcome page (namespace "home"); Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('home', {
  description:
    'hotshop helps workers organize a union: a fast answer, a trained organizer, and the tools to win.',
  help: {
    title: 'Need help at work?',
    body: 'Talk in private with a trained volunteer organizer.',
    action: 'Talk with an organizer',
  },
  signIn: {
    title: 'Organizers and staff',
    body: 'Sign in to work on your campaigns and cases.',
    action: 'Sign in',
  },
  signedIn: {
    welcome: 'Signed in as {{name}}.',
    roles: 'Your roles',
    noRoles: 'You have no role in this organization yet. Ask an organization admin.',
    account: 'Your account',
    accountBody: 'See where you are signed in, sign out a lost phone, or make new recovery codes.',
    admin: 'Administration',
    failedSignIns: 'Failed sign-in attempts on your account since your last visit: {{count}}',
    failedSignInsBody: 'If that wasn’t you, someone may be trying to get into your account. Tell an admin of your organization.',
  },
});
