// SPDX-License-Identifier: AGPL-3.0-or-later
// Contact-list import endpoints (docs/api.md "Imports"; the contract of the
// `hotshop import` issue, journey J5.3), one function each, and who may use
// them. `org` is the organization's slug.
//
// The upload is the one request that is not JSON: the file's bytes are the
// body, sent with XMLHttpRequest because fetch() cannot report upload
// progress (a 1M-row file is ~60 MB). It carries X-Requested-With like every
// write (security-model.md §2.7). Everything else goes through requestJson.
// Errors are values (ApiResult), never exceptions.
import { loadSession } from '../auth/state';
import { parseRetryAfter, requestJson, type ApiResult, type Problem } from '../http/client';

/** The server's limit on one upload (413 beyond it). */
export const kMaxUploadBytes = 128 * 1024 * 1024;

export type SourceFormat = 'ab' | 'an' | 'van' | 'spoke' | 'st' | 'generic';
export type Confidence = 'high' | 'medium' | 'low' | 'none';
export type ColumnAction = 'field' | 'custom' | 'skip';
export type ImportMode = 'partial' | 'atomic';
export type DuplicatePolicy = 'fill' | 'overwrite' | 'skip';
export type ImportState = 'staged' | 'running' | 'completed' | 'failed';

export interface StagedColumn {
  index: number;
  header: string;
  action: ColumnAction;
  field: string | null;
  custom_key: string;
  note: string;
  /** Up to 3 non-empty values from the file. */
  samples: string[];
}

/** 201 answer of the upload: the file is held in memory until imported. */
export interface StagedImport {
  id: string;
  filename: string;
  bytes: number;
  expires_at: string | number;
  format: SourceFormat;
  confidence: Confidence;
  /** English, for the record; the UI words it from format and confidence. */
  reason: string;
  encoding: string;
  columns: StagedColumn[];
  warnings: string[];
  /** Every field name a column may be mapped to. */
  fields: string[];
  /** The first data rows, cells as in the file. */
  preview: string[][];
}

export interface ColumnChoice {
  index: number;
  action: ColumnAction;
  field?: string;
}

export interface StartInput {
  columns?: ColumnChoice[];
  mode: ImportMode;
  on_duplicate: DuplicatePolicy;
  tags?: string[];
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  /** Duplicates left unchanged and blank rows. */
  skipped: number;
  rejected: number;
  /** Rows that match two or more people: not imported, listed to merge. */
  suggested: number;
  warnings: number;
  /** false: all-or-nothing with a rejected row, so nothing was written. */
  committed: boolean;
  /** This exact file was imported before: nothing was done. */
  already_imported: boolean;
  /** Continued an import the server stopped part way. */
  resumed?: boolean;
  format?: SourceFormat | string;
  mode: ImportMode | null;
  on_duplicate: DuplicatePolicy | null;
}

export interface ImportStatus {
  id: string;
  filename: string;
  state: ImportState;
  bytes_total: number;
  bytes_done: number;
  rows_done: number;
  /** 0.0 to 1.0 */
  fraction: number;
  summary: ImportSummary | null;
  error: { title: string; detail: string } | null;
  /** The import's entry in the organization's history, once it has one. */
  record_id?: string | null;
  report_available: boolean;
}

export interface RecentImport {
  id: string;
  filename?: string;
  state: ImportState;
  started_at: string | number | null;
  finished_at: string | number | null;
  format: SourceFormat | string;
  mode: ImportMode | string;
  on_duplicate: DuplicatePolicy | string;
  rows_done: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  suggested: number;
  report_available?: boolean;
}

function importsPath(org: string): string {
  return `/api/orgs/${encodeURIComponent(org)}/imports`;
}

function importPath(org: string, id: string): string {
  return `${importsPath(org)}/${encodeURIComponent(id)}`;
}

/** The Content-Type the server accepts for a file of this name. */
export function contentTypeFor(file: { name: string; type: string }): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.tsv') || name.endsWith('.tab') || file.type === 'text/tab-separated-values') {
    return 'text/tab-separated-values';
  }
  if (name.endsWith('.txt')) return 'text/plain';
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  return 'application/octet-stream';
}

function problemOf(xhr: XMLHttpRequest): Problem {
  const status = xhr.status;
  const fallback =
    status === 401
      ? 'unauthenticated'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not_found'
          : status === 409
            ? 'conflict'
            : status === 413
              ? 'too_large'
              : status === 429
                ? 'rate_limited'
                : status >= 500
                  ? 'unavailable'
                  : 'invalid_input';
  const problem: Problem = { status, code: fallback };
  const retryAfter = parseRetryAfter(xhr.getResponseHeader('Retry-After'));
  if (retryAfter !== undefined) problem.retryAfter = retryAfter;
  try {
    const body: unknown = JSON.parse(xhr.responseText);
    if (body && typeof body === 'object') {
      const { code, field, detail } = body as { code?: unknown; field?: unknown; detail?: unknown };
      if (typeof code === 'string' && code) problem.code = code;
      if (typeof field === 'string' && field) problem.field = field;
      if (typeof detail === 'string' && detail) problem.detail = detail;
    }
  } catch {
    // Not JSON (e.g. a proxy's 413 page): keep the code from the status.
  }
  // 413 is "too big" whatever code the server gave it.
  if (status === 413) problem.code = 'too_large';
  return problem;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POST /api/orgs/{org}/imports?filename=…: uploads the file's bytes and
 * returns the detected mapping. onProgress reports bytes sent; aborting the
 * signal cancels the upload (problem code "aborted").
 */
export function uploadImport(
  org: string,
  file: File,
  onProgress?: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<ApiResult<StagedImport>> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ ok: false, problem: { status: 0, code: 'aborted' } });
      return;
    }
    const xhr = new XMLHttpRequest();
    const url = `${importsPath(org)}?filename=${encodeURIComponent(file.name)}`;
    xhr.open('POST', url, true);
    xhr.setRequestHeader('Content-Type', contentTypeFor(file));
    xhr.setRequestHeader('X-Requested-With', 'hotshop');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (result: ApiResult<StagedImport>) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    xhr.upload.onprogress = (e) => {
      onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    };
    xhr.onload = () => {
      if (xhr.status === 201 || xhr.status === 200) {
        try {
          done({ ok: true, value: JSON.parse(xhr.responseText) as StagedImport });
        } catch {
          done({ ok: false, problem: { status: xhr.status, code: 'unavailable' } });
        }
        return;
      }
      const problem = problemOf(xhr);
      // The session ended or needs setup: let the session state find out,
      // as requestJson's listeners would.
      if ((problem.status === 401 && problem.code === 'unauthenticated') || problem.code === 'setup_required') {
        void loadSession();
      }
      done({ ok: false, problem });
    };
    xhr.onerror = () => done({ ok: false, problem: { status: 0, code: 'network' } });
    xhr.onabort = () => done({ ok: false, problem: { status: 0, code: 'aborted' } });
    xhr.send(file);
  });
}

/** POST /api/orgs/{org}/imports/{id}/start: 202 with the first status. */
export function startImport(org: string, id: string, input: StartInput): Promise<ApiResult<ImportStatus>> {
  return requestJson<ImportStatus>('POST', `${importPath(org, id)}/start`, input);
}

/** GET /api/orgs/{org}/imports/{id}: progress, then the summary. */
export function getImport(org: string, id: string, signal?: AbortSignal): Promise<ApiResult<ImportStatus>> {
  return requestJson<ImportStatus>('GET', importPath(org, id), undefined, { signal });
}

/** GET /api/orgs/{org}/imports: the last 50, newest first. */
export function listImports(org: string, signal?: AbortSignal): Promise<ApiResult<{ imports: RecentImport[] }>> {
  return requestJson<{ imports: RecentImport[] }>('GET', importsPath(org), undefined, { signal });
}

/** The report's file name from Content-Disposition, else one made up. */
function reportName(res: Response, id: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd);
  return plain?.[1]?.trim() || `import-${id}-report.csv`;
}

/**
 * GET /api/orgs/{org}/imports/{id}/report: the row report as a CSV file,
 * fetched with the session's cookie and handed to the browser's download.
 * (Audited by the server.) Resolves with the file name saved.
 */
export async function downloadReport(org: string, id: string): Promise<ApiResult<string>> {
  let res: Response;
  try {
    res = await fetch(`${importPath(org, id)}/report`, {
      method: 'GET',
      headers: { 'X-Requested-With': 'hotshop', Accept: 'text/csv, application/problem+json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, problem: { status: 0, code: 'network' } };
  }
  if (!res.ok) {
    // problem+json, read here: asking again through requestJson would be a
    // second audited read.
    const problem: Problem = {
      status: res.status,
      code: res.status === 404 ? 'not_found' : res.status >= 500 ? 'unavailable' : 'invalid_input',
    };
    try {
      const body = (await res.json()) as { code?: unknown; detail?: unknown };
      if (typeof body.code === 'string' && body.code) problem.code = body.code;
      if (typeof body.detail === 'string' && body.detail) problem.detail = body.detail;
    } catch {
      // not JSON
    }
    if (res.status === 401 && problem.code === 'unauthenticated') void loadSession();
    return { ok: false, problem };
  }
  const name = reportName(res, id);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own copy once started; free ours a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, value: name };
}
