// SPDX-License-Identifier: AGPL-3.0-or-later
// /triage (journeys J2.1, J2.2): the org's intake queue for dispatchers and
// org admins, oldest first, with SLA badges (green < 24 h, amber, red past
// the org's target), filters (language, region, industry, age), spam marks
// with a reason (reversible), duplicate suggestions shown side by side and
// merged only by a click and a reason, and a request's details, history and
// pipeline steps (IntakeDetail). The overdue view is the "Overdue only"
// filter. Matching and assigning organizers come from the matching feature.
import { useEffect, useState } from 'preact/hooks';
import { isOrgAdmin, useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey } from '../../i18n/problems';
import { messages as intakeMessages } from '../../intake/l10n/messages';
import { Actions, Banner, Button, Card, Checkbox, Dialog, Page, Select, TextField } from '../../ui';
import {
  getDuplicates, getIntake, listIntakes, markSpam, merge,
  type Intake, type QueueFilter, type Suggestion,
} from '../api';
import { messages } from '../l10n/messages';
import '../triage.css';
import { IntakeDetail } from './IntakeDetail';

const kIndustries = [
  'hotels', 'restaurants', 'retail', 'warehouses', 'delivery', 'healthcare', 'cleaning', 'construction',
  'manufacturing', 'education', 'office', 'public_sector', 'other',
] as const;

interface ReasonAsk {
  title: string;
  confirm: string;
  run: (reason: string) => Promise<void>;
}

function ReasonDialog({ ask, onClose }: { ask: ReasonAsk | null; onClose: () => void }) {
  const t = useMessages(messages);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setReason('');
    setError('');
  }, [ask]);
  return (
    <Dialog open={!!ask} title={ask?.title ?? ''} onClose={onClose}>
      <TextField label={t('reason.label')} hint={t('reason.hint')} name="reason" maxLength={500} value={reason}
        onValue={setReason} error={error} />
      <Actions>
        <Button variant="secondary" onClick={onClose}>{t('reason.cancel')}</Button>
        <Button
          disabled={busy}
          onClick={async () => {
            if (!reason.trim()) return setError(t('reason.required'));
            setBusy(true);
            try {
              await ask?.run(reason.trim());
            } finally {
              setBusy(false);
            }
          }}
        >
          {ask?.confirm ?? ''}
        </Button>
      </Actions>
    </Dialog>
  );
}

function Person({ title, name, phone, email, extra }: { title: string; name: string; phone: string | null; email: string | null; extra?: string }) {
  return (
    <div class="triage-side">
      <h3>{title}</h3>
      <p><strong>{name}</strong></p>
      {phone && <p>{phone}</p>}
      {email && <p>{email}</p>}
      {extra && <p>{extra}</p>}
    </div>
  );
}

export function TriagePage() {
  const t = useMessages(messages);
  const ti = useMessages(intakeMessages);
  const session = useSession();
  const org = session?.org.slug ?? '';
  const [filter, setFilter] = useState<QueueFilter>({ age: '' });
  const [rows, setRows] = useState<Intake[] | null>(null);
  const [hours, setHours] = useState(48);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reload, setReload] = useState(0);
  const [ask, setAsk] = useState<ReasonAsk | null>(null);
  const [detail, setDetail] = useState<Intake | null>(null);
  const [dups, setDups] = useState<{ intake: Intake; suggestions: Suggestion[] } | null>(null);

  useEffect(() => {
    if (!org) return;
    const abort = new AbortController();
    void listIntakes(org, filter, abort.signal).then((r) => {
      if (abort.signal.aborted) return;
      if (r.ok) {
        setRows(r.value.intakes);
        if (r.value.intakes[0]) setHours(r.value.intakes[0].sla.hours);
      } else setProblem(r.problem);
    });
    return () => abort.abort();
  }, [org, filter, reload]);

  const refresh = () => setReload((n) => n + 1);
  const done = (p: Problem | null) => {
    setProblem(p);
    setAsk(null);
    refresh();
  };
  const set = <K extends keyof QueueFilter>(k: K) => (v: QueueFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));

  const askSpam = (i: Intake) =>
    setAsk({
      title: t('spamDialog.title'),
      confirm: t('spamDialog.confirm'),
      run: async (reason) => {
        const r = await markSpam(org, i, true, reason);
        done(r.ok ? null : r.problem);
      },
    });
  const openDuplicates = async (i: Intake) => {
    const r = await getDuplicates(org, i.id);
    if (r.ok) setDups(r.value);
    else setProblem(r.problem);
  };
  const openDetail = async (id: string) => {
    const r = await getIntake(org, id);
    if (r.ok) setDetail(r.value);
    else setProblem(r.problem);
  };
  // After a step on a request: the queue reloads and the request reopens
  // with its new stage and history.
  const afterStep = async (id: string, p: Problem | null) => {
    done(p);
    await openDetail(id);
  };
  const errKey = problem ? errorKey(messages.en.errors, problem) : 'generic';
  const none = { value: '', label: t('filters.any') };

  return (
    <Page title={t('title')} lead={t('lead', { hours })}>
      {problem && <Banner tone="error" title={t(`errors.${errKey}`)} />}
      <Card title={t('filters.title')}>
        <div class="triage-filters">
          <Select label={t('filters.language')} name="language" value={filter.language ?? ''} onValue={set('language')}
            options={[none, { value: 'es', label: ti('choices.language.es') }, { value: 'en', label: ti('choices.language.en') }]} />
          <TextField label={t('filters.region')} name="region" maxLength={2} value={filter.region ?? ''}
            onValue={(v) => set('region')(v.toUpperCase())} />
          <Select label={t('filters.industry')} name="industry" value={filter.industry ?? ''} onValue={set('industry')}
            options={[none, ...kIndustries.map((v) => ({ value: v, label: ti(`choices.industry.${v}`) }))]} />
          <Select label={t('filters.age')} name="age" value={filter.age ?? ''}
            onValue={(v) => set('age')(v as QueueFilter['age'])}
            options={[none, { value: 'lt24', label: t('filters.lt24') }, { value: 'gt24', label: t('filters.gt24') },
              { value: 'gt48', label: t('filters.gt48') }]} />
          <Checkbox label={t('filters.overdue')} name="overdue" checked={!!filter.overdue} onChecked={set('overdue')} />
          <Checkbox label={t('filters.spam')} name="spam" checked={!!filter.spam} onChecked={set('spam')} />
        </div>
      </Card>
      {rows && rows.length === 0 && <p role="status">{t('empty')}</p>}
      <ul class="triage-list">
        {(rows ?? []).map((i) => (
          <li key={i.id} class="triage-row" data-testid="intake-row" data-id={i.id}>
            <div class="triage-row__head">
              <span class={`triage-badge triage-badge--${i.sla.badge}`} data-testid="sla-badge" data-badge={i.sla.badge}>
                {t(`badge.${i.sla.badge}`)}
              </span>
              <strong>{i.name}</strong>
              <span>{t(`stage.${i.stage}`)}</span>
            </div>
            <p class="triage-row__meta">
              {[i.city, i.region, i.language, i.industry && ti(`choices.industry.${i.industry as (typeof kIndustries)[number]}`)]
                .filter(Boolean)
                .join(' · ')}
              {' · '}
              {t('waited', { hours: Math.floor(i.sla.waited_ms / 3_600_000) })}
            </p>
            <p class="triage-row__tags">
              {i.repeat_request && <span class="triage-tag" data-testid="repeat-tag">{t('repeat', { count: i.repeat_count })}</span>}
              {i.legal_hold && <span class="triage-tag" data-testid="hold-tag">{t('hold')}</span>}
              {i.work_email && <span class="triage-tag">{t('workEmail')}</span>}
              {i.spam && <span class="triage-tag">{t('spamTag', { reason: i.spam_reason })}</span>}
            </p>
            <div class="triage-row__actions">
              <Button variant="secondary" onClick={() => void openDetail(i.id)}>{t('actions.open')}</Button>
              <Button variant="secondary" onClick={() => void openDuplicates(i)}>{t('actions.duplicates')}</Button>
              {i.spam ? (
                <Button variant="secondary" onClick={async () => {
                  const r = await markSpam(org, i, false, '');
                  done(r.ok ? null : r.problem);
                }}>{t('actions.unspam')}</Button>
              ) : (
                <Button variant="secondary" onClick={() => askSpam(i)}>{t('actions.spam')}</Button>
              )}
            </div>
          </li>
        ))}
      </ul>

      <Dialog open={!!detail} title={detail?.name ?? ''} onClose={() => setDetail(null)}>
        {detail && (
          <IntakeDetail org={org} intake={detail} admin={isOrgAdmin(session)} onClose={() => setDetail(null)}
            onDone={(p) => void afterStep(detail.id, p)}
            askReason={(title, confirm, run) => {
              const id = detail.id;
              setDetail(null);
              setAsk({
                title,
                confirm,
                run: async (reason) => {
                  const r = await run(reason);
                  await afterStep(id, r.ok ? null : r.problem);
                },
              });
            }} />
        )}
      </Dialog>

      <Dialog open={!!dups} title={t('dup.title')} onClose={() => setDups(null)}>
        {dups && (
          <div data-testid="duplicates">
            {dups.suggestions.length === 0 && <p>{t('dup.none')}</p>}
            {dups.suggestions.map((s) => (
              <div key={s.id} class="triage-pair" data-testid="duplicate-pair">
                <Person title={t('dup.this')} name={dups.intake.name} phone={dups.intake.phone} email={dups.intake.email} />
                <Person title={s.kind === 'person' ? t('dup.person') : t('dup.intake')} name={s.name} phone={s.phone}
                  email={s.email} extra={t('dup.match', { what: s.match })} />
                <Button onClick={() => {
                  const i = dups.intake;
                  setDups(null);
                  setAsk({
                    title: t('dup.reasonTitle'),
                    confirm: t('dup.confirm'),
                    run: async (reason) => {
                      const r = await merge(org, i, s, reason);
                      done(r.ok ? null : r.problem);
                    },
                  });
                }}>{s.kind === 'person' ? t('dup.link') : t('dup.merge')}</Button>
              </div>
            ))}
            <Actions>
              <Button variant="secondary" onClick={() => setDups(null)}>{t('detail.close')}</Button>
            </Actions>
          </div>
        )}
      </Dialog>
      <ReasonDialog ask={ask} onClose={() => setAsk(null)} />
    </Page>
  );
}
