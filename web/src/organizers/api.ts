// SPDX-License-Identifier: AGPL-3.0-or-later
// Organizer profiles (docs/api.md "Organizers").
import { requestJson } from '../http/client';

export interface Profile {
  user_id: string;
  name: string;
  home_zip: string;
  radius_km: number;
  languages: string[];
  industries: string[];
  capacity: number;
  load: number;
  training: string[];
  mentor_id: string | null;
  completed_campaigns: number;
  available: boolean;
  needs_mentor: boolean;
  version: number;
}

export type ProfileInput = Omit<Profile, 'user_id' | 'name' | 'load' | 'needs_mentor' | 'version'>;

const base = (org: string) => `/api/orgs/${encodeURIComponent(org)}/organizers`;

export function listOrganizers(org: string) {
  return requestJson<{ organizers: Profile[]; without_profile: { user_id: string; name: string }[] }>('GET', base(org));
}

export function getOrganizer(org: string, id: string) {
  return requestJson<Profile>('GET', `${base(org)}/${encodeURIComponent(id)}`);
}

export function putOrganizer(org: string, id: string, version: number, p: ProfileInput) {
  return requestJson<Profile>('PUT', `${base(org)}/${encodeURIComponent(id)}`, p, { headers: { 'If-Match': `"v${version}"` } });
}

export function putAvailability(org: string, id: string, version: number, available: boolean) {
  return requestJson<Profile>('PUT', `${base(org)}/${encodeURIComponent(id)}/availability`, { available },
    { headers: { 'If-Match': `"v${version}"` } });
}
