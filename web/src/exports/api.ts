// SPDX-License-Identifier: AGPL-3.0-or-later
// Export endpoints (docs/api.md "Exports"), one function each. `org` is the
// organization's slug. Creating an export needs a step-up: the shared
// client answers 401 step_up_required with the step-up dialog and retries
// once (http/client.ts). The file itself is not fetched here: the page links
// to download_url, which the browser saves (Content-Disposition:
// attachment), so the CSV never passes through the page's memory or storage.
import { requestJson, type ApiResult } from '../http/client';

/** The fields an export may carry, in file order (io/export_csv.h). */
export const kExportFields = [
  'name',
  'first_name',
  'last_name',
  'phone',
  'email',
  'address',
  'preferred_language',
  'campaign',
  'external_id',
] as const;
export type ExportField = (typeof kExportFields)[number];

/** Chosen by default: the least that makes a call list. */
export const kDefaultFields: readonly ExportField[] = ['name', 'phone'];

export const kReasonMin = 10;
export const kReasonMax = 500;

export interface ExportInput {
  reason: string;
  fields: ExportField[];
  /** A campaign id; absent: everyone the person may export. */
  campaign?: string;
}

export interface ExportCreated {
  id: string;
  /** Same-origin path; works once, for its maker, until expires_at. */
  download_url: string;
  expires_at: number;
  rows: number;
  fields: ExportField[];
  /** People the law keeps out of exports (R7: an NLRB voter list is for the proceeding only). */
  left_out?: { restricted_use: number; reason: string | null };
}

export interface ExportLogEntry {
  id: string;
  created_by: string;
  campaign_id: string | null;
  fields: ExportField[];
  rows: number;
  reason: string;
  created_at: number;
  expires_at: number;
  downloaded_at: number | null;
}

function orgPath(org: string): string {
  return `/api/orgs/${encodeURIComponent(org)}`;
}

/** POST /api/orgs/{org}/exports (step-up). */
export function createExport(org: string, input: ExportInput): Promise<ApiResult<ExportCreated>> {
  return requestJson<ExportCreated>('POST', `${orgPath(org)}/exports`, input);
}

/** GET /api/orgs/{org}/exports: the export log (org admins; reading it is audited). */
export function listExports(org: string, signal?: AbortSignal): Promise<ApiResult<{ exports: ExportLogEntry[] }>> {
  return requestJson<{ exports: ExportLogEntry[] }>('GET', `${orgPath(org)}/exports`, undefined, { signal });
}
