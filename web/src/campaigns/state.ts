// SPDX-License-Identifier: AGPL-3.0-or-later
// Loading API data into a screen: one hook that runs a loader when its keys
// change, aborts the previous request, and lets the screen reload.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Grant } from '../auth/api';
import { useSession } from '../auth/state';
import type { ApiResult, Problem } from '../http/client';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; problem: Problem } | { status: 'ok'; value: T };

/** Runs load(signal) now and whenever keys change; reload() runs it again
 * keeping the current value on screen until the new one arrives. */
export function useLoad<T>(
  load: (org: string, signal: AbortSignal) => Promise<ApiResult<T>>,
  keys: readonly unknown[],
): { state: Loaded<T>; reload: () => void; set: (value: T) => void } {
  const org = useOrg();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    if (!org) return;
    const ctl = new AbortController();
    void loader.current(org, ctl.signal).then((r) => {
      if (ctl.signal.aborted) return;
      setState(r.ok ? { status: 'ok', value: r.value } : { status: 'error', problem: r.problem });
    });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [org, tick, ...keys]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback((value: T) => setState({ status: 'ok', value }), []);
  return { state, reload, set };
}

/** The signed-in organization's slug ('' before the session loads). */
export function useOrg(): string {
  return useSession()?.org.slug ?? '';
}

export function useGrants(): readonly Grant[] {
  return useSession()?.roles ?? [];
}

const kStaffRoles = new Set(['org_admin', 'staff_organizer', 'volunteer_organizer']);

/** Whether the person may manage the committee and structure tests
 * (committee.manage: admin, staff, volunteer); the server decides. */
export function mayManage(grants: readonly Grant[]): boolean {
  return grants.some((g) => kStaffRoles.has(g.role));
}

/** Whether the person may edit an assessment scale (committee.manage on its
 * owner): a campaign's own scale with any staff grant, the org's default
 * (no campaign) only with an org-wide one. The server decides. */
export function mayEditScale(grants: readonly Grant[], scale: { campaign_id: string | null }): boolean {
  if (scale.campaign_id) return mayManage(grants);
  return grants.some((g) => kStaffRoles.has(g.role) && g.scope_kind === 'org');
}

/** Whether the person may create, edit and delete employers, worksites,
 * units and their areas (workplace.edit: admin, staff, volunteer; the same
 * roles as committee.manage); the server decides, per object. */
export function mayEditWorkplace(grants: readonly Grant[]): boolean {
  return mayManage(grants);
}

/** Whether the person may edit worker records (worker_record.edit). */
export function mayEditWorkers(grants: readonly Grant[]): boolean {
  return grants.some((g) => kStaffRoles.has(g.role) || g.role === 'worker_leader');
}

/** Whether the person only leads a unit (no staff role anywhere). */
export function onlyWorkerLeader(grants: readonly Grant[]): boolean {
  return grants.length > 0 && grants.every((g) => g.role === 'worker_leader');
}

/** Today's civil date on this device, YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
