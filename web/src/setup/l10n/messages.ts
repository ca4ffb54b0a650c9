// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of first-sign-in setup: own password, two-factor
// enrolment, recovery codes (namespace "setup"); Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('setup', {
  steps: {
    label: 'Step {{step}} of {{total}}',
  },
  password: {
    title: 'Choose your own password',
    lead: 'You signed in with a one-time password. Replace it with one only you know.',
    current: 'One-time password',
    currentHint: 'The password you were given to sign in the first time.',
    new: 'New password',
    rules: 'From 12 to 128 characters, and not a common password. A few random words in a row are easy to remember and hard to guess.',
    repeat: 'Repeat the new password',
    submit: 'Save password',
    submitting: 'Saving…',
    tooShort: 'Use at least 12 characters.',
    tooLong: 'Use at most 128 characters.',
    mismatch: 'The two passwords are not the same.',
    rejected: 'This password cannot be used. Choose another one.',
    serverSays: 'The server says: {{detail}}',
  },
  totp: {
    title: 'Turn on two-factor sign-in',
    lead: 'Every sign-in will ask for a code from an app on your phone, so a stolen password is not enough to get in.',
    app: 'Install an authenticator app on your phone if you don’t have one (for example Aegis, 2FAS or Google Authenticator).',
    scan: 'In the app, add an account and scan this code:',
    qr: 'QR code to add hotshop to your authenticator app',
    manual: 'Can’t scan? Type this key in the app instead:',
    secretLabel: 'Key for manual entry',
    code: 'The 6-digit code the app shows now',
    submit: 'Turn on two-factor',
    submitting: 'Checking…',
    preparing: 'Preparing your key…',
    retry: 'Try again',
  },
  recovery: {
    title: 'Save your recovery codes',
    lead: 'If you lose your phone, each of these codes lets you sign in once instead of a two-factor code. They are shown only now: print them or write them down and keep them somewhere safe, not on this phone.',
    listLabel: 'Recovery codes',
    print: 'Print',
    saved: 'I saved these codes somewhere safe',
    continue: 'Continue',
  },
  errors: {
    invalid_credentials: 'The one-time password is not right.',
    invalid_input: 'This password cannot be used. Choose another one.',
    totp_invalid: 'That code is not right. Check that the time on your phone is correct and use the newest code.',
    totp_replayed: 'That code was already used. Wait for the next code in your app and enter it.',
    rate_limited: 'Too many attempts. Wait {{seconds}} seconds and try again.',
    unauthenticated: 'Your session ended. Sign in again.',
    network: 'No connection. Check your internet and try again.',
    unavailable: 'The server is not available right now. Try again soon.',
    generic: 'That did not work. Try again.',
  },
});
