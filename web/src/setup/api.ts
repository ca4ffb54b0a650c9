// SPDX-License-Identifier: AGPL-3.0-or-later
// First-sign-in setup endpoints (docs/api.md), one function each.
import type { Session } from '../auth/api';
import { requestJson, type ApiResult } from '../http/client';

/** POST /api/me/password: replaces the password (400 invalid_input,
 * field new_password, for a too-short, too-long or common one). */
export function changePassword(currentPassword: string, newPassword: string): Promise<ApiResult<Session>> {
  return requestJson<Session>('POST', '/api/me/password', {
    current_password: currentPassword,
    new_password: newPassword,
  });
}

export interface TotpSetup {
  secret_base32: string;
  otpauth_uri: string;
  /** A complete SVG document of the otpauth URI's QR code. */
  qr_svg: string;
}

/** POST /api/me/totp/setup: a pending secret, active once confirmed. */
export function setupTotp(): Promise<ApiResult<TotpSetup>> {
  return requestJson<TotpSetup>('POST', '/api/me/totp/setup', {});
}

export interface TotpConfirmed {
  recovery_codes: string[];
  session: Session;
}

/** POST /api/me/totp/confirm: turns two-factor on with the first code. */
export function confirmTotp(code: string): Promise<ApiResult<TotpConfirmed>> {
  return requestJson<TotpConfirmed>('POST', '/api/me/totp/confirm', { code });
}
