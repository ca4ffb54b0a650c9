// SPDX-License-Identifier: AGPL-3.0-or-later
// /elections?unit=ID: a unit's election history (every attempt, oldest
// first), new petition and election, the 2023-rule dates of each attempt,
// tally entry with the outcome the server computes (R8, R9), bars in force
// and the earliest petition date (R10-R13), contracts and recognitions,
// and the Cemex clock when the org has it on (R14).
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RouteProps } from '../../app/routes';
import { Link } from '../../app/router';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Card, Page, Select, TextField } from '../../ui';
import {
  addAgreement,
  addElection,
  addPetition,
  editAgreement,
  editElection,
  getUnitElections,
  putTally,
  type Agreement,
  type Election,
  type UnitElections,
} from '../api';
import '../elections.css';
import { messages } from '../l10n/messages';
import { mayImport } from '../../imports/access';
import { isOrgAdmin, useSession } from '../../auth/state';
import { CemexPanel } from './CemexPanel';
import { CemexSetting } from './CemexSetting';
import { VoterListUpload } from './VoterListUpload';
import { DateField, ProblemBanner, queryParam, useDay, useOrgSlug } from './common';

export function ElectionsPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const org = useOrgSlug();
  const unit = params?.id ?? queryParam('unit');
  const admin = isOrgAdmin(useSession());
  const [data, setData] = useState<UnitElections | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = async (signal?: AbortSignal) => {
    if (!org || !unit) return;
    const r = await getUnitElections(org, unit, signal);
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
  }, [org, unit]);

  if (!unit) {
    return (
      <Page title={t('page.title')}>
        <p>{t('common.noUnit')}</p>
        <Link href="/deadlines">{t('common.chooseTitle')}</Link>
      </Page>
    );
  }
  const reload = () => void load();
  return (
    <Page title={t('page.title')} lead={t('page.lead')}>
      <ProblemBanner problem={problem} />
      {!data && !problem && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <p class="el-row">
            <Link href={`/campaigns/${encodeURIComponent(data.campaign_id)}/deadlines`}>{t('page.backToDeadlines')}</Link>
            <Link href={`/campaigns/${encodeURIComponent(data.campaign_id)}/charges`}>{t('page.backToCharges')}</Link>
          </p>
          <BarsCard data={data} />
          <HistoryCard data={data} org={org} onChange={reload} />
          {data.can_edit && <PetitionForm org={org} unit={unit} onDone={reload} />}
          {data.can_edit && <ElectionForm org={org} unit={unit} data={data} onDone={reload} />}
          <AgreementsCard data={data} org={org} unit={unit} onDone={reload} />
          {data.cemex_enabled && (
            <CemexPanel org={org} unit={unit} demands={data.cemex_demands ?? []} canEdit={data.can_edit} onDone={reload} />
          )}
          {admin && <CemexSetting org={org} onChange={reload} />}
        </>
      )}
    </Page>
  );
}

function BarsCard({ data }: { data: UnitElections }) {
  const t = useMessages(messages);
  const day = useDay();
  const b = data.bars;
  return (
    <Card title={t('bars.title')}>
      <p class="el-earliest" data-testid="earliest-petition">
        {b.earliest_unknown
          ? t('bars.unknown')
          : b.earliest_petition_date === b.as_of
            ? t('bars.earliestToday')
            : t('bars.earliest', { date: day(b.earliest_petition_date) })}
      </p>
      {b.in_force.length === 0 ? (
        <p>{t('bars.none')}</p>
      ) : (
        <ul class="el-list" aria-label={t('bars.title')}>
          {b.in_force.map((bar) => (
            <li key={`${bar.kind}-${bar.runs_from}`} class="el-item" data-bar={bar.kind}>
              <p class="el-item__title">{t(`bars.kind.${bar.kind as 'election_bar'}`)}</p>
              <p class="el-item__meta">
                {bar.ends_on && t('bars.until', { date: day(bar.ends_on) })}
                {bar.petition_allowed_from && ` · ${t('bars.petitionFrom', { date: day(bar.petition_allowed_from) })}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {data.blocking_charges > 0 && <p>{t('bars.blocking', { count: data.blocking_charges })}</p>}
    </Card>
  );
}

function HistoryCard({ data, org, onChange }: { data: UnitElections; org: string; onChange: () => void }) {
  const t = useMessages(messages);
  const day = useDay();
  const importer = mayImport(useSession()?.roles);
  return (
    <Card title={t('history.title')}>
      {data.elections.length === 0 && data.petitions.length === 0 && <p>{t('history.empty')}</p>}
      <ol class="el-list">
        {data.elections.map((e) => (
          <li key={e.id} class="el-item hs-card" data-attempt={e.attempt}>
            <div class="el-item__head">
              <h3 class="el-item__title">{t('history.attempt', { n: e.attempt })}</h3>
              <span class="el-item__meta">
                {e.case_number ? t('history.caseNumber', { number: e.case_number }) : t('history.noCase')}
              </span>
            </div>
            <Timeline e={e} />
            {e.tally && <TallyView e={e} />}
            {data.can_edit && <ElectionDatesForm key={`dates-${e.id}`} org={org} e={e} onDone={onChange} />}
            {data.can_edit && <TallyForm org={org} e={e} onDone={onChange} />}
            {data.can_edit && importer && <VoterListUpload org={org} election={e.id} />}
          </li>
        ))}
      </ol>
      {data.petitions
        .filter((p) => !data.elections.some((e) => e.petition_id === p.id))
        .map((p) => (
          <p key={p.id} class="el-item__meta">
            {`${p.kind} · ${p.case_number || t('history.noCase')} · ${t('history.filed')} ${day(p.filed_on)}`}
          </p>
        ))}
    </Card>
  );
}

function Timeline({ e }: { e: Election }) {
  const t = useMessages(messages);
  const day = useDay();
  const rows: [string, string | null | undefined][] = [
    [t('history.filed'), e.petition_filed_on],
    [t('history.notice'), e.notice_served_on],
    [t('history.sop'), e.timeline?.statement_of_position_due],
    [t('history.hearing'), e.timeline?.hearing_opens],
    [t('history.direction'), e.direction_on],
    [t('history.voterList'), e.timeline?.voter_list_due],
    [t('history.electionDay'), e.election_on],
    [t('history.tallyDay'), e.tally_on],
    [t('history.objections'), e.timeline?.objections_due],
    [t('history.certified'), e.certified_on],
    [t('history.setAside'), e.set_aside_on],
  ];
  return (
    <>
      {e.timeline && e.timeline.rule !== '2023' && <p class="el-item__meta">{t('history.oldRule')}</p>}
      <dl class="el-dates" aria-label={t('history.timelineLabel', { n: e.attempt })}>
        {rows
          .filter(([, v]) => !!v)
          .map(([label, v]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{day(v)}</dd>
            </Fragment>
          ))}
        {!e.election_on && e.timeline?.typical_election && (
          <>
            <dt>{t('history.typical')}</dt>
            <dd>{day(e.timeline.typical_election)}</dd>
          </>
        )}
      </dl>
    </>
  );
}

function TallyView({ e }: { e: Election }) {
  const t = useMessages(messages);
  const tally = e.tally!;
  const yes = tally.choices.filter((c) => !c.no_union).reduce((s, c) => s + c.votes, 0);
  const no = tally.choices.filter((c) => c.no_union).reduce((s, c) => s + c.votes, 0);
  const outcome = tally.outcome as 'certified' | null;
  return (
    <div class="el-tally">
      <p>
        {tally.choices.length > 2
          ? tally.choices.map((c) => `${c.name} ${c.votes}`).join(' · ')
          : t('tally.counted', { yes, no, void: tally.void, challenged: tally.challenged })}
      </p>
      {tally.valid_votes !== undefined && (
        <p class="el-item__meta">{t('tally.valid', { valid: tally.valid_votes, majority: tally.majority ?? 0 })}</p>
      )}
      {outcome && (
        <>
          <p>
            {`${t('tally.outcomeLabel')}: `}
            <span class="el-outcome" data-outcome={outcome} data-testid="outcome">
              {t(`tally.outcome.${outcome}`)}
            </span>
          </p>
          <p class="el-item__meta">{t(`tally.explain.${outcome}`)}</p>
          {tally.runoff && <p>{t('tally.runoffBetween', { a: tally.runoff[0], b: tally.runoff[1] })}</p>}
        </>
      )}
    </div>
  );
}

// The Region sets and moves dates (a postponed hearing, a rescheduled
// election, a certification): the organizer corrects them here. Emptying a
// field clears the date. A 412 keeps the typed dates and reloads the
// colleague's version underneath, so saving again applies them on top.
const kElectionDates = ['notice_served_on', 'hearing_on', 'direction_on', 'election_on', 'certified_on', 'set_aside_on'] as const;
type ElectionDate = (typeof kElectionDates)[number];

function ElectionDatesForm({ org, e, onDone }: { org: string; e: Election; onDone: () => void }) {
  const t = useMessages(messages);
  // Only the dates the organizer typed are sent: after a 412 the untouched
  // fields show the colleague's values and are left as they are.
  const [typed, setTyped] = useState<Partial<Record<ElectionDate, string>>>({});
  const value = (k: ElectionDate) => typed[k] ?? e[k] ?? '';
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    const body: Record<string, unknown> = {};
    for (const k of kElectionDates) {
      const v = typed[k];
      if (v !== undefined && v !== (e[k] ?? '')) body[k] = v === '' ? null : v;
    }
    if (Object.keys(body).length === 0) return;
    setBusy(true);
    const r = await editElection(org, e, body);
    setBusy(false);
    setSaved(r.ok);
    if (r.ok) {
      setProblem(null);
      setTyped({});
      onDone();
    } else {
      setProblem(r.problem);
      if (r.problem.status === 412) onDone(); // the newer version comes in; the typed dates stay
    }
  };
  const labels: Record<ElectionDate, string> = {
    notice_served_on: t('election.notice'),
    hearing_on: t('edit.hearing'),
    direction_on: t('election.direction'),
    election_on: t('election.day'),
    certified_on: t('edit.certified'),
    set_aside_on: t('edit.setAside'),
  };
  return (
    <details class="el-edit-entry" data-testid="election-dates">
      <summary>{t('edit.dates')}</summary>
      <form class="el-form" onSubmit={(ev) => void submit(ev)}>
        <ProblemBanner problem={problem} />
        {saved && <Banner tone="success" title={t('common.saved')} />}
        <p class="el-item__meta">{t('edit.clearHint')}</p>
        <div class="el-grid">
          {kElectionDates.map((k) => (
            <DateField key={k} label={labels[k]} name={k} value={value(k)} onValue={(v) => setTyped((d) => ({ ...d, [k]: v }))} />
          ))}
        </div>
        <Button type="submit" variant="secondary" disabled={busy}>
          {busy ? t('common.saving') : t('edit.save')}
        </Button>
      </form>
    </details>
  );
}

function AgreementDatesForm({ org, g, onDone }: { org: string; g: Agreement; onDone: () => void }) {
  const t = useMessages(messages);
  const contract = g.kind === 'contract';
  const [a, setA] = useState((contract ? g.effective_on : g.recognized_on) ?? '');
  const [b, setB] = useState((contract ? g.expires_on : g.first_session_on) ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const body: Record<string, unknown> = contract
      ? { effective_on: a, expires_on: b }
      : { recognized_on: a, first_session_on: b === '' ? null : b };
    const r = await editAgreement(org, g, body);
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      onDone();
    } else {
      setProblem(r.problem);
      if (r.problem.status === 412) onDone();
    }
  };
  return (
    <details class="el-edit-entry" data-testid="agreement-dates">
      <summary>{t('edit.agreement')}</summary>
      <form class="el-form" onSubmit={(ev) => void submit(ev)}>
        <ProblemBanner problem={problem} />
        <div class="el-grid">
          <DateField
            label={contract ? t('agreements.effective') : t('agreements.recognized')}
            name={`agreement_from_${g.id}`}
            value={a}
            onValue={setA}
            required
          />
          <DateField
            label={contract ? t('agreements.expires') : t('agreements.first')}
            name={`agreement_to_${g.id}`}
            value={b}
            onValue={setB}
            required={contract}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={busy}>
          {busy ? t('common.saving') : t('edit.save')}
        </Button>
      </form>
    </details>
  );
}

function TallyForm({ org, e, onDone }: { org: string; e: Election; onDone: () => void }) {
  const t = useMessages(messages);
  const [yes, setYes] = useState('');
  const [no, setNo] = useState('');
  const [voided, setVoided] = useState('0');
  const [challenged, setChallenged] = useState('0');
  const [on, setOn] = useState(e.tally_on ?? e.election_on ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const num = (s: string) => (s.trim() === '' ? 0 : Number(s));
    const r = await putTally(org, e, {
      yes: num(yes),
      no: num(no),
      void: num(voided),
      challenged: num(challenged),
      tally_on: on,
    });
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      onDone();
    } else setProblem(r.problem);
  };
  return (
    <details class="el-tally-entry">
      <summary>{t('tally.enter')}</summary>
      <form class="el-form" onSubmit={(ev) => void submit(ev)}>
        <ProblemBanner problem={problem} />
        <div class="el-grid">
          <TextField label={t('tally.yes')} name="yes" type="number" inputMode="numeric" value={yes} onValue={setYes} required />
          <TextField label={t('tally.no')} name="no" type="number" inputMode="numeric" value={no} onValue={setNo} required />
          <TextField label={t('tally.void')} name="void" type="number" inputMode="numeric" value={voided} onValue={setVoided} />
          <TextField
            label={t('tally.challenged')}
            name="challenged"
            type="number"
            inputMode="numeric"
            value={challenged}
            onValue={setChallenged}
          />
        </div>
        <DateField label={t('tally.day')} name="tally_on" value={on} onValue={setOn} required />
        <Button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('tally.save')}
        </Button>
      </form>
    </details>
  );
}

function PetitionForm({ org, unit, onDone }: { org: string; unit: string; onDone: () => void }) {
  const t = useMessages(messages);
  const [kind, setKind] = useState('RC');
  const [caseNumber, setCaseNumber] = useState('');
  const [filed, setFiled] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const kinds = ['RC', 'RM', 'RD', 'UD', 'UC', 'AC'] as const;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await addPetition(org, unit, { kind, case_number: caseNumber.trim(), filed_on: filed });
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      setCaseNumber('');
      setFiled('');
      onDone();
    } else setProblem(r.problem);
  };
  return (
    <Card title={t('petition.title')}>
      <form class="el-form" onSubmit={(ev) => void submit(ev)} data-testid="petition-form">
        <ProblemBanner problem={problem} />
        <Select
          label={t('petition.kind')}
          name="kind"
          value={kind}
          onValue={setKind}
          options={kinds.map((k) => ({ value: k, label: t(`petition.kinds.${k}`) }))}
        />
        <TextField
          label={t('petition.caseNumber')}
          hint={t('petition.caseHint')}
          name="case_number"
          value={caseNumber}
          onValue={setCaseNumber}
          maxLength={32}
        />
        <DateField label={t('petition.filedOn')} name="filed_on" value={filed} onValue={setFiled} required />
        <Button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('petition.add')}
        </Button>
      </form>
    </Card>
  );
}

function ElectionForm({ org, unit, data, onDone }: { org: string; unit: string; data: UnitElections; onDone: () => void }) {
  const t = useMessages(messages);
  const day = useDay();
  const newest = data.petitions[data.petitions.length - 1];
  const [petition, setPetition] = useState(newest?.id ?? '');
  const [notice, setNotice] = useState('');
  const [direction, setDirection] = useState('');
  const [electionDay, setElectionDay] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (!data.petitions.some((p) => p.id === petition)) setPetition(newest?.id ?? '');
  }, [data.petitions.length]);
  if (data.petitions.length === 0) {
    return (
      <Card title={t('election.title')}>
        <p>{t('election.needPetition')}</p>
      </Card>
    );
  }
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const body: Record<string, unknown> = { petition_id: petition };
    if (notice) body.notice_served_on = notice;
    if (direction) body.direction_on = direction;
    if (electionDay) body.election_on = electionDay;
    const r = await addElection(org, unit, body);
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      setNotice('');
      setDirection('');
      setElectionDay('');
      onDone();
    } else setProblem(r.problem);
  };
  return (
    <Card title={t('election.title')}>
      <p class="el-item__meta">{t('election.loss')}</p>
      <form class="el-form" onSubmit={(ev) => void submit(ev)} data-testid="election-form">
        <ProblemBanner problem={problem} />
        <Select
          label={t('election.petition')}
          name="petition_id"
          value={petition}
          onValue={setPetition}
          options={data.petitions.map((p) => ({
            value: p.id,
            label: `${p.kind} · ${p.case_number || t('history.noCase')} · ${day(p.filed_on)}`,
          }))}
        />
        <div class="el-grid">
          <DateField label={t('election.notice')} name="notice_served_on" value={notice} onValue={setNotice} />
          <DateField label={t('election.direction')} name="direction_on" value={direction} onValue={setDirection} />
          <DateField label={t('election.day')} name="election_on" value={electionDay} onValue={setElectionDay} />
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('election.add')}
        </Button>
      </form>
    </Card>
  );
}

function AgreementsCard({ data, org, unit, onDone }: { data: UnitElections; org: string; unit: string; onDone: () => void }) {
  const t = useMessages(messages);
  const day = useDay();
  const [kind, setKind] = useState<'contract' | 'voluntary_recognition'>('contract');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const body: Record<string, unknown> =
      kind === 'contract'
        ? { kind, effective_on: a, expires_on: b }
        : { kind, recognized_on: a, ...(b ? { first_session_on: b } : {}) };
    const r = await addAgreement(org, unit, body);
    setBusy(false);
    setSaved(r.ok);
    if (r.ok) {
      setProblem(null);
      setA('');
      setB('');
      onDone();
    } else setProblem(r.problem);
  };
  return (
    <Card title={t('agreements.title')}>
      {data.agreements.length === 0 && <p>{t('agreements.empty')}</p>}
      <ul class="el-list">
        {data.agreements.map((g) => (
          <li key={g.id} class="el-item">
            <p class="el-item__title">
              {g.kind === 'contract'
                ? t('agreements.contract', { from: day(g.effective_on), to: day(g.expires_on) })
                : t('agreements.recognition', { date: day(g.recognized_on) })}
              {g.first_session_on && ` · ${t('agreements.firstSession', { date: day(g.first_session_on) })}`}
            </p>
            {g.window && (
              <p class="el-item__meta">{t('agreements.window', { opens: day(g.window.opens), closes: day(g.window.closes) })}</p>
            )}
            {data.can_edit && <AgreementDatesForm key={g.id} org={org} g={g} onDone={onDone} />}
          </li>
        ))}
      </ul>
      {data.can_edit && (
        <form class="el-form" onSubmit={(ev) => void submit(ev)}>
          <ProblemBanner problem={problem} />
          {saved && <Banner tone="success" title={t('common.saved')} />}
          <Select
            label={t('agreements.kind')}
            name="agreement_kind"
            value={kind}
            onValue={(v) => setKind(v as 'contract')}
            options={(['contract', 'voluntary_recognition'] as const).map((k) => ({ value: k, label: t(`agreements.kinds.${k}`) }))}
          />
          <div class="el-grid">
            <DateField
              label={kind === 'contract' ? t('agreements.effective') : t('agreements.recognized')}
              name="agreement_from"
              value={a}
              onValue={setA}
              required
            />
            <DateField
              label={kind === 'contract' ? t('agreements.expires') : t('agreements.first')}
              name="agreement_to"
              value={b}
              onValue={setB}
              required={kind === 'contract'}
            />
          </div>
          <Button type="submit" variant="secondary" disabled={busy}>
            {busy ? t('common.saving') : t('agreements.add')}
          </Button>
        </form>
      )}
    </Card>
  );
}
