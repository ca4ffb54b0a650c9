// SPDX-License-Identifier: AGPL-3.0-or-later
// The signed-in person's own devices and recovery codes (docs/api.md).
import { requestJson, type ApiResult } from '../http/client';

export interface Device {
  id: string;
  label: string;
  created_at: number | string;
  last_seen_at: number | string | null;
  current: boolean;
}

/** GET /api/me/devices: every signed-in session of this person. */
export function listDevices(signal?: AbortSignal): Promise<ApiResult<{ devices: Device[] }>> {
  return requestJson<{ devices: Device[] }>('GET', '/api/me/devices', undefined, { signal });
}

/** DELETE /api/me/devices/{id}: signs that device out. */
export function signOutDevice(id: string): Promise<ApiResult<void>> {
  return requestJson<void>('DELETE', `/api/me/devices/${encodeURIComponent(id)}`);
}

/** POST /api/me/recovery-codes (step-up): new codes; the old ones stop working. */
export function regenerateRecoveryCodes(): Promise<ApiResult<{ recovery_codes: string[] }>> {
  return requestJson<{ recovery_codes: string[] }>('POST', '/api/me/recovery-codes', {});
}
