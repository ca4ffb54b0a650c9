// SPDX-License-Identifier: AGPL-3.0-or-later
// Elections, charges and deadlines endpoints (docs/api.md "Elections,
// charges and deadlines"), one function each. Edits send the version read
// as If-Match; a 412 comes back as problem code "stale_version".
import { requestJson, type ApiResult } from '../http/client';

export type Warning = 'none' | '30_days' | '14_days' | '7_days' | 'passed';

export interface Petition {
  id: string;
  unit_id: string;
  kind: string;
  case_number: string;
  filed_on: string;
  status: string;
  note?: string;
  version: number;
}

export interface TallyChoice {
  name: string;
  votes: number;
  no_union: boolean;
}

export interface TallyView {
  choices: TallyChoice[];
  void: number;
  challenged: number;
  outcome: string | null;
  count_outcome?: string;
  valid_votes?: number;
  majority?: number;
  winner?: string | null;
  runoff?: [string, string] | null;
}

export interface Timeline {
  rule: string;
  hearing_opens?: string | null;
  statement_of_position_due?: string | null;
  voter_list_due?: string | null;
  objections_due?: string | null;
  typical_election?: string;
}

export interface Election {
  id: string;
  unit_id: string;
  petition_id: string;
  attempt: number;
  kind: string;
  case_number: string | null;
  petition_filed_on: string | null;
  notice_served_on: string | null;
  hearing_on: string | null;
  direction_on: string | null;
  election_on: string | null;
  tally_on: string | null;
  certified_on: string | null;
  set_aside_on: string | null;
  timeline: Timeline | null;
  tally: TallyView | null;
  version: number;
}

export interface Agreement {
  id: string;
  kind: 'contract' | 'voluntary_recognition';
  effective_on: string | null;
  expires_on: string | null;
  recognized_on: string | null;
  first_session_on: string | null;
  written_and_signed: boolean;
  health_care: boolean;
  window?: { bar_ends: string; opens: string; closes: string; insulated_from: string };
  version: number;
}

export interface Bar {
  kind: string;
  runs_from: string;
  ends_on: string | null;
  petition_allowed_from: string | null;
  may_extend_until: string | null;
}

export interface Bars {
  as_of: string;
  in_force: Bar[];
  earliest_petition_date: string | null;
  earliest_unknown: boolean;
  contract_windows: { opens: string; closes: string; expires_on: string; open_now: boolean }[];
}

export interface CemexClock {
  rm_petition_due: string;
  days_left: number;
  status: string;
  majority_shown: boolean;
  circuit: string | null;
  advisories: { code: string; verified: boolean }[];
}

export interface CemexDemand {
  id: string;
  demanded_on: string;
  method: string;
  evidence: string;
  supporters: number;
  unit_size: number;
  state_code: string;
  response: string;
  responded_on: string | null;
  clock?: CemexClock | null;
  version: number;
}

export interface UnitElections {
  unit_id: string;
  campaign_id: string;
  as_of: string;
  petitions: Petition[];
  elections: Election[];
  agreements: Agreement[];
  bars: Bars;
  blocking_charges: number;
  cemex_enabled: boolean;
  can_edit: boolean;
  cemex_demands?: CemexDemand[];
}

export interface Charge {
  id: string;
  campaign_id: string;
  unit_id: string | null;
  kind: string;
  section?: string;
  conduct_on: string;
  filed_on: string | null;
  served_on: string | null;
  case_number: string;
  stage: string;
  next_stages: string[];
  final: boolean;
  blocking: boolean;
  names_person: boolean;
  ten_b?: { file_and_serve_by: string; days_left: number; met: boolean; warning: Warning };
  person_id?: string | null;
  description?: string;
  version: number;
}

export interface Deadline {
  kind: string;
  date: string;
  days_left: number;
  warning: Warning;
  campaign_id: string;
  unit_id: string | null;
  unit_name: string;
  case_number: string;
  detail: string | null;
  target: { type: string; id: string };
}

export interface FeedStatus {
  active: boolean;
  created_at: string | null;
  path?: string;
}

function orgPath(org: string): string {
  return `/api/orgs/${encodeURIComponent(org)}`;
}
const id = encodeURIComponent;
function ifMatch(version: number) {
  return { headers: { 'If-Match': `"v${version}"` } };
}

export function getUnitElections(org: string, unit: string, signal?: AbortSignal): Promise<ApiResult<UnitElections>> {
  return requestJson('GET', `${orgPath(org)}/units/${id(unit)}/elections`, undefined, { signal });
}
export function addPetition(org: string, unit: string, body: Record<string, unknown>): Promise<ApiResult<Petition>> {
  return requestJson('POST', `${orgPath(org)}/units/${id(unit)}/petitions`, body);
}
export function addElection(org: string, unit: string, body: Record<string, unknown>): Promise<ApiResult<Election>> {
  return requestJson('POST', `${orgPath(org)}/units/${id(unit)}/elections`, body);
}
export function editElection(org: string, e: Election, body: Record<string, unknown>): Promise<ApiResult<Election>> {
  return requestJson('PATCH', `${orgPath(org)}/elections/${id(e.id)}`, body, ifMatch(e.version));
}
export function putTally(org: string, e: Election, body: Record<string, unknown>): Promise<ApiResult<Election>> {
  return requestJson('PUT', `${orgPath(org)}/elections/${id(e.id)}/tally`, body, ifMatch(e.version));
}
export function addAgreement(org: string, unit: string, body: Record<string, unknown>): Promise<ApiResult<Agreement>> {
  return requestJson('POST', `${orgPath(org)}/units/${id(unit)}/agreements`, body);
}
export function editAgreement(org: string, a: Agreement, body: Record<string, unknown>): Promise<ApiResult<Agreement>> {
  return requestJson('PATCH', `${orgPath(org)}/agreements/${id(a.id)}`, body, ifMatch(a.version));
}
export function addCemexDemand(org: string, unit: string, body: Record<string, unknown>): Promise<ApiResult<CemexDemand>> {
  return requestJson('POST', `${orgPath(org)}/units/${id(unit)}/cemex-demands`, body);
}
export function editCemexDemand(org: string, d: CemexDemand, body: Record<string, unknown>): Promise<ApiResult<CemexDemand>> {
  return requestJson('PATCH', `${orgPath(org)}/cemex-demands/${id(d.id)}`, body, ifMatch(d.version));
}
export function listCharges(
  org: string,
  campaign: string,
  signal?: AbortSignal,
): Promise<ApiResult<{ charges: Charge[]; withheld_naming_people: number; can_edit: boolean }>> {
  return requestJson('GET', `${orgPath(org)}/campaigns/${id(campaign)}/charges`, undefined, { signal });
}
export function addCharge(org: string, campaign: string, body: Record<string, unknown>): Promise<ApiResult<Charge>> {
  return requestJson('POST', `${orgPath(org)}/campaigns/${id(campaign)}/charges`, body);
}
export function editCharge(org: string, c: Charge, body: Record<string, unknown>): Promise<ApiResult<Charge>> {
  return requestJson('PATCH', `${orgPath(org)}/charges/${id(c.id)}`, body, ifMatch(c.version));
}
export function moveChargeStage(org: string, c: Charge, stage: string): Promise<ApiResult<Charge>> {
  return requestJson('POST', `${orgPath(org)}/charges/${id(c.id)}/stage`, { stage }, ifMatch(c.version));
}
export function listDeadlines(
  org: string,
  campaign: string,
  options: { limit?: number; upcoming?: boolean; signal?: AbortSignal } = {},
): Promise<ApiResult<{ as_of: string; deadlines: Deadline[] }>> {
  const q = new URLSearchParams();
  if (options.limit) q.set('limit', String(options.limit));
  if (options.upcoming) q.set('upcoming', '1');
  const query = q.toString();
  return requestJson('GET', `${orgPath(org)}/campaigns/${id(campaign)}/deadlines${query ? `?${query}` : ''}`, undefined, {
    signal: options.signal,
  });
}
export function getFeed(signal?: AbortSignal): Promise<ApiResult<FeedStatus>> {
  return requestJson('GET', '/api/me/calendar-feed', undefined, { signal });
}
export function createFeed(): Promise<ApiResult<FeedStatus>> {
  return requestJson('POST', '/api/me/calendar-feed', {});
}
export function revokeFeed(): Promise<ApiResult<unknown>> {
  return requestJson('DELETE', '/api/me/calendar-feed');
}

export interface UnitSummary {
  id: string;
  name: string;
}
/** GET /api/orgs/{org}/campaigns/{id}/units (docs/api.md "Campaign workplace"). */
export function listUnits(org: string, campaign: string, signal?: AbortSignal): Promise<ApiResult<{ units: UnitSummary[] }>> {
  return requestJson('GET', `${orgPath(org)}/campaigns/${id(campaign)}/units`, undefined, { signal });
}

/** 202 answer of a voter-list upload: an import to poll at status_path. */
export interface VoterListStarted {
  import_id: string;
  election_id: string;
  tags: string[];
  status_path: string;
}

/**
 * POST /api/orgs/{org}/elections/{id}/voter-list with the file as the raw
 * body (R7: every row tagged restricted-use). A served list is small, so
 * fetch() without upload progress is enough; progress is the import's.
 */
export async function uploadVoterList(
  org: string,
  election: string,
  file: File,
  contentType: string,
): Promise<ApiResult<VoterListStarted>> {
  try {
    const res = await fetch(
      `${orgPath(org)}/elections/${id(election)}/voter-list?filename=${encodeURIComponent(file.name)}`,
      {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': contentType, 'X-Requested-With': 'hotshop', Accept: 'application/json, application/problem+json' },
        body: file,
      },
    );
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return { ok: true, value: body as VoterListStarted };
    const p = (body ?? {}) as { code?: string; field?: string };
    return { ok: false, problem: { status: res.status, code: p.code ?? 'generic', field: p.field } };
  } catch {
    return { ok: false, problem: { status: 0, code: 'unavailable' } };
  }
}

export interface ElectionSettings {
  cemex_enabled: boolean;
  version: number;
}
/** GET /api/orgs/{org}/election-settings (org admins). */
export function getElectionSettings(org: string, signal?: AbortSignal): Promise<ApiResult<ElectionSettings>> {
  return requestJson('GET', `${orgPath(org)}/election-settings`, undefined, { signal });
}
/** PUT /api/orgs/{org}/election-settings (org admins). */
export function putElectionSettings(org: string, s: ElectionSettings, cemexEnabled: boolean): Promise<ApiResult<ElectionSettings>> {
  return requestJson('PUT', `${orgPath(org)}/election-settings`, { cemex_enabled: cemexEnabled }, ifMatch(s.version));
}
