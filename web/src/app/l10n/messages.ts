// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of the app shell (namespace "app"); Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('app', {
  skipToContent: 'Skip to content',
  nav: {
    label: 'Main',
    menu: 'Menu',
    help: 'Get help',
    triage: 'Triage',
    my: 'My organizing',
    campaigns: 'Campaigns',
    cases: 'Cases',
    field: 'Calls and doors',
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
});
