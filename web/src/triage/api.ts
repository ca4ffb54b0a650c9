// SPDX-License-Identifier: AGPL-3.0-or-later
// The dispatcher's intake API (docs/api.md "Intake"): the queue, a request's
// details, spam marks, duplicates and merges, pipeline steps, the legal
// hold, and opening a campaign from a matched request.
import { requestJson, type ApiResult } from '../http/client';

export type Stage =
  | 'new' | 'triaged' | 'matched' | 'first_contact' | 'assessed' | 'campaign_opened' | 'referred' | 'closed';
export type Badge = 'green' | 'amber' | 'red' | 'met' | 'late';

export interface Intake {
  id: string;
  stage: Stage;
  received_at_ms: number;
  repeat_count: number;
  repeat_request: boolean;
  name: string;
  phone: string | null;
  email: string | null;
  work_email: boolean;
  employer: string;
  best_time: string;
  city: string;
  zip: string;
  region: string;
  industry: string;
  size_band: string;
  language: string;
  spam: boolean;
  spam_reason: string;
  legal_hold: boolean;
  legal_hold_reason: string;
  assigned_to: string | null;
  campaign_id: string | null;
  close_reason: string;
  version: number;
  purge_after_ms: number | null;
  sla: { badge: Badge; waited_ms: number; due_at_ms: number; overdue: boolean; hours: number };
  story?: string;
  events?: { id: string; at_ms: number; actor: string; kind: string; from_stage: string | null; to_stage: string | null; note: string }[];
}

export interface Suggestion {
  kind: 'intake' | 'person';
  id: string;
  match: string;
  name: string;
  phone: string | null;
  email: string | null;
  stage?: Stage;
  received_at_ms?: number;
}

export interface QueueFilter {
  language?: string;
  region?: string;
  industry?: string;
  age?: '' | 'lt24' | 'gt24' | 'gt48';
  spam?: boolean;
  overdue?: boolean;
}

const base = (org: string) => `/api/orgs/${encodeURIComponent(org)}/intakes`;

export function listIntakes(org: string, f: QueueFilter, signal?: AbortSignal) {
  const q = new URLSearchParams();
  if (f.language) q.set('language', f.language);
  if (f.region) q.set('region', f.region);
  if (f.industry) q.set('industry', f.industry);
  if (f.age === 'lt24') q.set('max_age_hours', '24');
  if (f.age === 'gt24') q.set('min_age_hours', '24');
  if (f.age === 'gt48') q.set('min_age_hours', '48');
  if (f.spam) q.set('spam', '1');
  if (f.overdue) q.set('overdue', '1');
  const qs = q.toString();
  return requestJson<{ intakes: Intake[] }>('GET', base(org) + (qs ? `?${qs}` : ''), undefined, { signal });
}

export function getIntake(org: string, id: string): Promise<ApiResult<Intake>> {
  return requestJson<Intake>('GET', `${base(org)}/${id}`);
}

export function markSpam(org: string, i: Intake, spam: boolean, reason: string): Promise<ApiResult<Intake>> {
  return requestJson<Intake>('POST', `${base(org)}/${i.id}/spam`, { spam, reason }, { headers: { 'If-Match': `"v${i.version}"` } });
}

export function getDuplicates(org: string, id: string) {
  return requestJson<{ intake: Intake; suggestions: Suggestion[] }>('GET', `${base(org)}/${id}/duplicates`);
}

export function merge(org: string, i: Intake, target: Suggestion, reason: string): Promise<ApiResult<Intake>> {
  const body = target.kind === 'intake' ? { into_intake_id: target.id, reason } : { person_id: target.id, reason };
  return requestJson<Intake>('POST', `${base(org)}/${i.id}/merge`, body, { headers: { 'If-Match': `"v${i.version}"` } });
}

export function moveStage(org: string, i: Intake, to: Stage, reason: string): Promise<ApiResult<Intake>> {
  return requestJson<Intake>('POST', `${base(org)}/${i.id}/stage`, { to, reason }, { headers: { 'If-Match': `"v${i.version}"` } });
}

const ifMatch = (i: Intake) => ({ headers: { 'If-Match': `"v${i.version}"` } });

/** Matched back to the queue (J2.2): the assignment is cleared; a reason is required. */
export function decline(org: string, i: Intake, reason: string): Promise<ApiResult<Intake>> {
  return requestJson<Intake>('POST', `${base(org)}/${i.id}/decline`, { reason }, ifMatch(i));
}

/** Org admins only (R40): a held request is never purged. */
export function setLegalHold(org: string, i: Intake, hold: boolean, reason: string): Promise<ApiResult<Intake>> {
  return requestJson<Intake>('POST', `${base(org)}/${i.id}/legal-hold`, hold ? { hold, reason } : { hold }, ifMatch(i));
}

export interface OpenedCampaign {
  campaign_id: string;
  employer_id: string;
  worksite_id: string;
  person_id: string;
  intake: Intake;
}

/** Opens a campaign from a matched (first contact, assessed) request, the worker its first person. */
export function openCampaign(org: string, i: Intake): Promise<ApiResult<OpenedCampaign>> {
  return requestJson<OpenedCampaign>('POST', `${base(org)}/${i.id}/campaign`, {}, ifMatch(i));
}
