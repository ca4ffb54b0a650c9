// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of the organizer's side (namespace "my", journeys J3.1,
// J2.2); Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('my', {
  title: 'My requests',
  lead: 'Workers waiting for your call. Reach them within 48 hours of the assignment.',
  loading: 'Loading…',
  empty: 'Nothing assigned to you right now.',
  pending: '{{count}} pending',
  synced: 'All notes saved',
  due: 'First contact due by {{at}}',
  accept: 'Accept',
  decline: 'Decline',
  declineReason: 'Why can you not take it?',
  declineConfirm: 'Send it back to the queue',
  open: 'Open',
  call: 'Call {{phone}}',
  workEmail: 'this email may be the employer\u2019s: don\u2019t write to it',
  bestTime: 'Best time: {{time}}',
  firstContact: 'First contact: {{at}}',
  notifications: {
    title: 'Notifications',
    assigned: 'A request was assigned to you',
    reminder: 'Reminder: a worker is waiting for your call',
    timed_out: 'A request went back to the queue: no first contact in time',
  },
  log: {
    title: 'The conversation',
    stepNote: 'Notes: {{step}}',
    notes: 'Other notes',
    save: 'Save the call',
  },
  steps: {
    intro: 'Introduction',
    issues: 'Issues',
    agitation: 'Agitation',
    plan: 'Plan to win',
    inoculation: 'Inoculation',
    ask: 'The ask',
    follow_up: 'Follow-up',
  },
  errors: {
    not_found: 'This request is no longer yours.',
    conflict: 'Accept the request first, then log the call.',
    invalid_input: 'That did not work: check the form and try again.',
    refused: 'A saved note was refused by the server (check the phone\u2019s clock). Write it again.',
    network: 'No connection. Your notes are kept on this phone and sent when you are back online.',
    generic: 'Something went wrong. Try again.',
  },
});
