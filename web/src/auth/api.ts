// SPDX-License-Identifier: AGPL-3.0-or-later
// Session endpoints (docs/api.md "Session and account"), one function each,
// and the Session shape every screen reads.
import { requestJson, type ApiResult } from '../http/client';

export const kRoles = [
  'org_admin',
  'staff_organizer',
  'volunteer_organizer',
  'worker_leader',
  'viewer',
  'dispatcher',
  'mentor',
  'caller',
] as const;
export type Role = (typeof kRoles)[number];
export type ScopeKind = 'org' | 'campaign' | 'unit';
export type GrantFlag = 'casework' | 'dale' | 'export';

export interface Grant {
  id: string;
  role: Role;
  scope_kind: ScopeKind;
  scope_id?: string | null;
  flags?: GrantFlag[];
}

/** What a person must do before seeing any data. */
export type Need = 'password' | 'totp';

export interface Session {
  user: { id: string; name: string; email: string };
  org: { id: string; slug: string; name: string };
  roles: Grant[];
  needs: Need[];
  csrf?: string;
  /** Security notices for the person (beyond docs/api.md; optional). */
  notices?: { failed_sign_ins_since_last_visit?: number };
}

export interface Credentials {
  email: string;
  password: string;
  /** A 6-digit TOTP code or a recovery code, after 401 totp_required. */
  code?: string;
}

/** POST /api/session: signs in; the server sets the __Host-sid cookie. */
export function login(credentials: Credentials, signal?: AbortSignal): Promise<ApiResult<Session>> {
  return requestJson<Session>('POST', '/api/session', credentials, { signal, quiet: true, noStepUp: true });
}

/** GET /api/session: who is signed in (401 when nobody). */
export function getSession(signal?: AbortSignal): Promise<ApiResult<Session>> {
  return requestJson<Session>('GET', '/api/session', undefined, { signal, quiet: true, noStepUp: true });
}

/** DELETE /api/session: signs out this device. */
export function logout(): Promise<ApiResult<void>> {
  return requestJson<void>('DELETE', '/api/session', undefined, { quiet: true, noStepUp: true });
}

/** POST /api/session/step-up: confirms password + code for sensitive actions. */
export function stepUp(password: string, code: string): Promise<ApiResult<{ step_up_until: number }>> {
  return requestJson<{ step_up_until: number }>('POST', '/api/session/step-up', { password, code }, { noStepUp: true });
}
