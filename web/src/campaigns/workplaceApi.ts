// SPDX-License-Identifier: AGPL-3.0-or-later
// Making and editing the workplace (docs/api.md "Campaign workplace"):
// employers, worksites, bargaining units and their departments, shifts and
// job classes. One function per endpoint; edits send If-Match the version the
// screen shows (412 when someone changed it since).
import { requestJson, type ApiResult } from '../http/client';
import { etagOf, id, orgPath, type Area, type Employer, type Unit } from './api';

type Opts = { signal?: AbortSignal };

export interface WorksiteRecord {
  id: string;
  employer_id: string;
  name: string;
  address: string | null;
  time_zone: string | null;
  region: string | null;
  version: number;
}

export interface EmployerDetail extends Employer {
  worksites: WorksiteRecord[];
  units: { id: string; name: string }[];
}

export function createEmployer(org: string, campaign: string, body: { name: string }): Promise<ApiResult<Employer>> {
  return requestJson('POST', `${orgPath(org)}/campaigns/${id(campaign)}/employers`, body);
}

export function getEmployerDetail(org: string, employer: string, opts: Opts = {}): Promise<ApiResult<EmployerDetail>> {
  return requestJson('GET', `${orgPath(org)}/employers/${id(employer)}`, undefined, { signal: opts.signal });
}

export interface NewWorksite {
  name: string;
  address?: string;
  region?: string;
  time_zone?: string;
}

export function createWorksite(org: string, employer: string, body: NewWorksite): Promise<ApiResult<WorksiteRecord>> {
  return requestJson('POST', `${orgPath(org)}/employers/${id(employer)}/worksites`, body);
}

export interface NewUnit {
  employer_id: string;
  name: string;
  worksite_ids?: string[];
  size_override?: number;
}

export function createUnit(org: string, campaign: string, body: NewUnit): Promise<ApiResult<Unit>> {
  return requestJson('POST', `${orgPath(org)}/campaigns/${id(campaign)}/units`, body);
}

/** PATCH /units/{id}: `size_override: null` clears the entered size. */
export function patchUnit(
  org: string,
  unit: string,
  version: number,
  body: { name?: string; size_override?: number | null },
): Promise<ApiResult<Unit>> {
  return requestJson('PATCH', `${orgPath(org)}/units/${id(unit)}`, body, { headers: { 'If-Match': etagOf(version) } });
}

export type AreaKind = Area['kind'];

export function createArea(org: string, unit: string, body: { kind: AreaKind; name: string }): Promise<ApiResult<Area>> {
  return requestJson('POST', `${orgPath(org)}/units/${id(unit)}/areas`, body);
}

export function renameArea(org: string, area: string, version: number, name: string): Promise<ApiResult<Area>> {
  return requestJson('PATCH', `${orgPath(org)}/areas/${id(area)}`, { name }, { headers: { 'If-Match': etagOf(version) } });
}

/** The US time zones a worksite is in (IANA names), east to west. */
export const kUsTimeZones: readonly string[] = [
  'America/New_York',
  'America/Detroit',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Chicago',
  'America/Indiana/Knox',
  'America/Menominee',
  'America/North_Dakota/Center',
  'America/Denver',
  'America/Boise',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Adak',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/St_Thomas',
  'Pacific/Guam',
  'Pacific/Saipan',
  'Pacific/Pago_Pago',
];

/** This device's time zone (IANA), or '' when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}
