// SPDX-License-Identifier: AGPL-3.0-or-later
// Campaign endpoints (docs/api.md "Campaigns and people" and "Campaign
// workplace"), one function each, through the one JSON client. Errors are
// values; the UI translates problem.code and problem.field, never the text.
import { requestJson, type ApiResult } from '../http/client';

export interface Campaign {
  id: string;
  name: string;
  status: string;
  version: number | string;
}

type Opts = { signal?: AbortSignal };

export function orgPath(org: string): string {
  return `/api/orgs/${encodeURIComponent(org)}`;
}

export function id(x: string): string {
  return encodeURIComponent(x);
}

function get<T>(path: string, opts: Opts = {}): Promise<ApiResult<T>> {
  return requestJson<T>('GET', path, undefined, { signal: opts.signal });
}

function ifMatch(etag: string | undefined): Readonly<Record<string, string>> | undefined {
  return etag ? { 'If-Match': etag } : undefined;
}

/** The ETag hotshop issues for a version number ("v3"). */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** GET /api/orgs/{org}/campaigns: only those in the caller's scope. */
export function listCampaigns(org: string, signal?: AbortSignal): Promise<ApiResult<{ campaigns: Campaign[] }>> {
  return requestJson<{ campaigns: Campaign[] }>('GET', `${orgPath(org)}/campaigns`, undefined, { signal });
}

export function getCampaign(org: string, campaign: string, opts?: Opts): Promise<ApiResult<Campaign>> {
  return get(`${orgPath(org)}/campaigns/${id(campaign)}`, opts);
}

// --- the workplace ------------------------------------------------------------

export interface Employer {
  id: string;
  campaign_id: string;
  name: string;
  version: number;
}

export interface Unit {
  id: string;
  campaign_id: string;
  employer_id: string;
  name: string;
  size_override: number | null;
  card_percent: number;
  support_percent: number;
  committee_percent: number;
  go_public_percent: number;
  worksite_ids: string[];
  version: number;
}

export interface Area {
  id: string;
  kind: 'department' | 'shift' | 'job_class';
  name: string;
  worksite_id: string | null;
  version: number;
}

export interface UnitDetail extends Unit {
  departments: Area[];
  shifts: Area[];
  job_classes: Area[];
}

export function listEmployers(org: string, campaign: string, opts?: Opts): Promise<ApiResult<{ employers: Employer[] }>> {
  return get(`${orgPath(org)}/campaigns/${id(campaign)}/employers`, opts);
}

export function listUnits(org: string, campaign: string, opts?: Opts): Promise<ApiResult<{ units: Unit[] }>> {
  return get(`${orgPath(org)}/campaigns/${id(campaign)}/units`, opts);
}

export function getUnit(org: string, unit: string, opts?: Opts): Promise<ApiResult<UnitDetail>> {
  return get(`${orgPath(org)}/units/${id(unit)}`, opts);
}

export interface Worksite {
  id: string;
  employer_id: string;
  name: string;
  region: string | null;
  version: number;
}

export function getWorksite(org: string, worksite: string, opts?: Opts): Promise<ApiResult<Worksite>> {
  return get(`${orgPath(org)}/worksites/${id(worksite)}`, opts);
}

/** What DELETE takes: employers, worksites, units and areas (departments,
 * shifts, job classes). 204 when nothing refers to it; 409 conflict whose
 * detail says what still does; 412 stale. */
export type WorkplaceObject = 'employers' | 'worksites' | 'units' | 'areas';

/** DELETE /api/orgs/{org}/{employers|worksites|units|areas}/{id}, If-Match the version seen. */
export function deleteWorkplaceObject(org: string, what: WorkplaceObject, object: string, version: number): Promise<ApiResult<void>> {
  return requestJson<void>('DELETE', `${orgPath(org)}/${what}/${id(object)}`, undefined, { headers: ifMatch(etagOf(version)) });
}

export interface NewWorker {
  name: string;
  phone?: string;
  preferred_language?: string;
  department_id?: string;
  shift_id?: string;
  employment_type?: 'full_time' | 'part_time' | 'unknown';
  supervisor?: boolean;
}

/** POST /units/{id}/people: a new person placed on the unit in one step. */
export function addWorker(org: string, unit: string, body: NewWorker): Promise<ApiResult<{ id: string; name: string }>> {
  return requestJson('POST', `${orgPath(org)}/units/${id(unit)}/people`, body);
}

// --- people ---------------------------------------------------------------------

export interface Person {
  id: string;
  campaign_id: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  preferred_language: string | null;
  version: number;
}

export function getPerson(org: string, person: string, opts?: Opts): Promise<ApiResult<Person>> {
  return get(`${orgPath(org)}/people/${id(person)}`, opts);
}

export interface Employment {
  id: string;
  worksite_id: string;
  unit_id: string | null;
  department_id: string | null;
  shift_id: string | null;
  job_class_id: string | null;
  employment_type: 'full_time' | 'part_time' | 'unknown';
  supervisor: boolean;
  started_on: string | null;
  recorded_at: string;
  ended_at: string | null;
  current: boolean;
}

export interface EmploymentAnswer {
  person_id: string;
  current: Employment | null;
  history: Employment[];
  version: number;
}

export function getEmployment(org: string, person: string, opts?: Opts): Promise<ApiResult<EmploymentAnswer>> {
  return get(`${orgPath(org)}/people/${id(person)}/employment`, opts);
}

export interface EmploymentChange {
  worksite_id: string;
  unit_id?: string;
  department_id?: string;
  shift_id?: string;
  employment_type?: 'full_time' | 'part_time' | 'unknown';
  supervisor?: boolean;
}

export function putEmployment(
  org: string,
  person: string,
  body: EmploymentChange,
  etag: string,
): Promise<ApiResult<Employment>> {
  return requestJson('PUT', `${orgPath(org)}/people/${id(person)}/employment`, body, { headers: ifMatch(etag) });
}

export type ConnectionKind = 'influences' | 'friend' | 'family' | 'carpool';

export interface Connection {
  id: string;
  person_id: string;
  name: string | null;
  kind: ConnectionKind;
  direction: 'influences' | 'influenced_by' | 'mutual';
}

export function getConnections(org: string, person: string, opts?: Opts): Promise<ApiResult<{ connections: Connection[] }>> {
  return get(`${orgPath(org)}/people/${id(person)}/connections`, opts);
}

export function addConnection(
  org: string,
  person: string,
  other: string,
  kind: ConnectionKind,
): Promise<ApiResult<Connection>> {
  return requestJson('POST', `${orgPath(org)}/people/${id(person)}/connections`, { other_person_id: other, kind });
}

// --- assessments ------------------------------------------------------------------

export interface Scale {
  id: string;
  campaign_id: string | null;
  name: string;
  max_level: number;
  labels: string[];
  support_levels: number[];
  /** R18 rule assessments: the level a fact sets, null = no rule. */
  rules?: ScaleRules;
  is_default: boolean;
  version: number;
}

export interface ScaleRules {
  card_signed: number | null;
  structure_test: number | null;
}

export type RuleName = keyof ScaleRules;

/** The org's default scale and the campaign's own (GET .../assessment-scales). */
export function listScales(org: string, campaign: string, opts?: Opts): Promise<ApiResult<{ scales: Scale[] }>> {
  return get(`${orgPath(org)}/campaigns/${id(campaign)}/assessment-scales`, opts);
}

export interface NewScale {
  name: string;
  max_level: number;
  labels: string[];
  support_levels: number[];
  rules: ScaleRules;
}

export function createScale(org: string, campaign: string, body: NewScale): Promise<ApiResult<Scale>> {
  return requestJson('POST', `${orgPath(org)}/campaigns/${id(campaign)}/assessment-scales`, body);
}

/** Renames a scale, relabels its levels, sets its rules (If-Match; 412 when
 * someone changed it since). Levels and support levels are fixed once made. */
export function patchScale(
  org: string,
  scale: string,
  body: { name?: string; labels?: string[]; rules?: ScaleRules },
  version: number,
): Promise<ApiResult<Scale>> {
  return requestJson('PATCH', `${orgPath(org)}/assessment-scales/${id(scale)}`, body, { headers: ifMatch(etagOf(version)) });
}

export interface Assessment {
  id: string;
  value: number;
  label: string | null;
  assessed_at: string;
  assessed_on: string;
  source: 'human' | 'rule';
  by: string;
  by_name?: string | null;
  note: string | null;
}

export interface AssessmentHistory {
  person_id: string;
  scale: Scale;
  effective: Assessment | null;
  history: Assessment[];
  version: number;
  added?: Assessment;
}

export function getAssessments(org: string, person: string, opts?: Opts): Promise<ApiResult<AssessmentHistory>> {
  return get(`${orgPath(org)}/people/${id(person)}/assessments`, opts);
}

/** Adds a rating; with an ETag, 412 stale_version when someone rated since. */
export function addAssessment(
  org: string,
  person: string,
  body: { value: number; note?: string; scale_id?: string },
  etag?: string,
): Promise<ApiResult<AssessmentHistory>> {
  return requestJson('POST', `${orgPath(org)}/people/${id(person)}/assessments`, body, { headers: ifMatch(etag) });
}

// --- the wall chart ------------------------------------------------------------------

export type CardStatus = 'counts' | 'counts_stale' | 'revoked' | 'superseded' | 'unsigned' | 'future_dated' | 'undated';

export interface ChartConnection {
  id: string;
  person_id: string;
  name: string;
  kind: ConnectionKind;
  direction: 'influences' | 'influenced_by' | 'mutual';
}

export interface ChartRow {
  person_id: string;
  name: string;
  department: string | null;
  location: string | null;
  shift: string | null;
  job_class: string | null;
  employment: 'full_time' | 'part_time' | 'unknown';
  supervisor: boolean;
  started_on: string | null;
  card_signed: boolean;
  card_signed_on: string | null;
  card_status: CardStatus | null;
  resign_prompt: boolean;
  committee_role: 'committee' | 'helper' | null;
  rating: number;
  rating_label: string | null;
  assessed_on: string | null;
  assessed_by: string | null;
  assessed_by_name?: string | null;
  assessed_by_rule: boolean;
  assessment_version: number;
  last_contact_on: string | null;
  last_contact_by: string | null;
  cell_phone: string | null;
  preferred_language: string | null;
  connections: ChartConnection[];
}

export interface Chart {
  unit: { id: string; name: string; campaign_id: string };
  as_of: string;
  scale: Scale;
  workers: number;
  departments: { department: string | null; shifts: { shift: string | null; rows: ChartRow[] }[] }[];
}

export function getChart(org: string, unit: string, opts?: Opts): Promise<ApiResult<Chart>> {
  return get(`${orgPath(org)}/units/${id(unit)}/chart`, opts);
}

// --- meters -----------------------------------------------------------------------

/** Counts are numbers, or "<5" for readers who may not see people. */
export type Count = number | string;

export interface SupportCounts {
  workers: Count;
  assessed: Count;
  supporters: Count;
  percent: number | null;
  by_level: Count[];
  department?: string | null;
  shift?: string | null;
}

export interface CoverageArea {
  kind: 'unit' | 'department' | 'shift' | 'department_shift';
  department: string | null;
  shift: string | null;
  workers: Count;
  members: Count;
  needed: number;
  short_by: number;
}

export interface Criterion {
  met: boolean;
  have: Count;
  need: number;
}

export interface Meters {
  unit: { id: string; name: string };
  as_of: string;
  unit_size: Count;
  size_source: 'chart' | 'entered';
  on_chart: Count;
  supervisors_excluded: Count;
  empty: boolean;
  showing?: {
    required: number;
    counted: Count;
    stale: Count;
    rejected_undated: Count;
    revoked: Count;
    percent: number | null;
    met: boolean;
  };
  majority?: { need: number; have: Count; met: boolean };
  readiness?: {
    ready: boolean;
    cards_signed: Count;
    cards: Criterion;
    support: Criterion;
    committee_size: Criterion;
    committee_spread: Criterion;
    departments_without_committee: string[];
    thresholds: { card_percent: number; support_percent: number; committee_percent: number };
  };
  support?: {
    unit: SupportCounts;
    by_department: SupportCounts[];
    by_shift: SupportCounts[];
    by_department_shift: SupportCounts[];
  };
  committee?: {
    unit: CoverageArea;
    areas: CoverageArea[];
    uncovered: CoverageArea[];
    supervisors_on_committee: number;
  } | null;
  trend?: { on: string; supporters: Count; percent: number | null }[];
}

export function getMeters(org: string, unit: string, opts?: Opts): Promise<ApiResult<Meters>> {
  return get(`${orgPath(org)}/units/${id(unit)}/meters`, opts);
}

// --- rollup -----------------------------------------------------------------------

export type RollupSort = 'name' | 'region' | 'workers' | 'support' | 'cards';

export interface RollupShop {
  worksite_id: string;
  name: string;
  region: string | null;
  units: string[];
  workers: Count;
  supporters: Count;
  support_percent: number | null;
  cards: Count;
  card_percent: number | null;
  assessed?: Count;
  assessed_percent?: number | null;
  committee?: Count;
  committee_needed?: number;
  committee_covered?: boolean;
  last_contact_on?: string | null;
}

export interface Rollup {
  employer: { id: string; name: string };
  as_of: string;
  region: string | null;
  sort: RollupSort;
  order: 'asc' | 'desc';
  regions: string[];
  totals: {
    shops: number;
    workers: Count;
    supporters: Count;
    support_percent: number | null;
    cards: Count;
    card_percent: number | null;
    assessed?: Count;
    assessed_percent?: number | null;
    committee?: Count;
  };
  shops: RollupShop[];
}

export function getEmployer(
  org: string,
  employer: string,
  opts?: Opts,
): Promise<ApiResult<Employer & { units: { id: string; name: string }[] }>> {
  return get(`${orgPath(org)}/employers/${id(employer)}`, opts);
}

export function getRollup(
  org: string,
  employer: string,
  q: { region?: string; sort?: RollupSort; order?: 'asc' | 'desc' },
  opts?: Opts,
): Promise<ApiResult<Rollup>> {
  const params = new URLSearchParams();
  if (q.region) params.set('region', q.region);
  if (q.sort) params.set('sort', q.sort);
  if (q.order) params.set('order', q.order);
  const qs = params.toString();
  return get(`${orgPath(org)}/employers/${id(employer)}/rollup${qs ? `?${qs}` : ''}`, opts);
}

// --- cards -------------------------------------------------------------------------

export interface CardRecord {
  id: string;
  person_id: string;
  name: string | null;
  on_chart: boolean;
  signed_on: string;
  method: 'paper_photo' | 'e_signature';
  signed_at: string | null;
  evidence_hash: string | null;
  revoked_on: string | null;
  status: CardStatus;
  resign_prompt: boolean;
  version: number;
}

export interface CardsAnswer {
  unit: { id: string; name: string };
  as_of: string;
  cards: CardRecord[];
  showing: { unit_size: number; required: number; counted: number; stale: number; met: boolean } | null;
}

export function getCards(org: string, unit: string, opts?: Opts): Promise<ApiResult<CardsAnswer>> {
  return get(`${orgPath(org)}/units/${id(unit)}/cards`, opts);
}

export interface NewCard {
  person_id: string;
  signed_on?: string;
  method: 'paper_photo' | 'e_signature';
  signed_at?: string;
  evidence_hash?: string;
  has_signature?: boolean;
}

export function addCard(org: string, unit: string, body: NewCard): Promise<ApiResult<CardRecord>> {
  return requestJson('POST', `${orgPath(org)}/units/${id(unit)}/cards`, body);
}

// --- committee ------------------------------------------------------------------------

export interface CommitteeMember {
  id: string;
  person_id: string;
  name: string | null;
  role: 'committee' | 'helper';
  since_on: string;
  until_on: string | null;
  version: number;
}

export function getCommittee(org: string, campaign: string, opts?: Opts): Promise<ApiResult<{ members: CommitteeMember[] }>> {
  return get(`${orgPath(org)}/campaigns/${id(campaign)}/committee`, opts);
}

export function addCommitteeMember(
  org: string,
  campaign: string,
  person: string,
  role: 'committee' | 'helper' = 'committee',
): Promise<ApiResult<CommitteeMember>> {
  return requestJson('POST', `${orgPath(org)}/campaigns/${id(campaign)}/committee`, { person_id: person, role });
}

export function endCommitteeMember(org: string, member: string, version: number): Promise<ApiResult<CommitteeMember>> {
  return requestJson('POST', `${orgPath(org)}/committee/${id(member)}/end`, {}, { headers: ifMatch(etagOf(version)) });
}

// --- structure tests -------------------------------------------------------------------

export type TestKind =
  | 'majority_petition'
  | 'sticker_day'
  | 'photo'
  | 'delegation'
  | 'march_on_the_boss'
  | 'strike_vote'
  | 'custom';

export const kTestKinds: readonly TestKind[] = [
  'majority_petition',
  'sticker_day',
  'photo',
  'delegation',
  'march_on_the_boss',
  'strike_vote',
  'custom',
];

export type TargetKind = 'department' | 'shift' | 'language' | 'entrance';

export interface TestGroup {
  kind: 'unit' | TargetKind;
  name: string | null;
  members: Count;
  participated: Count;
  target: number;
  percent: number | null;
  met: boolean;
}

export interface StructureTest {
  id: string;
  kind: TestKind;
  name: string;
  held_on: string;
  target_percent: number;
  targets: { kind: TargetKind; name: string; percent: number }[];
  targets_without_members: { kind: TargetKind; name: string }[];
  result: { met: boolean; unit: TestGroup; groups: TestGroup[]; uncovered: TestGroup[] } | null;
  version: number;
}

export interface StructureTests {
  unit: { id: string; name: string };
  tests: StructureTest[];
  trend: { held_on: string; kind: TestKind; percent: number | null; change: number; escalated: boolean }[];
  go_public: { threshold_percent: number; met: boolean; participated: Count; needed: number } | null;
}

export function getStructureTests(org: string, unit: string, opts?: Opts): Promise<ApiResult<StructureTests>> {
  return get(`${orgPath(org)}/units/${id(unit)}/structure-tests`, opts);
}

export interface NewStructureTest {
  kind: TestKind;
  name?: string;
  held_on: string;
  target_percent: number;
  targets?: { kind: TargetKind; name: string; percent: number }[];
}

export function addStructureTest(org: string, unit: string, body: NewStructureTest): Promise<ApiResult<StructureTest>> {
  return requestJson('POST', `${orgPath(org)}/units/${id(unit)}/structure-tests`, body);
}

export function getStructureTest(
  org: string,
  test: string,
  opts?: Opts,
): Promise<ApiResult<StructureTest & { unit_id?: string; go_public: StructureTests['go_public'] }>> {
  return get(`${orgPath(org)}/structure-tests/${id(test)}`, opts);
}

export interface ParticipationRow {
  person_id: string;
  name: string | null;
  department: string | null;
  shift: string | null;
  language: string | null;
  recorded: boolean;
  participated: boolean;
}

export function getParticipation(org: string, test: string, opts?: Opts): Promise<ApiResult<{ roster: ParticipationRow[] }>> {
  return get(`${orgPath(org)}/structure-tests/${id(test)}/participation`, opts);
}

export function putParticipation(
  org: string,
  test: string,
  person: string,
  participated: boolean,
): Promise<ApiResult<unknown>> {
  return requestJson('PUT', `${orgPath(org)}/structure-tests/${id(test)}/participation`, {
    person_id: person,
    participated,
  });
}
