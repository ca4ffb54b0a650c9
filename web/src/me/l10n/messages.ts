// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of the person's own account pages (namespace "me");
// Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('me', {
  devices: {
    title: 'My devices',
    lead: 'Every phone or computer signed in to your account. If you don’t recognize one, or lost it, sign it out.',
    loading: 'Loading your devices…',
    listLabel: 'Signed-in devices',
    unknownDevice: 'Unknown device',
    thisDevice: 'This device',
    since: 'Signed in {{time}}',
    lastSeen: 'Last used {{time}}',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    signedOut: 'That device is signed out.',
    none: 'No other devices are signed in.',
  },
  recovery: {
    title: 'Recovery codes',
    body: 'Lost your codes, or used most of them? Make a new set. The old codes stop working at once.',
    regenerate: 'Make new recovery codes',
    working: 'Making codes…',
    done: 'Done. Only your new recovery codes work now.',
  },
  errors: {
    step_up_required: 'This needs your password and code again. Try once more.',
    not_found: 'That device was already signed out.',
    rate_limited: 'Too many attempts. Wait {{seconds}} seconds and try again.',
    network: 'No connection. Check your internet and try again.',
    unavailable: 'The server is not available right now. Try again soon.',
    generic: 'That did not work. Try again.',
  },
});
