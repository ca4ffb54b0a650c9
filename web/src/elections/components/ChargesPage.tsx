// SPDX-License-Identifier: AGPL-3.0-or-later
// /charges?campaign=ID: the campaign's ULP charges with the 10(b) badge
// (R15), the stage moves the rules allow from each one's stage (R17: only
// the server's next_stages are offered), filing dates, and a form to record
// a charge (R16's kinds). Charges naming a worker that the reader may not
// see are only counted.
import { useEffect, useState } from 'preact/hooks';
import type { RouteProps } from '../../app/routes';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Button, Card, Page, Select, TextField } from '../../ui';
import { addCharge, editCharge, listCharges, moveChargeStage, type Charge } from '../api';
import '../elections.css';
import { messages } from '../l10n/messages';
import { Chooser } from './Chooser';
import { DateField, DaysLeft, ProblemBanner, queryParam, useDay, useOrgSlug, WarningBadge } from './common';

const kKinds = [
  'threat',
  'interrogation',
  'promise',
  'surveillance',
  'impression_of_surveillance',
  'retaliatory_discharge',
  'retaliatory_discipline',
  'refusal_to_bargain',
] as const;

export function ChargesPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const org = useOrgSlug();
  const campaign = params?.id ?? queryParam('campaign');
  const [data, setData] = useState<{ charges: Charge[]; withheld_naming_people: number; can_edit: boolean } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = async (signal?: AbortSignal) => {
    if (!org || !campaign) return;
    const r = await listCharges(org, campaign, signal);
    if (signal?.aborted) return;
    if (r.ok) {
      setData(r.value);
      setProblem(null);
    } else setProblem(r.problem);
  };
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [org, campaign]);
  if (!campaign) return <Chooser />;
  const reload = () => void load();
  return (
    <Page title={t('charges.title')} lead={t('charges.lead')}>
      <ProblemBanner problem={problem} />
      {!data && !problem && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          {data.charges.length === 0 && <p>{t('charges.empty')}</p>}
          <ul class="el-list" data-testid="charges">
            {data.charges.map((c) => (
              <ChargeItem key={c.id} org={org} c={c} canEdit={data.can_edit} onDone={reload} />
            ))}
          </ul>
          {data.withheld_naming_people > 0 && <p>{t('charges.withheld', { count: data.withheld_naming_people })}</p>}
          {data.can_edit && <ChargeForm org={org} campaign={campaign} onDone={reload} />}
        </>
      )}
    </Page>
  );
}

function ChargeItem({ org, c, canEdit, onDone }: { org: string; c: Charge; canEdit: boolean; onDone: () => void }) {
  const t = useMessages(messages);
  const day = useDay();
  const [next, setNext] = useState(c.next_stages[0] ?? '');
  // After a move the choices change: offer the first legal one again.
  useEffect(() => setNext(c.next_stages[0] ?? ''), [c.stage]);
  const [filed, setFiled] = useState(c.filed_on ?? '');
  const [served, setServed] = useState(c.served_on ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const move = async (ev: Event) => {
    ev.preventDefault();
    if (busy || !next) return;
    setBusy(true);
    const r = await moveChargeStage(org, c, next);
    setBusy(false);
    if (r.ok) onDone();
    else setProblem(r.problem);
  };
  const saveDates = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await editCharge(org, c, { filed_on: filed || null, served_on: served || null });
    setBusy(false);
    if (r.ok) onDone();
    else setProblem(r.problem);
  };
  return (
    <li class="el-item hs-card" data-charge={c.id} data-warning={c.ten_b?.warning}>
      <div class="el-item__head">
        <h2 class="el-item__title">
          {t(`charges.kinds.${c.kind as 'threat'}`)}
          {c.section && ` · ${c.section}`}
        </h2>
        {c.ten_b && !c.ten_b.met && <WarningBadge warning={c.ten_b.warning} />}
      </div>
      <p class="el-item__meta">
        {t('charges.conduct', { date: day(c.conduct_on) })}
        {c.case_number && ` · ${t('deadlines.case', { number: c.case_number })}`}
      </p>
      {c.ten_b && (
        <p>
          {c.ten_b.met ? (
            t('charges.met')
          ) : (
            <>
              {t('charges.deadline', { date: day(c.ten_b.file_and_serve_by) })}
              {' · '}
              <DaysLeft days={c.ten_b.days_left} />
            </>
          )}
        </p>
      )}
      <p>{t('charges.stage', { stage: t(`charges.stages.${c.stage as 'investigation'}`) })}</p>
      {c.description && <p class="el-item__meta">{c.description}</p>}
      <ProblemBanner problem={problem} />
      {canEdit && c.final && <p class="el-item__meta">{t('charges.finalStage')}</p>}
      {canEdit && !c.final && (
        <form class="el-row" onSubmit={(ev) => void move(ev)}>
          <Select
            label={t('charges.moveTo')}
            name="stage"
            value={next}
            onValue={setNext}
            options={c.next_stages.map((s) => ({ value: s, label: t(`charges.stages.${s as 'investigation'}`) }))}
          />
          <Button type="submit" variant="secondary" disabled={busy}>
            {t('charges.move')}
          </Button>
        </form>
      )}
      {canEdit && !c.ten_b?.met && (
        <form class="el-form" onSubmit={(ev) => void saveDates(ev)}>
          <div class="el-grid">
            <DateField label={t('charges.filedOn')} name="filed_on" value={filed} onValue={setFiled} />
            <DateField label={t('charges.servedOn')} name="served_on" value={served} onValue={setServed} />
          </div>
          <Button type="submit" variant="quiet" disabled={busy}>
            {t('charges.markFiled')}
          </Button>
        </form>
      )}
    </li>
  );
}

function ChargeForm({ org, campaign, onDone }: { org: string; campaign: string; onDone: () => void }) {
  const t = useMessages(messages);
  const [kind, setKind] = useState<string>('threat');
  const [on, setOn] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const body: Record<string, unknown> = { kind, conduct_on: on };
    if (caseNumber.trim()) body.case_number = caseNumber.trim();
    if (description.trim()) body.description = description.trim();
    const r = await addCharge(org, campaign, body);
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      setOn('');
      setCaseNumber('');
      setDescription('');
      onDone();
    } else setProblem(r.problem);
  };
  return (
    <Card title={t('charges.add')}>
      <form class="el-form" onSubmit={(ev) => void submit(ev)} data-testid="charge-form">
        <ProblemBanner problem={problem} />
        <Select
          label={t('charges.kindLabel')}
          name="kind"
          value={kind}
          onValue={setKind}
          options={kKinds.map((k) => ({ value: k, label: t(`charges.kinds.${k}`) }))}
        />
        <DateField label={t('charges.conductOn')} name="conduct_on" value={on} onValue={setOn} required />
        <TextField label={t('charges.caseNumber')} name="case_number" value={caseNumber} onValue={setCaseNumber} maxLength={32} />
        <TextField label={t('charges.description')} name="description" value={description} onValue={setDescription} maxLength={8000} />
        <Button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('charges.add')}
        </Button>
      </form>
    </Card>
  );
}
