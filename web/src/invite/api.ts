// SPDX-License-Identifier: AGPL-3.0-or-later
// Invitation endpoints (docs/api.md), one function each. The token travels
// only in POST bodies, never in a URL the server logs.
import type { Role, Session } from '../auth/api';
import { requestJson, type ApiResult } from '../http/client';

export interface InvitationInfo {
  org_name: string;
  role: Role;
  email: string;
  expires_at: number | string;
}

/** POST /api/invitations/lookup: 404 not_found when unknown, used or expired. */
export function lookupInvitation(token: string): Promise<ApiResult<InvitationInfo>> {
  return requestJson<InvitationInfo>('POST', '/api/invitations/lookup', { token }, { quiet: true });
}

/** POST /api/invitations/accept: sets the password and signs in, with
 * needs ["totp"]. */
export function acceptInvitation(token: string, password: string): Promise<ApiResult<Session>> {
  return requestJson<Session>('POST', '/api/invitations/accept', { token, password }, { quiet: true });
}
