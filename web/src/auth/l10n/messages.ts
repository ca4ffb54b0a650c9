// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of sign-in and step-up (namespace "auth"); Spanish in
// es.json. errors.* keys are problem+json codes from the server (or
// client-side ones: network); errors.generic covers any other code.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('auth', {
  login: {
    title: 'Sign in',
    lead: 'For organizers, dispatchers and staff.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    codeNeeded: 'Enter the code from your authenticator app to finish signing in.',
    code: 'Two-factor code',
    submitCode: 'Continue',
    otherAccount: 'Use a different account',
    signedOut: 'You are signed out.',
  },
  code: {
    hint: 'The 6-digit code from your authenticator app, or one of your recovery codes (xxxx-xxxx-xxxx).',
  },
  stepUp: {
    title: 'Confirm it is you',
    lead: 'This action needs your password and a two-factor code again.',
    password: 'Password',
    code: 'Two-factor code',
    submit: 'Confirm',
    submitting: 'Checking…',
    cancel: 'Cancel',
  },
  errors: {
    invalid_credentials: 'The email or password is not right.',
    unauthenticated: 'The email or password is not right.',
    account_suspended: 'This account is suspended. Ask an admin of your organization to reactivate it.',
    totp_required: 'Enter your two-factor code.',
    totp_invalid: 'That code is not right. Check that the time on your phone is correct and use the newest code.',
    totp_replayed: 'That code was already used. Wait for the next code in your app and enter it.',
    rate_limited: 'Too many attempts. Wait {{seconds}} seconds and try again.',
    network: 'No connection. Check your internet and try again.',
    unavailable: 'The server is not available right now. Try again soon.',
    generic: 'Sign-in did not work. Try again.',
  },
});
