// SPDX-License-Identifier: AGPL-3.0-or-later
// English strings of the movement view (namespace "movement"); Spanish in es.json.
import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('movement', {
  title: 'Movement',
  lead: 'How fast workers who ask for help reach a human, and who is carrying the work.',
  suppressed: 'Counts under 5 are shown as "<5" to protect the people in them.',
  unknown: 'unknown',
  hours: 'median {{median}} h · 90% {{p90}} h',
  load: '{{load}} of {{capacity}}',
  total: {
    title: 'All requests',
    line: '{{intakes}} requests · first contact: median {{median}} h, 90% within {{p90}} h · organizers carry {{load}} of {{capacity}}',
  },
  charts: {
    stages: 'Requests by stage',
    contactRegion: 'Time to first contact, by region',
    contactIndustry: 'Time to first contact, by industry',
    intakesRegion: 'Requests by region',
    intakesIndustry: 'Requests by industry',
    load: 'Organizers\u2019 load against capacity, by region',
  },
  stage: {
    new: 'New',
    triaged: 'Triaged',
    matched: 'Matched',
    first_contact: 'First contact',
    assessed: 'Assessed',
    campaign_opened: 'Campaign opened',
    referred: 'Referred',
    closed: 'Closed',
  },
  errors: {
    not_found: 'You don\u2019t have access to this view.',
    network: 'No connection. Try again when you are online.',
    generic: 'Something went wrong. Try again.',
  },
});
