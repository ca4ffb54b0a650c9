// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of the notes component (namespace "notes"); Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('notes', {
  page: {
    title: 'Notes',
    lead: 'Notes on this campaign, newest first.',
    leadPerson: 'Notes on this person, newest first.',
    noSubject: 'Open the notes from a campaign or a person.',
  },
  title: 'Notes',
  facts: 'Write facts, not opinions: what was said or done, by whom, and when. Notes can be read in court.',
  loading: 'Loading notes…',
  empty: 'No notes yet.',
  listLabel: 'Notes',
  by: '{{name}}, {{time}}',
  edited: 'edited',
  staffOnly: 'Staff only',
  more: 'Show older notes',
  add: {
    label: 'New note',
    staffOnly: 'Staff only (hidden from volunteers, worker-leaders, mentors and viewers)',
    submit: 'Add note',
    working: 'Saving…',
    done: 'Note added.',
  },
  edit: {
    action: 'Edit',
    actionLabel: 'Edit your note of {{time}}',
    label: 'Your note',
    save: 'Save',
    cancel: 'Cancel',
    done: 'Note saved.',
  },
  errors: {
    stale_version: 'Someone changed this note since you opened it. Your text is still here: reload the notes, then save again.',
    invalid_input: 'Write the note first (at most 10,000 characters).',
    not_found: 'These notes are not here, or you don’t have access to them.',
    step_up_required: 'This needs your password and code again. Try once more.',
    rate_limited: 'Too many attempts. Wait {{seconds}} seconds and try again.',
    network: 'No connection. Your text is kept: try again when you are back online.',
    unavailable: 'The server is not available right now. Try again soon.',
    generic: 'That did not work. Try again.',
  },
});
