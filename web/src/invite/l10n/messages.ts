// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of accepting an invitation (namespace "invite"); Spanish
// in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('invite', {
  title: 'Join your organization on hotshop',
  checking: 'Checking your invitation…',
  invited: 'You are invited to {{org}} as {{role}}.',
  email: 'Your sign-in email: {{email}}',
  expires: 'This link works once, until {{time}}.',
  next: 'Next you will turn on two-factor sign-in, before you see any information.',
  password: 'Choose a password',
  rules: 'From 12 to 128 characters, and not a common password. A few random words in a row are easy to remember and hard to guess.',
  repeat: 'Repeat the password',
  submit: 'Set password and continue',
  submitting: 'Saving…',
  tooShort: 'Use at least 12 characters.',
  tooLong: 'Use at most 128 characters.',
  mismatch: 'The two passwords are not the same.',
  rejected: 'This password cannot be used. Choose another one.',
  serverSays: 'The server says: {{detail}}',
  noToken: {
    title: 'Open the link you were sent',
    body: 'This page needs the full invitation link. Open it again from the message you received.',
  },
  invalid: {
    title: 'This invitation link does not work',
    body: 'It may have been used already or have expired (links last 72 hours). Ask the person who invited you for a new one.',
  },
  errors: {
    rate_limited: 'Too many attempts. Wait {{seconds}} seconds and try again.',
    network: 'No connection. Check your internet and try again.',
    unavailable: 'The server is not available right now. Try again soon.',
    generic: 'That did not work. Try again.',
  },
});
