// SPDX-License-Identifier: AGPL-3.0-or-later
// /admin/audit (org admins): the audit log, newest first, in pages ("Load
// older" asks for events before the oldest shown). The log holds ids, never
// personal data; ids of this organization's users are shown as their names.
// When the server reports the hash chain broken, a banner says so.
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { formatDateTimeSeconds } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner, Button, Page, Table, type Column } from '../../ui';
import { listAudit, listUsers, type AuditEvent } from '../api';
import { messages } from '../l10n/messages';
import '../admin.css';

export const kAuditPageSize = 50;
const kOutcomes = new Set(Object.keys(messages.en.audit.outcomes));

export function AuditPage() {
  const t = useMessages(messages);
  const lang = useLanguage();
  const session = useSession();
  const org = session?.org.slug ?? '';
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [chainOk, setChainOk] = useState(true);
  const [more, setMore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [people, setPeople] = useState<ReadonlyMap<string, string>>(new Map());

  useEffect(() => {
    if (!org) return;
    const abort = new AbortController();
    void listAudit(org, { limit: kAuditPageSize }, abort.signal).then((r) => {
      if (abort.signal.aborted) return;
      if (r.ok) {
        setEvents(r.value.events);
        setChainOk(r.value.chain_ok !== false);
        setMore(r.value.events.length >= kAuditPageSize);
      } else {
        setProblem(r.problem);
      }
    });
    void listUsers(org, abort.signal).then((r) => {
      if (r.ok && !abort.signal.aborted) setPeople(new Map(r.value.users.map((u) => [u.id, u.name])));
    });
    return () => abort.abort();
  }, [org]);

  const loadOlder = async () => {
    if (!events || events.length === 0 || loadingOlder) return;
    setLoadingOlder(true);
    const oldest = Math.min(...events.map((e) => e.seq));
    const r = await listAudit(org, { before: oldest, limit: kAuditPageSize });
    setLoadingOlder(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    const seen = new Set(events.map((e) => e.seq));
    setEvents([...events, ...r.value.events.filter((e) => !seen.has(e.seq))]);
    if (r.value.chain_ok === false) setChainOk(false);
    setMore(r.value.events.length >= kAuditPageSize);
  };

  // Ids may come bare or as "kind:id" / "kind/id".
  const nameOf = (ref: string): string | undefined => people.get(ref) ?? people.get(ref.split(/[:/]/).pop() ?? '');
  const who = (id: string | null) => (id ? (nameOf(id) ?? id) : t('audit.system'));

  const columns: Column<AuditEvent>[] = [
    { key: 'seq', header: t('audit.columns.seq'), render: (e) => e.seq },
    { key: 'time', header: t('audit.columns.time'), render: (e) => formatDateTimeSeconds(e.ts, lang) },
    { key: 'actor', header: t('audit.columns.actor'), render: (e) => who(e.actor) },
    { key: 'action', header: t('audit.columns.action'), render: (e) => <code>{e.action}</code> },
    {
      key: 'object',
      header: t('audit.columns.object'),
      render: (e) => (e.object ? (nameOf(e.object) ?? <code>{e.object}</code>) : ''),
    },
    {
      key: 'outcome',
      header: t('audit.columns.outcome'),
      render: (e) => (
        <span class={`admin-outcome--${e.outcome}`} data-outcome={e.outcome}>
          {kOutcomes.has(e.outcome) ? t(`audit.outcomes.${e.outcome as keyof typeof messages.en.audit.outcomes}`) : e.outcome}
        </span>
      ),
    },
  ];

  return (
    <Page title={t('audit.title')} lead={t('audit.lead', { org: session?.org.name ?? '' })}>
      <div class="admin-wide admin-audit hs-stack">
        {!chainOk && (
          <Banner tone="error" title={t('audit.altered')}>
            <p>{t('audit.alteredBody')}</p>
          </Banner>
        )}
        {problem && (
          <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
        )}
        {events === null && !problem && <p role="status">{t('audit.loading')}</p>}
        {events && (
          <Table caption={t('audit.caption')} columns={columns} rows={events} rowKey={(e) => String(e.seq)} empty={t('audit.empty')} />
        )}
        {events && more && (
          <Button variant="secondary" disabled={loadingOlder} onClick={() => void loadOlder()}>
            {loadingOlder ? t('audit.loadingOlder') : t('audit.loadOlder')}
          </Button>
        )}
        {events && !more && events.length > 0 && <p class="hs-muted">{t('audit.end')}</p>}
      </div>
    </Page>
  );
}
