// SPDX-License-Identifier: AGPL-3.0-or-later
// Auth endpoints, one function each.
import { requestJson, type ApiResult } from '../http/client';

export interface Credentials {
  email: string;
  password: string;
}

/** POST /api/session: signs in; the server sets the __Host-sid cookie. */
export function login(credentials: Credentials, signal?: AbortSignal): Promise<ApiResult<unknown>> {
  return requestJson<unknown>('POST', '/api/session', credentials, signal);
}
