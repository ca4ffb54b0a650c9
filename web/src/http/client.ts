// SPDX-License-Identifier: AGPL-3.0-or-later
// The one way the UI talks to the hotshop JSON API. Writes carry the headers
// the server's CSRF defense requires (security-model.md §2.7): a JSON body
// (anything else is 415) and X-Requested-With. Errors come back as values:
// problem+json's stable `code` is what the UI translates, never `title`.

export const kJsonHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json',
  'X-Requested-With': 'hotshop',
  Accept: 'application/json, application/problem+json',
};

/** What went wrong, reduced to what the UI can act on. status 0 = no answer. */
export interface Problem {
  status: number;
  code: string;
  field?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: Problem };

function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'invalid_input';
}

async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = { status: res.status, code: codeForStatus(res.status) };
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const { code, field } = body as { code?: unknown; field?: unknown };
      if (typeof code === 'string' && code) fallback.code = code;
      if (typeof field === 'string' && field) fallback.field = field;
    }
  } catch {
    // Not JSON: keep the code derived from the status.
  }
  return fallback;
}

/** Sends a JSON request to a same-origin API path and parses the answer. */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: kJsonHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch {
    return { ok: false, problem: { status: 0, code: 'network' } };
  }
  if (!res.ok) return { ok: false, problem: await readProblem(res) };
  if (res.status === 204) return { ok: true, value: undefined as T };
  try {
    return { ok: true, value: (await res.json()) as T };
  } catch {
    return { ok: true, value: undefined as T };
  }
}
