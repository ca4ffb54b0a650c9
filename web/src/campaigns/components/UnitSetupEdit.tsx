// SPDX-License-Identifier: AGPL-3.0-or-later
// Editing a unit on /units/:id/setup, for those who may edit the workplace:
// add a department, shift or job class; rename one inline; rename the unit
// and change its entered size. Renames send If-Match the version shown: on
// 412 the typed text stays, the screen says a colleague changed it and
// reloads the unit underneath (the next save uses the new version).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, TextField } from '../../ui';
import type { Area, UnitDetail } from '../api';
import { messages } from '../l10n/messages';
import { useOrg } from '../state';
import { createArea, patchUnit, renameArea, type AreaKind } from '../workplaceApi';
import { useFormProblem } from './FormProblem';
import '../workplaceSetup.css';

/** "Add a department" (or shift, job class): a name. */
export function AddAreaForm({ unitId, kind, onAdded }: { unitId: string; kind: AreaKind; onAdded: (a: Area) => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const problem = useFormProblem(['name']);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    problem.set(null);
    const r = await createArea(org, unitId, { kind, name: name.trim() });
    setBusy(false);
    if (!r.ok) return problem.set(r.problem);
    setName('');
    onAdded(r.value);
  };
  return (
    <form class="camp-ws-rename" onSubmit={submit} data-testid={`add-${kind}`}>
      <TextField
        label={t(`workplace.areaName.${kind}`)}
        name={`new-${kind}`}
        required
        maxLength={200}
        value={name}
        onValue={setName}
        error={problem.error('name')}
      />
      <Button type="submit" variant="secondary" name={`add-${kind}`} disabled={busy || !name.trim()}>
        {t(`workplace.addArea.${kind}`)}
      </Button>
      {problem.banner}
    </form>
  );
}

/** One area's name with an inline rename (editors only); children are
 * further actions shown beside Rename (Delete). */
export function AreaName({
  area,
  edit,
  onRenamed,
  onStale,
  children,
}: {
  area: Area;
  edit: boolean;
  onRenamed: (a: Area) => void;
  onStale: () => void;
  children?: ComponentChildren;
}) {
  const t = useMessages(messages);
  const org = useOrg();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(area.name);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const problem = useFormProblem(['name']);
  if (!edit || !open) {
    return (
      <>
        <span>{area.name}</span>
        {edit && (
          <div class="camp-ws-actions">
            <Button
              variant="quiet"
              name="rename"
              aria-label={t('workplace.renameLabel', { name: area.name })}
              onClick={() => {
                setName(area.name);
                setStale(false);
                problem.set(null);
                setOpen(true);
              }}
            >
              {t('workplace.rename')}
            </Button>
            {children}
          </div>
        )}
      </>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    problem.set(null);
    setStale(false);
    const r = await renameArea(org, area.id, area.version, name.trim());
    setBusy(false);
    if (r.ok) {
      setOpen(false);
      onRenamed(r.value);
      return;
    }
    if (r.problem.status === 412) {
      setStale(true);
      onStale();
      return;
    }
    problem.set(r.problem);
  };
  return (
    <form class="camp-ws-rename" onSubmit={submit} data-testid="rename-area">
      <TextField
        label={t('workplace.newName', { name: area.name })}
        name="area-name"
        required
        maxLength={200}
        value={name}
        onValue={setName}
        error={problem.error('name')}
      />
      <div class="camp-ws-actions">
        <Button type="submit" name="save-name" disabled={busy || !name.trim()}>
          {t('save')}
        </Button>
        <Button variant="secondary" name="cancel-rename" onClick={() => setOpen(false)}>
          {t('cancel')}
        </Button>
      </div>
      {stale && <Banner tone="warning" title={t('workplace.stale')} />}
      {problem.banner}
    </form>
  );
}

/** The unit's name and entered size. */
export function UnitSettings({ unit, onSaved, onStale }: { unit: UnitDetail; onSaved: (u: UnitDetail) => void; onStale: () => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const [name, setName] = useState(unit.name);
  const [size, setSize] = useState(unit.size_override === null ? '' : String(unit.size_override));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<'saved' | 'stale' | null>(null);
  const problem = useFormProblem(['name', 'size_override']);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    problem.set(null);
    setOutcome(null);
    const trimmed = size.trim();
    const r = await patchUnit(org, unit.id, unit.version, {
      name: name.trim(),
      // Empty clears the entered size; a non-number goes as typed so the
      // server names the field (400).
      size_override: trimmed === '' ? null : Number.isInteger(Number(trimmed)) ? Number(trimmed) : (trimmed as unknown as number),
    });
    setBusy(false);
    if (r.ok) {
      setOutcome('saved');
      onSaved({ ...unit, ...r.value });
      return;
    }
    if (r.problem.status === 412) {
      setOutcome('stale');
      onStale();
      return;
    }
    problem.set(r.problem);
  };
  return (
    <form class="camp-form" onSubmit={submit} data-testid="unit-settings">
      <TextField
        label={t('workplace.unitNameLabel')}
        name="unit-name"
        required
        maxLength={200}
        value={name}
        onValue={setName}
        error={problem.error('name')}
      />
      <TextField
        label={t('workplace.size')}
        name="unit-size"
        inputMode="numeric"
        hint={t('workplace.sizeHint')}
        value={size}
        onValue={setSize}
        error={problem.error('size_override')}
      />
      {outcome === 'saved' && <Banner tone="success" title={t('workplace.saved')} />}
      {outcome === 'stale' && <Banner tone="warning" title={t('workplace.stale')} />}
      {problem.banner}
      <Button type="submit" name="save-unit" disabled={busy || !name.trim()}>
        {t('workplace.saveUnit')}
      </Button>
    </form>
  );
}
