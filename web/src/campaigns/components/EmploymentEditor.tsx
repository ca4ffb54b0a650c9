// SPDX-License-Identifier: AGPL-3.0-or-later
// Changing where a worker works (department, shift, FT/PT, supervisor) with
// If-Match: on 412 someone else changed it first; the organizer's choices
// stay on screen next to the current values, and saving again applies them
// over the new version (never silently overwriting, never losing input).
import { useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Actions, Banner, Button, Checkbox, Select } from '../../ui';
import { etagOf, getEmployment, putEmployment, type Employment, type EmploymentAnswer, type UnitDetail } from '../api';
import { messages } from '../l10n/messages';
import { useOrg } from '../state';
import { ProblemBanner } from './ProblemBanner';

type Kind = Employment['employment_type'];

export function EmploymentEditor({
  personId,
  unit,
  answer,
  onSaved,
  onClose,
}: {
  personId: string;
  unit: UnitDetail;
  answer: EmploymentAnswer & { current: Employment };
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const org = useOrg();
  const cur = answer.current;
  const [department, setDepartment] = useState(cur.department_id ?? '');
  const [shift, setShift] = useState(cur.shift_id ?? '');
  const [kind, setKind] = useState<Kind>(cur.employment_type);
  const [supervisor, setSupervisor] = useState(cur.supervisor);
  const [version, setVersion] = useState(answer.version);
  const [theirs, setTheirs] = useState<Employment | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const areaName = (id: string | null) =>
    [...unit.departments, ...unit.shifts].find((a) => a.id === id)?.name ?? t('none');
  const kindName = (k: Kind) =>
    k === 'full_time' ? t('addWorker.fullTime') : k === 'part_time' ? t('addWorker.partTime') : t('addWorker.unknown');

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const r = await putEmployment(
      org,
      personId,
      {
        worksite_id: cur.worksite_id,
        unit_id: unit.id,
        department_id: department || undefined,
        shift_id: shift || undefined,
        employment_type: kind,
        supervisor,
      },
      etagOf(version),
    );
    if (r.ok) {
      setBusy(false);
      onSaved();
      return;
    }
    if (r.problem.status === 412) {
      const now = await getEmployment(org, personId);
      setBusy(false);
      if (now.ok && now.value.current) {
        setVersion(now.value.version);
        setTheirs(now.value.current);
      } else if (!now.ok) setProblem(now.problem);
      return;
    }
    setBusy(false);
    setProblem(r.problem);
  };

  const choose = { value: '', label: t('addWorker.choose') };
  return (
    <form class="camp-form" onSubmit={save} data-testid="employment-editor">
      <div class="camp-form__row">
        <Select
          label={t('person.department')}
          name="employment-department"
          value={department}
          options={[choose, ...unit.departments.map((d) => ({ value: d.id, label: d.name }))]}
          onValue={setDepartment}
        />
        <Select
          label={t('person.shift')}
          name="employment-shift"
          value={shift}
          options={[choose, ...unit.shifts.map((d) => ({ value: d.id, label: d.name }))]}
          onValue={setShift}
        />
        <Select
          label={t('person.type')}
          name="employment-type"
          value={kind}
          options={(['unknown', 'full_time', 'part_time'] as const).map((k) => ({ value: k, label: kindName(k) }))}
          onValue={(v) => setKind(v as Kind)}
        />
      </div>
      <Checkbox label={t('addWorker.supervisor')} name="employment-supervisor" checked={supervisor} onChecked={setSupervisor} />
      {theirs && (
        <Banner tone="warning" title={t('person.conflictTitle')}>
          <p data-testid="employment-theirs">
            {t('person.conflictNow', {
              department: areaName(theirs.department_id),
              shift: areaName(theirs.shift_id),
              type: kindName(theirs.employment_type),
            })}
          </p>
        </Banner>
      )}
      {problem && <ProblemBanner problem={problem} />}
      <Actions>
        <Button type="submit" disabled={busy} name="save-employment">
          {theirs ? t('rate.keepMine') : t('save')}
        </Button>
        <Button variant="quiet" onClick={onClose}>
          {t('cancel')}
        </Button>
      </Actions>
    </form>
  );
}
