// SPDX-License-Identifier: AGPL-3.0-or-later
// A partner's side of referrals and the partner list (docs/api.md "Referrals").
import { requestJson } from '../http/client';
import type { Partner } from '../match/api';

export interface Incoming {
  id: string;
  state: 'offered' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
  from_org: string;
  offered_at_ms: number;
  expires_at_ms: number;
  card: { industry: string; city: string; size_band: string };
  fields: string[];
  copy?: { id: string; values: Record<string, string>; provenance: { from_org: string; consent_at_ms: number; consent_channel: string } };
}

const org = (o: string) => `/api/orgs/${encodeURIComponent(o)}`;

export function listIncoming(o: string) {
  return requestJson<{ referrals: Incoming[] }>('GET', `${org(o)}/referrals/incoming`);
}

export function answer(o: string, id: string, a: 'accept' | 'decline') {
  return requestJson<Incoming>('POST', `${org(o)}/referrals/incoming/answer`, { referral_id: id, answer: a });
}

export function listPartners(o: string) {
  return requestJson<{ partners: Partner[] }>('GET', `${org(o)}/partners`);
}

export function addPartner(o: string, slug: string) {
  return requestJson<Partner>('POST', `${org(o)}/partners`, { slug });
}

export function removePartner(o: string, id: string) {
  return requestJson<{ removed: string }>('POST', `${org(o)}/partners/remove`, { org_id: id });
}
