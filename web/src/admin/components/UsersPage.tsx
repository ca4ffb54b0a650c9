// SPDX-License-Identifier: AGPL-3.0-or-later
// /admin/users (org admins): every account with status, two-factor, last
// seen and grants; invitations; the kill switch ("Suspend and sign out
// everywhere", J8.2), sign out everywhere, reactivate (new two-factor
// enrolment), add and remove access. Grants and invitations need a step-up,
// which the shared client's dialog asks for.
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { messages as appMessages } from '../../app/l10n/messages';
import type { Grant } from '../../auth/api';
import { useSession } from '../../auth/state';
import { listCampaigns, type Campaign } from '../../campaigns/api';
import type { ApiResult, Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Actions, Banner, Button, ConfirmDialog, Dialog, Page, Table, type Column } from '../../ui';
import {
  addGrant,
  listUnitChoices,
  listUsers,
  reactivateUser,
  removeGrant,
  signOutUser,
  suspendUser,
  type OrgUser,
  type UnitChoice,
} from '../api';
import { messages } from '../l10n/messages';
import '../admin.css';
import { grantLabel } from './grants';
import { defaultChoice, grantBody, GrantFields, type GrantChoice } from './GrantFields';
import { InviteCard } from './InviteCard';

type Pending =
  | { kind: 'suspend' | 'signOut' | 'reactivate'; user: OrgUser }
  | { kind: 'removeGrant'; user: OrgUser; grant: Grant };

const kStatusKeys = new Set(Object.keys(messages.en.status));

export function UsersPage() {
  const t = useMessages(messages);
  const tApp = useMessages(appMessages);
  const lang = useLanguage();
  const session = useSession();
  const org = session?.org.slug ?? '';
  const [users, setUsers] = useState<OrgUser[] | null>(null);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [units, setUnits] = useState<UnitChoice[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [grantFor, setGrantFor] = useState<OrgUser | null>(null);
  const [choice, setChoice] = useState<GrantChoice>(() => defaultChoice('volunteer_organizer', []));

  const names = useMemo(
    () => new Map([...campaigns.map((c): [string, string] => [c.id, c.name]), ...units.map((u): [string, string] => [u.id, u.name])]),
    [campaigns, units],
  );

  const loadUsers = async (signal?: AbortSignal) => {
    const result = await listUsers(org, signal);
    if (signal?.aborted) return;
    if (result.ok) setUsers(result.value.users);
    else setProblem(result.problem);
  };

  useEffect(() => {
    if (!org) return;
    const abort = new AbortController();
    void loadUsers(abort.signal);
    void listCampaigns(org, abort.signal).then(async (r) => {
      if (!r.ok || abort.signal.aborted) return;
      setCampaigns(r.value.campaigns);
      const all = await listUnitChoices(org, r.value.campaigns, abort.signal);
      if (!abort.signal.aborted) setUnits(all);
    });
    return () => abort.abort();
  }, [org]);

  // Reloads the list first, so the notice and the table agree.
  const after = async (result: ApiResult<unknown>, success: string) => {
    await loadUsers();
    if (result.ok) {
      setNotice(success);
      setProblem(null);
    } else {
      setNotice(null);
      setProblem(result.problem);
    }
  };

  const confirm = async () => {
    if (!pending || busy) return;
    setBusy(true);
    const { user } = pending;
    let result: ApiResult<unknown>;
    let success: string;
    if (pending.kind === 'removeGrant') {
      const access = grantLabel(tApp, pending.grant, names);
      result = await removeGrant(org, pending.grant.id);
      success = t('done.grantRemoved', { name: user.name, access });
    } else if (pending.kind === 'suspend') {
      result = await suspendUser(org, user.id);
      success = t('done.suspended', { name: user.name });
    } else if (pending.kind === 'signOut') {
      result = await signOutUser(org, user.id);
      success = t('done.signedOut', { name: user.name });
    } else {
      result = await reactivateUser(org, user.id);
      success = t('done.reactivated', { name: user.name });
    }
    setBusy(false);
    setPending(null);
    await after(result, success);
  };

  const openGrant = (user: OrgUser) => {
    setChoice(defaultChoice('volunteer_organizer', campaigns, units));
    setGrantFor(user);
  };

  const submitGrant = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const user = grantFor;
    const body = grantBody(choice);
    if (!user || !body || busy) return;
    setBusy(true);
    const result = await addGrant(org, user.id, body);
    setBusy(false);
    setGrantFor(null);
    const access = result.ok ? grantLabel(tApp, result.value, names) : '';
    await after(result, t('done.grantAdded', { name: user.name, access }));
  };

  const confirmText = (p: Pending): { title: string; body: string; action: string } => {
    const name = p.user.name;
    switch (p.kind) {
      case 'suspend':
        return { title: t('confirm.suspendTitle', { name }), body: t('confirm.suspendBody'), action: t('actions.suspend') };
      case 'signOut':
        return { title: t('confirm.signOutTitle', { name }), body: t('confirm.signOutBody'), action: t('actions.signOut') };
      case 'reactivate':
        return { title: t('confirm.reactivateTitle', { name }), body: t('confirm.reactivateBody'), action: t('actions.reactivate') };
      case 'removeGrant':
        return {
          title: t('confirm.removeGrantTitle'),
          body: t('confirm.removeGrantBody', { name, access: grantLabel(tApp, p.grant, names) }),
          action: t('actions.removeGrant'),
        };
    }
  };

  const columns: Column<OrgUser>[] = [
    {
      key: 'person',
      header: t('users.columns.person'),
      render: (u) => (
        <>
          <span class="admin-user__name">
            {u.name} {u.id === session?.user.id && <span class="hs-muted">{t('users.you')}</span>}
          </span>
          <span class="admin-user__email">{u.email}</span>
        </>
      ),
    },
    {
      key: 'status',
      header: t('users.columns.status'),
      render: (u) => (
        <span class={`admin-status admin-status--${u.status}`} data-status={u.status}>
          {kStatusKeys.has(u.status) ? t(`status.${u.status as keyof typeof messages.en.status}`) : u.status}
        </span>
      ),
    },
    {
      key: 'twoFactor',
      header: t('users.columns.twoFactor'),
      render: (u) => (u.totp_enabled ? t('users.on') : t('users.off')),
    },
    {
      key: 'lastSeen',
      header: t('users.columns.lastSeen'),
      render: (u) => (u.last_seen_at ? formatDateTime(u.last_seen_at, lang) : t('users.never')),
    },
    {
      key: 'access',
      header: t('users.columns.access'),
      render: (u) =>
        u.grants.length === 0 ? (
          <span class="hs-muted">{t('users.noAccess')}</span>
        ) : (
          <ul class="admin-grants">
            {u.grants.map((g) => {
              const access = grantLabel(tApp, g, names);
              return (
                <li key={g.id} class="admin-grant">
                  <span>{access}</span>
                  {u.id !== session?.user.id && (
                  <button
                    type="button"
                    class="admin-grant__remove"
                    aria-label={t('actions.removeGrantLabel', { access, name: u.name })}
                    onClick={() => setPending({ kind: 'removeGrant', user: u, grant: g })}
                  >
                    {t('actions.removeGrant')}
                  </button>
                  )}
                </li>
              );
            })}
          </ul>
        ),
    },
    {
      key: 'actions',
      header: t('users.columns.actions'),
      render: (u) => {
        const self = u.id === session?.user.id;
        const suspended = u.status === 'suspended';
        return (
          <div class="admin-actions">
            {!self && !suspended && (
              <Button variant="secondary" onClick={() => setPending({ kind: 'suspend', user: u })}>
                {t('actions.suspend')}
              </Button>
            )}
            {!suspended && (
              <Button variant="quiet" onClick={() => setPending({ kind: 'signOut', user: u })}>
                {t('actions.signOut')}
              </Button>
            )}
            {suspended && (
              <Button variant="secondary" onClick={() => setPending({ kind: 'reactivate', user: u })}>
                {t('actions.reactivate')}
              </Button>
            )}
            <Button variant="quiet" onClick={() => openGrant(u)}>
              {t('actions.addGrant')}
            </Button>
          </div>
        );
      },
    },
  ];

  const text = pending ? confirmText(pending) : null;

  return (
    <Page title={t('users.title')} lead={t('users.lead', { org: session?.org.name ?? '' })}>
      <div class="admin-wide hs-stack">
        {problem && (
          <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
        )}
        {notice && <Banner tone="success" title={notice} />}
        <InviteCard org={org} campaigns={campaigns} units={units} onInvited={() => void loadUsers()} />
        {users === null && !problem && <p role="status">{t('users.loading')}</p>}
        {users && (
          <div class="admin-users">
            <Table caption={t('users.caption')} columns={columns} rows={users} rowKey={(u) => u.id} empty={t('users.empty')} />
          </div>
        )}
      </div>
      <ConfirmDialog
        open={!!pending}
        title={text?.title ?? ''}
        body={text?.body ?? ''}
        confirmLabel={busy ? t('actions.working') : (text?.action ?? '')}
        cancelLabel={t('actions.cancel')}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
      <Dialog open={!!grantFor} title={t('grant.title', { name: grantFor?.name ?? '' })} onClose={() => setGrantFor(null)}>
        <form class="hs-stack" onSubmit={submitGrant}>
          <GrantFields value={choice} campaigns={campaigns} units={units} onChange={setChoice} idPrefix="grant" />
          <Actions>
            <Button type="submit" disabled={busy || !grantBody(choice)}>
              {busy ? t('actions.working') : t('grant.submit')}
            </Button>
            <Button variant="quiet" onClick={() => setGrantFor(null)}>
              {t('actions.cancel')}
            </Button>
          </Actions>
        </form>
      </Dialog>
    </Page>
  );
}
