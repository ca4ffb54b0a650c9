// SPDX-License-Identifier: AGPL-3.0-or-later
// The one way the UI talks to the hotshop JSON API. Writes carry the headers
// the server's CSRF defense requires (security-model.md §2.7): a JSON body
// (anything else is 415) and X-Requested-With. Errors come back as values:
// problem+json's stable `code` is what the UI translates, never `title`.
//
// Two answers are handled here for every feature (docs/api.md):
//   - 401 step_up_required: the registered step-up handler (a dialog asking
//     for password + code) runs, then the original call is retried once;
//   - 401 unauthenticated and 403 setup_required are announced to the
//     listeners (the session state), which sign out or send to setup.
// Nothing here is stored: no localStorage, no sessionStorage.

export const kJsonHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json',
  'X-Requested-With': 'hotshop',
  Accept: 'application/json, application/problem+json',
};

/** What went wrong, reduced to what the UI can act on. status 0 = no answer. */
export interface Problem {
  status: number;
  /** Stable code to translate (the server's, or derived from the status). */
  code: string;
  /** The server's sentence; shown only where a screen says so. */
  detail?: string;
  field?: string;
  /** Seconds from Retry-After (429, 503). */
  retryAfter?: number;
}

export type ApiResult<T> = { ok: true; value: T; etag?: string } | { ok: false; problem: Problem };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers, e.g. If-Match. */
  headers?: Readonly<Record<string, string>>;
  /** Don't run the step-up dialog on 401 step_up_required. */
  noStepUp?: boolean;
  /** Don't announce 401/403 session problems (the session calls themselves). */
  quiet?: boolean;
}

function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'invalid_input';
}

/** Retry-After is delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

async function readProblem(res: Response): Promise<Problem> {
  const problem: Problem = { status: res.status, code: codeForStatus(res.status) };
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  if (retryAfter !== undefined) problem.retryAfter = retryAfter;
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const { code, field, detail } = body as { code?: unknown; field?: unknown; detail?: unknown };
      if (typeof code === 'string' && code) problem.code = code;
      if (typeof field === 'string' && field) problem.field = field;
      if (typeof detail === 'string' && detail) problem.detail = detail;
    }
  } catch {
    // Not JSON: keep the code derived from the status.
  }
  return problem;
}

// --- step-up and session hooks ----------------------------------------------

/** Asks the person to confirm who they are; resolves true when they did. */
export type StepUpHandler = () => Promise<boolean>;
let stepUpHandler: StepUpHandler | null = null;

export function setStepUpHandler(handler: StepUpHandler | null): void {
  stepUpHandler = handler;
}

export type ProblemListener = (problem: Problem, path: string) => void;
const problemListeners = new Set<ProblemListener>();

/** Called for 401 unauthenticated and 403 setup_required answers. */
export function onSessionProblem(listener: ProblemListener): () => void {
  problemListeners.add(listener);
  return () => problemListeners.delete(listener);
}

function isSessionProblem(p: Problem): boolean {
  return (p.status === 401 && p.code === 'unauthenticated') || (p.status === 403 && p.code === 'setup_required');
}

// --- requests -----------------------------------------------------------------

async function send<T>(method: Method, path: string, body: unknown, options: RequestOptions): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: options.headers ? { ...kJsonHeaders, ...options.headers } : kJsonHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch {
    return { ok: false, problem: { status: 0, code: 'network' } };
  }
  if (!res.ok) return { ok: false, problem: await readProblem(res) };
  const etag = res.headers.get('ETag') ?? undefined;
  if (res.status === 204) return { ok: true, value: undefined as T, etag };
  try {
    return { ok: true, value: (await res.json()) as T, etag };
  } catch {
    return { ok: true, value: undefined as T, etag };
  }
}

/** Sends a JSON request to a same-origin API path and parses the answer. */
export async function requestJson<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  let result = await send<T>(method, path, body, options);
  if (
    !result.ok &&
    result.problem.status === 401 &&
    result.problem.code === 'step_up_required' &&
    !options.noStepUp &&
    stepUpHandler &&
    !options.signal?.aborted
  ) {
    // Retried once: a second step_up_required goes back to the caller.
    if (await stepUpHandler()) result = await send<T>(method, path, body, options);
  }
  if (!result.ok && !options.quiet && isSessionProblem(result.problem)) {
    for (const listener of [...problemListeners]) listener(result.problem, path);
  }
  return result;
}
