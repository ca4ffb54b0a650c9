// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of a partner's side of referrals (namespace "referrals",
// journeys J2.3); Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('referrals', {
  title: 'Referrals',
  lead: 'Workers your partner organizations refer to you, with their consent.',
  empty: 'No referrals yet.',
  from: 'From {{org}}',
  card: '{{industry}} · {{city}} · {{size}} workers',
  fields: 'If you accept you receive: {{fields}}',
  expires: 'The offer expires {{at}}',
  accept: 'Accept',
  decline: 'Decline',
  provenance: 'Referred by {{org}}; consent by {{channel}} on {{at}}',
  partners: {
    title: 'Partner organizations',
    active: 'active',
    waiting: 'waiting for them to add you',
    slug: 'Partner\u2019s short name',
    add: 'Add partner',
    remove: 'Remove',
  },
  errors: {
    not_found: 'This referral is gone or you can no longer see it.',
    conflict: 'This referral can no longer be answered (expired or withdrawn).',
    invalid_input: 'That did not work: check the short name and try again.',
    network: 'No connection. Try again when you are online.',
    generic: 'Something went wrong. Try again.',
  },
});
