// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of exports (namespace "exports", journey J8.3); Spanish
// in es.json. Field labels name what a column holds; the file's header uses
// the API names (name, phone, ...) so that imports map them back.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('exports', {
  title: 'Export people',
  loadingPage: 'Loading…',
  retry: 'Try again',
  lead: 'Download a CSV file of the people you work with, for a phone bank, a mailing or another tool.',
  rules: {
    title: 'Before you export',
    scope: 'The file holds only the people you may see, and only the fields you tick.',
    audit: 'Every export is recorded in the audit log with its reason, its fields and the number of rows.',
    link: 'The download link works once, only for you, for 10 minutes.',
    decoys: 'The file also holds a few invented people that identify this export if the file leaks. Do not call or write to them.',
  },
  form: {
    scope: 'Whose contacts',
    scopeAll: 'Everyone I may export',
    reason: 'Why do you need this export?',
    reasonHint: '10 to 500 characters, for example “Phone bank for the Harbor View vote”. Admins see it in the export log.',
    reasonShort: 'Say why in at least 10 characters.',
    fields: 'Fields in the file',
    fieldsHint: 'Tick only what you need: every extra column is more to lose if the file leaks.',
    fieldsNone: 'Tick at least one field.',
    submit: 'Create export',
    submitting: 'Preparing the file…',
  },
  fieldNames: {
    name: 'Name',
    first_name: 'First name',
    last_name: 'Last name',
    phone: 'Phone',
    email: 'Email',
    address: 'Address',
    preferred_language: 'Preferred language',
    campaign: 'Campaign',
    external_id: 'ID in the tool it came from',
  },
  ready: {
    title: 'Your export is ready',
    rows: 'People: {{count}}. Fields: {{fields}}.',
    leftOut: 'Left out: {{count}} people from an NLRB voter list.',
    leftOutWhy:
      'A voter list the employer gives for an election may be used only for that election and related matters (its people are tagged restricted-use), so they are never exported.',
    expires: 'The link works once and expires at {{time}}.',
    download: 'Download the CSV file',
    downloaded: 'Downloaded. The link is used up: make a new export if you need the file again.',
    another: 'Make another export',
  },
  log: {
    title: 'Export log',
    lead: 'Who exported what, when and why. Opening the log is recorded in the audit log.',
    show: 'Show the export log',
    loading: 'Loading the export log…',
    caption: 'Recent exports',
    empty: 'No exports yet.',
    columns: {
      time: 'When',
      who: 'Who',
      rows: 'Rows',
      fields: 'Fields',
      reason: 'Reason',
      status: 'Link',
    },
    status: {
      downloaded: 'Downloaded',
      pending: 'Not downloaded yet',
      expired: 'Expired unused',
    },
  },
  errors: {
    step_up_required: 'Exports need your password and code again. Try once more.',
    invalid_input: 'Some of this is not valid. Check the reason and the fields and try again.',
    not_found: 'You cannot export these contacts. If you need to, ask an organization admin.',
    export_gone: 'This link was already used or has expired. Make a new export.',
    unauthenticated: 'You were signed out. Sign in again and make the export again.',
    rate_limited: 'Too many requests. Wait {{seconds}} seconds and try again.',
    network: 'No connection. Check your internet and try again.',
    unavailable: 'The server is not available right now. Try again soon.',
    generic: 'That did not work. Try again.',
  },
});
