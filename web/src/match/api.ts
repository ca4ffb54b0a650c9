// SPDX-License-Identifier: AGPL-3.0-or-later
// Matching (docs/api.md "Matching", "Referrals"): the ranked organizers for
// one request, the assignment, and referring the request to a partner org.
import { requestJson } from '../http/client';

export interface Reason {
  code: string;
  blocks: boolean;
  text?: string;
  km?: number;
  limit_km?: number;
  count?: number;
  limit?: number;
}

export interface RankedOrganizer {
  user_id: string;
  name: string;
  assignable: boolean;
  score: number;
  distance_km: number | null;
  reasons: Reason[];
}

export interface AssignmentRow {
  id: string;
  organizer_id: string;
  organizer_name: string;
  assigned_at_ms: number;
  accepted_at_ms: number | null;
  ended_at_ms: number | null;
  end_kind: string;
}

export interface Ranking {
  intake: {
    id: string; stage: string; version: number; language: string; industry: string; city: string; zip: string;
    region: string; size_band: string; assigned_to: string | null;
  };
  organizers: RankedOrganizer[];
  total: number;
  assignable: number;
  history: AssignmentRow[];
}

export interface Partner { org_id: string; slug: string; name: string; they_list_us: boolean; active: boolean }

export interface OutgoingReferral {
  id: string;
  state: string;
  partner_org_id: string;
  partner_name: string;
  offered_at_ms: number;
  expires_at_ms: number;
  fields: string[];
  consent: { recorded_by: string; at_ms: number; channel: string };
}

const org = (o: string) => `/api/orgs/${encodeURIComponent(o)}`;

export function getRanking(o: string, intake: string) {
  return requestJson<Ranking>('GET', `${org(o)}/intakes/${encodeURIComponent(intake)}/organizers`);
}

export function assign(o: string, intake: string, version: number, organizer: string) {
  return requestJson<{ stage: string; version: number }>('POST', `${org(o)}/intakes/${encodeURIComponent(intake)}/assign`,
    { organizer_id: organizer }, { headers: { 'If-Match': `"v${version}"` } });
}

export function getPartners(o: string) {
  return requestJson<{ partners: Partner[] }>('GET', `${org(o)}/partners`);
}

export function getReferrals(o: string, intake: string) {
  return requestJson<{ referrals: OutgoingReferral[] }>('GET', `${org(o)}/intakes/${encodeURIComponent(intake)}/referrals`);
}

export function offerReferral(o: string, intake: string, partner: string, fields: string[], channel: string) {
  return requestJson<OutgoingReferral>('POST', `${org(o)}/intakes/${encodeURIComponent(intake)}/referrals`,
    { partner_org_id: partner, fields, consent_channel: channel, consent_given: true });
}

export function withdrawReferral(o: string, intake: string, referral: string) {
  return requestJson<OutgoingReferral>('POST', `${org(o)}/intakes/${encodeURIComponent(intake)}/referrals/withdraw`,
    { referral_id: referral });
}
