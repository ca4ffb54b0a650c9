// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of sign-in (namespace "auth"); Spanish in es.json.
// errors.* keys are problem+json codes from the server (or client-side ones:
// network); errors.generic covers any other code.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('auth', {
  login: {
    title: 'Sign in',
    lead: 'For organizers, dispatchers and staff.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
  },
  errors: {
    invalid_credentials: 'The email or password is not right.',
    unauthenticated: 'The email or password is not right.',
    rate_limited: 'Too many attempts. Wait a minute and try again.',
    network: 'No connection. Check your internet and try again.',
    unavailable: 'The server is not available right now. Try again soon.',
    generic: 'Sign-in did not work. Try again.',
  },
});
