// SPDX-License-Identifier: AGPL-3.0-or-later
// Mapping a campaign's workplace from its dashboard (issue #4, J3.2), for
// those who may edit the workplace: add an employer; on an employer, add a
// worksite (name, address, city or region, US time zone, default this
// device's) and a bargaining unit (name, which of its worksites, an optional
// entered size). A refused form keeps what was typed (FormProblem).
import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Checkbox, Select, TextField } from '../../ui';
import type { Employer } from '../api';
import { messages } from '../l10n/messages';
import { useLoad, useOrg } from '../state';
import { browserTimeZone, createEmployer, createUnit, createWorksite, getEmployerDetail, kUsTimeZones, type EmployerDetail } from '../workplaceApi';
import { useFormProblem } from './FormProblem';
import '../workplaceSetup.css';

/** "Add an employer": a name. */
export function AddEmployerForm({ campaignId, onAdded }: { campaignId: string; onAdded: (e: Employer) => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState('');
  const problem = useFormProblem(['name']);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    problem.set(null);
    setAdded('');
    const r = await createEmployer(org, campaignId, { name: name.trim() });
    setBusy(false);
    if (!r.ok) return problem.set(r.problem);
    setAdded(r.value.name);
    setName('');
    onAdded(r.value);
  };
  return (
    <details class="camp-details" data-testid="add-employer">
      <summary>{t('workplace.addEmployer')}</summary>
      <form class="camp-form" onSubmit={submit}>
        <TextField
          label={t('workplace.employerName')}
          name="employer-name"
          required
          maxLength={200}
          value={name}
          onValue={setName}
          error={problem.error('name')}
        />
        {problem.banner}
        {added && <Banner tone="success" title={t('workplace.added', { name: added })} />}
        <Button type="submit" name="add-employer" disabled={busy || !name.trim()}>
          {t('workplace.add')}
        </Button>
      </form>
    </details>
  );
}

function timeZoneOptions(t: ReturnType<typeof useMessages<(typeof messages)['en']>>, here: string) {
  const zones = kUsTimeZones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
  if (!here) return zones;
  const label = t('workplace.thisDevice', { zone: here.replace(/_/g, ' ') });
  return kUsTimeZones.includes(here)
    ? zones.map((z) => (z.value === here ? { value: z.value, label } : z))
    : [{ value: here, label }, ...zones];
}

function AddWorksiteForm({ employer, onAdded }: { employer: EmployerDetail; onAdded: () => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const here = browserTimeZone();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [region, setRegion] = useState('');
  const [zone, setZone] = useState(here || 'America/New_York');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState('');
  const problem = useFormProblem(['name', 'address', 'region', 'time_zone']);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    problem.set(null);
    setAdded('');
    const r = await createWorksite(org, employer.id, {
      name: name.trim(),
      address: address.trim() || undefined,
      region: region.trim() || undefined,
      time_zone: zone || undefined,
    });
    setBusy(false);
    if (!r.ok) return problem.set(r.problem);
    setAdded(r.value.name);
    setName('');
    setAddress('');
    onAdded();
  };
  return (
    <details class="camp-details" data-testid="add-worksite">
      <summary>{t('workplace.addWorksite')}</summary>
      <form class="camp-form" onSubmit={submit}>
        <TextField
          label={t('workplace.worksiteName')}
          name="worksite-name"
          required
          maxLength={200}
          value={name}
          onValue={setName}
          error={problem.error('name')}
        />
        <TextField
          label={t('workplace.address')}
          name="worksite-address"
          autoComplete="off"
          maxLength={500}
          hint={t('workplace.addressHint')}
          value={address}
          onValue={setAddress}
          error={problem.error('address')}
        />
        <div class="camp-form__row">
          <TextField
            label={t('workplace.region')}
            name="worksite-region"
            maxLength={200}
            value={region}
            onValue={setRegion}
            error={problem.error('region')}
          />
          <Select
            label={t('workplace.timeZone')}
            name="worksite-time-zone"
            value={zone}
            options={timeZoneOptions(t, here)}
            onValue={setZone}
          />
        </div>
        {problem.error('time_zone') && (
          <p class="hs-field__error" role="alert">
            {problem.error('time_zone')}
          </p>
        )}
        {problem.banner}
        {added && <Banner tone="success" title={t('workplace.added', { name: added })} />}
        <Button type="submit" name="add-worksite" disabled={busy || !name.trim()}>
          {t('workplace.add')}
        </Button>
      </form>
    </details>
  );
}

function AddUnitForm({ employer, campaignId, onAdded }: { employer: EmployerDetail; campaignId: string; onAdded: () => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const [name, setName] = useState('');
  const [sites, setSites] = useState<readonly string[]>([]);
  const [size, setSize] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState('');
  const problem = useFormProblem(['name', 'worksite_ids', 'size_override']);
  const toggle = (id: string, on: boolean) => setSites((s) => (on ? [...s.filter((x) => x !== id), id] : s.filter((x) => x !== id)));
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    problem.set(null);
    setAdded('');
    const trimmed = size.trim();
    const r = await createUnit(org, campaignId, {
      employer_id: employer.id,
      name: name.trim(),
      worksite_ids: sites.filter((s) => employer.worksites.some((w) => w.id === s)),
      // A non-number goes as typed so the server names the field (400).
      size_override: trimmed === '' ? undefined : (Number.isInteger(Number(trimmed)) ? Number(trimmed) : (trimmed as unknown as number)),
    });
    setBusy(false);
    if (!r.ok) return problem.set(r.problem);
    setAdded(r.value.name);
    setName('');
    setSites([]);
    setSize('');
    onAdded();
  };
  return (
    <details class="camp-details" data-testid="add-unit">
      <summary>{t('workplace.addUnit')}</summary>
      <form class="camp-form" onSubmit={submit}>
        <TextField
          label={t('workplace.unitName')}
          name="unit-name"
          required
          maxLength={200}
          value={name}
          onValue={setName}
          error={problem.error('name')}
        />
        <fieldset class="camp-ws-fieldset">
          <legend class="hs-field__label">{t('workplace.unitWorksites')}</legend>
          {employer.worksites.length === 0 ? (
            <p class="hs-muted">{t('workplace.unitNoWorksites')}</p>
          ) : (
            employer.worksites.map((w) => (
              <Checkbox key={w.id} label={w.name} name="unit-worksite" checked={sites.includes(w.id)} onChecked={(on) => toggle(w.id, on)} />
            ))
          )}
          {problem.error('worksite_ids') && (
            <p class="hs-field__error" role="alert">
              {problem.error('worksite_ids')}
            </p>
          )}
        </fieldset>
        <TextField
          label={t('workplace.size')}
          name="unit-size"
          inputMode="numeric"
          hint={t('workplace.sizeHint')}
          value={size}
          onValue={setSize}
          error={problem.error('size_override')}
        />
        {problem.banner}
        {added && <Banner tone="success" title={t('workplace.added', { name: added })} />}
        <Button type="submit" name="add-unit" disabled={busy || !name.trim()}>
          {t('workplace.add')}
        </Button>
      </form>
    </details>
  );
}

/** Under an employer on the dashboard: its worksites, and the two forms. */
export function EmployerSetup({ employer, onUnitAdded }: { employer: Employer; onUnitAdded: () => void }) {
  const t = useMessages(messages);
  const detail = useLoad((org, signal) => getEmployerDetail(org, employer.id, { signal }), [employer.id]);
  if (detail.state.status !== 'ok') return null;
  const e = detail.state.value;
  return (
    <div class="camp-ws-employer" data-testid="employer-setup">
      <p class="hs-muted" data-testid="employer-worksites">
        {e.worksites.length === 0 ? t('workplace.noWorksite') : t('workplace.worksites', { list: e.worksites.map((w) => w.name).join(', ') })}
      </p>
      <AddWorksiteForm employer={e} onAdded={detail.reload} />
      <AddUnitForm
        employer={e}
        campaignId={employer.campaign_id}
        onAdded={() => {
          detail.reload();
          onUnitAdded();
        }}
      />
    </div>
  );
}
