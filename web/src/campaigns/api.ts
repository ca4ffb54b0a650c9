// SPDX-License-Identifier: AGPL-3.0-or-later
// Campaign endpoints (docs/api.md "Campaigns and people"), one function each.
import { requestJson, type ApiResult } from '../http/client';

export interface Campaign {
  id: string;
  name: string;
  status: string;
  version: number | string;
}

function orgPath(org: string): string {
  return `/api/orgs/${encodeURIComponent(org)}`;
}

/** GET /api/orgs/{org}/campaigns: only those in the caller's scope. */
export function listCampaigns(org: string, signal?: AbortSignal): Promise<ApiResult<{ campaigns: Campaign[] }>> {
  return requestJson<{ campaigns: Campaign[] }>('GET', `${orgPath(org)}/campaigns`, undefined, { signal });
}
