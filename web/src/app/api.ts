// SPDX-License-Identifier: AGPL-3.0-or-later
// Endpoints the shell itself uses.

export type Health = 'ok' | 'down';

/** GET /healthz: the server answers 200 {"status":"ok"} when it can serve. */
export async function getHealth(signal?: AbortSignal): Promise<Health> {
  try {
    const res = await fetch('/healthz', {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal,
    });
    if (!res.ok) return 'down';
    const body: unknown = await res.json();
    return body && typeof body === 'object' && (body as { status?: unknown }).status === 'ok' ? 'ok' : 'down';
  } catch {
    return 'down';
  }
}
