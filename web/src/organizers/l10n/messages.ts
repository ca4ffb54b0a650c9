// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of organizer profiles (namespace "organizers"); Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('organizers', {
  title: 'Organizers',
  lead: 'Volunteer organizers, where they can travel, what they speak and how much they can carry.',
  mine: 'My profile',
  edit: 'Edit',
  create: 'Create a profile',
  save: 'Save',
  noMentor: 'No mentor',
  needsMentor: 'new: needs a mentor before matching',
  paused: 'paused',
  summary: 'ZIP {{zip}} · {{radius}} km · {{languages}} · {{load}}/{{capacity}} campaigns',
  fields: {
    zip: 'Home ZIP',
    radius: 'How far they travel (km)',
    capacity: 'Campaigns they can carry',
    completed: 'Campaigns completed',
    languages: 'Languages',
    industries: 'Industries',
    industriesHint: 'Separated by commas, e.g. hotels, warehouses',
    training: 'Training completed',
    mentor: 'Mentor',
    available: 'Available for new requests',
  },
  training: {
    charting: 'Charting',
    conversation: 'The organizing conversation',
    campaign_arc: 'Campaign arc',
    inoculation: 'Inoculation',
  },
  errors: {
    not_found: 'You don\u2019t have access to these profiles.',
    conflict: 'Someone else changed this profile. Reload and try again.',
    invalid_input: 'Check the field "{{field}}" and try again.',
    network: 'No connection. Try again when you are online.',
    generic: 'Something went wrong. Try again.',
  },
});
