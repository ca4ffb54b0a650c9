// SPDX-License-Identifier: AGPL-3.0-or-later
// Organization administration endpoints (docs/api.md), one function each.
// `org` is the organization's slug.
import type { Grant, GrantFlag, Role, ScopeKind } from '../auth/api';
import { requestJson, type ApiResult } from '../http/client';

export interface OrgUser {
  id: string;
  name: string;
  email: string;
  status: string;
  totp_enabled: boolean;
  last_seen_at: number | string | null;
  grants: Grant[];
}

export interface GrantInput {
  role: Role;
  scope_kind: ScopeKind;
  scope_id?: string;
  flags?: GrantFlag[];
}

export interface InvitationInput extends GrantInput {
  email: string;
  name: string;
}

export interface InvitationCreated {
  invitation: { id: string; expires_at: number | string };
  /** "/invite#<token>": shown once. */
  link: string;
}

export interface AuditEvent {
  seq: number;
  ts: number | string;
  actor: string | null;
  action: string;
  object: string | null;
  outcome: string;
}

export interface AuditPage {
  events: AuditEvent[];
  chain_ok: boolean;
}

function orgPath(org: string): string {
  return `/api/orgs/${encodeURIComponent(org)}`;
}

function userPath(org: string, id: string): string {
  return `${orgPath(org)}/users/${encodeURIComponent(id)}`;
}

/** GET /api/orgs/{org}/users */
export function listUsers(org: string, signal?: AbortSignal): Promise<ApiResult<{ users: OrgUser[] }>> {
  return requestJson<{ users: OrgUser[] }>('GET', `${orgPath(org)}/users`, undefined, { signal });
}

/** A bargaining unit a worker-leader may be scoped to, with its campaign's name. */
export interface UnitChoice {
  id: string;
  name: string;
  campaign_id: string;
  campaign_name: string;
}

/** GET /api/orgs/{org}/campaigns/{id}/units, for each campaign: every unit of the org. */
export async function listUnitChoices(
  org: string,
  campaigns: readonly { id: string; name: string }[],
  signal?: AbortSignal,
): Promise<UnitChoice[]> {
  const lists = await Promise.all(
    campaigns.map((c) =>
      requestJson<{ units: { id: string; name: string }[] }>(
        'GET',
        `${orgPath(org)}/campaigns/${encodeURIComponent(c.id)}/units`,
        undefined,
        { signal },
      ).then((r) => (r.ok ? r.value.units.map((u) => ({ id: u.id, name: u.name, campaign_id: c.id, campaign_name: c.name })) : [])),
    ),
  );
  return lists.flat();
}

/** POST /api/orgs/{org}/invitations (step-up): a one-time link, 72 hours. */
export function createInvitation(org: string, input: InvitationInput): Promise<ApiResult<InvitationCreated>> {
  return requestJson<InvitationCreated>('POST', `${orgPath(org)}/invitations`, input);
}

/** POST /api/orgs/{org}/users/{id}/suspend: ends every session at once. */
export function suspendUser(org: string, id: string): Promise<ApiResult<unknown>> {
  return requestJson<unknown>('POST', `${userPath(org, id)}/suspend`, {});
}

/** POST /api/orgs/{org}/users/{id}/sign-out: ends every session. */
export function signOutUser(org: string, id: string): Promise<ApiResult<unknown>> {
  return requestJson<unknown>('POST', `${userPath(org, id)}/sign-out`, {});
}

/** POST /api/orgs/{org}/users/{id}/reactivate: two-factor must be enrolled again. */
export function reactivateUser(org: string, id: string): Promise<ApiResult<unknown>> {
  return requestJson<unknown>('POST', `${userPath(org, id)}/reactivate`, {});
}

/** POST /api/orgs/{org}/users/{id}/grants (step-up) */
export function addGrant(org: string, userId: string, input: GrantInput): Promise<ApiResult<Grant>> {
  return requestJson<Grant>('POST', `${userPath(org, userId)}/grants`, input);
}

/** DELETE /api/orgs/{org}/grants/{id} (step-up) */
export function removeGrant(org: string, grantId: string): Promise<ApiResult<void>> {
  return requestJson<void>('DELETE', `${orgPath(org)}/grants/${encodeURIComponent(grantId)}`);
}

/** GET /api/orgs/{org}/audit?before=SEQ&limit=N: newest first. */
export function listAudit(
  org: string,
  options: { before?: number; limit?: number } = {},
  signal?: AbortSignal,
): Promise<ApiResult<AuditPage>> {
  const q = new URLSearchParams();
  if (options.before !== undefined) q.set('before', String(options.before));
  if (options.limit !== undefined) q.set('limit', String(options.limit));
  const query = q.toString();
  return requestJson<AuditPage>('GET', `${orgPath(org)}/audit${query ? `?${query}` : ''}`, undefined, { signal });
}
