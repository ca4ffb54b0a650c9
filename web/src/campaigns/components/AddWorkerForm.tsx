// SPDX-License-Identifier: AGPL-3.0-or-later
// Adds a coworker to a unit in one step (name, personal phone, department,
// shift, FT/PT, supervisor, language): J3.2. A refused add keeps what was
// typed.
import { useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Checkbox, Select, TextField } from '../../ui';
import { addWorker, type UnitDetail } from '../api';
import { messages } from '../l10n/messages';
import { useOrg } from '../state';
import { ProblemBanner } from './ProblemBanner';

export function AddWorkerForm({ unit, onAdded }: { unit: UnitDetail; onAdded: () => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [department, setDepartment] = useState('');
  const [shift, setShift] = useState('');
  const [employment, setEmployment] = useState<'full_time' | 'part_time' | 'unknown'>('unknown');
  const [language, setLanguage] = useState('');
  const [supervisor, setSupervisor] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [added, setAdded] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const r = await addWorker(org, unit.id, {
      name: name.trim(),
      phone: phone.trim() || undefined,
      department_id: department || undefined,
      shift_id: shift || undefined,
      employment_type: employment,
      preferred_language: language || undefined,
      supervisor,
    });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setAdded(name.trim());
    setName('');
    setPhone('');
    setSupervisor(false);
    onAdded();
  };

  const choose = { value: '', label: t('addWorker.choose') };
  return (
    <form class="camp-form" onSubmit={submit} data-testid="add-worker">
      <TextField label={t('addWorker.name')} name="worker-name" required maxLength={200} value={name} onValue={setName} />
      <TextField
        label={t('addWorker.phone')}
        name="worker-phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        hint={t('addWorker.phoneHint')}
        value={phone}
        onValue={setPhone}
      />
      <div class="camp-form__row">
        <Select
          label={t('addWorker.department')}
          name="worker-department"
          value={department}
          options={[choose, ...unit.departments.map((d) => ({ value: d.id, label: d.name }))]}
          onValue={setDepartment}
        />
        <Select
          label={t('addWorker.shift')}
          name="worker-shift"
          value={shift}
          options={[choose, ...unit.shifts.map((d) => ({ value: d.id, label: d.name }))]}
          onValue={setShift}
        />
      </div>
      <div class="camp-form__row">
        <Select
          label={t('addWorker.employment')}
          name="worker-employment"
          value={employment}
          options={[
            { value: 'unknown', label: t('addWorker.unknown') },
            { value: 'full_time', label: t('addWorker.fullTime') },
            { value: 'part_time', label: t('addWorker.partTime') },
          ]}
          onValue={(v) => setEmployment(v as 'full_time' | 'part_time' | 'unknown')}
        />
        <Select
          label={t('addWorker.language')}
          name="worker-language"
          value={language}
          options={[
            { value: '', label: t('addWorker.langNone') },
            { value: 'en', label: t('languages.en') },
            { value: 'es', label: t('languages.es') },
          ]}
          onValue={setLanguage}
        />
      </div>
      <Checkbox label={t('addWorker.supervisor')} name="worker-supervisor" checked={supervisor} onChecked={setSupervisor} />
      {problem && <ProblemBanner problem={problem} />}
      {added && !problem && <Banner tone="success" title={t('addWorker.added', { name: added })} />}
      <Button type="submit" disabled={busy || !name.trim()} name="add-worker">
        {t('addWorker.add')}
      </Button>
    </form>
  );
}
