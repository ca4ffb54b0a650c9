// SPDX-License-Identifier: AGPL-3.0-or-later
// The movement view (docs/api.md "Movement view"). Counts are numbers, or
// "<5" when suppressed for viewers.
import { requestJson } from '../http/client';

export type Count = number | string;

export interface Group {
  key: string;
  intakes: Count;
  stages: Record<string, Count>;
  first_contact: { count: Count; median_ms: number | null; p90_ms: number | null };
  organizers: Count;
  load: Count;
  capacity: Count;
}

export interface Movement { suppressed: boolean; total: Group; by_region: Group[]; by_industry: Group[] }

export function getMovement(org: string) {
  return requestJson<Movement>('GET', `/api/orgs/${encodeURIComponent(org)}/movement`);
}
