// SPDX-License-Identifier: AGPL-3.0-or-later
// The Cemex clock of a unit (R14), shown only when the org has it on: each
// demand with the employer's deadline and its status, the circuit's
// advisory (the 9th Circuit report and the two-week period marked "not
// verified", as domain-rules.md marks them U), a form to record a demand
// and one to record the employer's response.
import { useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Button, Card, Select, TextField } from '../../ui';
import { addCemexDemand, editCemexDemand, type CemexDemand } from '../api';
import { messages } from '../l10n/messages';
import { DateField, ProblemBanner, useDay } from './common';

interface Props {
  org: string;
  unit: string;
  demands: CemexDemand[];
  canEdit: boolean;
  onDone: () => void;
}

export function CemexPanel({ org, unit, demands, canEdit, onDone }: Props) {
  const t = useMessages(messages);
  return (
    <Card title={t('cemex.title')}>
      <p>{t('cemex.lead')}</p>
      <p class="el-item__meta">
        {t('cemex.periodUnverified')}
        <span class="el-unverified">{t('common.unverified')}</span>
      </p>
      <ul class="el-list" data-testid="cemex-demands">
        {demands.map((d) => (
          <Demand key={d.id} org={org} d={d} canEdit={canEdit} onDone={onDone} />
        ))}
      </ul>
      {canEdit && <DemandForm org={org} unit={unit} onDone={onDone} />}
    </Card>
  );
}

function Demand({ org, d, canEdit, onDone }: { org: string; d: CemexDemand; canEdit: boolean; onDone: () => void }) {
  const t = useMessages(messages);
  const day = useDay();
  const [response, setResponse] = useState(d.response);
  const [on, setOn] = useState(d.responded_on ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const c = d.clock;
  const save = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await editCemexDemand(org, d, { response, responded_on: response === 'none' ? null : on });
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      onDone();
    } else setProblem(r.problem);
  };
  return (
    <li class="el-item hs-card">
      <p class="el-item__title">{t('cemex.demand', { date: day(d.demanded_on), supporters: d.supporters, size: d.unit_size })}</p>
      {c && (
        <>
          <p>{t('cemex.due', { date: day(c.rm_petition_due) })}</p>
          <p data-cemex-status={c.status}>{t(`cemex.status.${c.status as 'running'}`, { days: c.days_left })}</p>
          {c.circuit && <p class="el-item__meta">{t('cemex.circuit', { circuit: c.circuit })}</p>}
          {c.advisories.map((a) => (
            <p key={a.code} class="hs-banner hs-banner--warning" data-advisory={a.code}>
              {t(`cemex.advisory.${a.code as 'cemex_not_enforced'}`)}
              <span class="el-unverified">{a.verified ? t('common.verified') : t('common.unverified')}</span>
            </p>
          ))}
        </>
      )}
      {canEdit && (
        <form class="el-form" onSubmit={(ev) => void save(ev)}>
          <ProblemBanner problem={problem} />
          <Select
            label={t('cemex.response')}
            name="response"
            value={response}
            onValue={setResponse}
            options={(['none', 'recognized', 'filed_rm_petition'] as const).map((k) => ({ value: k, label: t(`cemex.responses.${k}`) }))}
          />
          {response !== 'none' && <DateField label={t('cemex.respondedOn')} name="responded_on" value={on} onValue={setOn} required />}
          <Button type="submit" variant="secondary" disabled={busy}>
            {busy ? t('common.saving') : t('cemex.saveResponse')}
          </Button>
        </form>
      )}
    </li>
  );
}

function DemandForm({ org, unit, onDone }: { org: string; unit: string; onDone: () => void }) {
  const t = useMessages(messages);
  const [on, setOn] = useState('');
  const [method, setMethod] = useState('letter');
  const [evidence, setEvidence] = useState('authorization_cards');
  const [supporters, setSupporters] = useState('');
  const [size, setSize] = useState('');
  const [state, setState] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await addCemexDemand(org, unit, {
      demanded_on: on,
      method,
      evidence,
      supporters: Number(supporters),
      unit_size: Number(size),
      state_code: state.trim().toUpperCase(),
    });
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      onDone();
    } else setProblem(r.problem);
  };
  return (
    <form class="el-form" onSubmit={(ev) => void submit(ev)}>
      <h3>{t('cemex.add')}</h3>
      <ProblemBanner problem={problem} />
      <DateField label={t('cemex.demandedOn')} name="demanded_on" value={on} onValue={setOn} required />
      <div class="el-grid">
        <Select
          label={t('cemex.method')}
          name="method"
          value={method}
          onValue={setMethod}
          options={(['in_person', 'letter', 'email', 'other'] as const).map((k) => ({ value: k, label: t(`cemex.methods.${k}`) }))}
        />
        <Select
          label={t('cemex.evidence')}
          name="evidence"
          value={evidence}
          onValue={setEvidence}
          options={(['authorization_cards', 'signed_petition', 'other'] as const).map((k) => ({
            value: k,
            label: t(`cemex.evidences.${k}`),
          }))}
        />
        <TextField label={t('cemex.supporters')} name="supporters" type="number" inputMode="numeric" value={supporters} onValue={setSupporters} required />
        <TextField label={t('cemex.unitSize')} name="unit_size" type="number" inputMode="numeric" value={size} onValue={setSize} required />
        <TextField label={t('cemex.state')} name="state_code" value={state} onValue={setState} maxLength={2} />
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? t('common.saving') : t('cemex.add')}
      </Button>
    </form>
  );
}
