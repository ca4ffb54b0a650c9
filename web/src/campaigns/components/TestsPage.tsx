// SPDX-License-Identifier: AGPL-3.0-or-later
// /units/:id/tests: a unit's structure tests (R21) with results against
// target, the trend and the threshold to go public; creating one (kind,
// date, target, targets per department, shift or language).
// /structure-tests/:id: ticking who took part, grouped by shift and
// language, with the result and the gaps (J4.3).
import { useState } from 'preact/hooks';
import { Link } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import type { Problem } from '../../http/client';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Banner, Button, Card, Page, Select, TextField } from '../../ui';
import {
  addStructureTest,
  getParticipation,
  getStructureTest,
  getStructureTests,
  getUnit,
  kTestKinds,
  putParticipation,
  type ParticipationRow,
  type TargetKind,
  type TestKind,
} from '../api';
import { formatDay, languageName } from '../format';
import { messages } from '../l10n/messages';
import { mayEditWorkers, mayManage, todayIso, useGrants, useLoad, useOrg } from '../state';
import { Await } from './Loaded';
import { ProblemBanner } from './ProblemBanner';
import { TestResult, TestsSummary } from './TestsSummary';

interface TargetDraft {
  kind: TargetKind;
  name: string;
  percent: string;
}

function CreateTest({ unitId, onCreated }: { unitId: string; onCreated: () => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const unit = useLoad((o, signal) => getUnit(o, unitId, { signal }), [unitId]);
  const [kind, setKind] = useState<TestKind>('majority_petition');
  const [name, setName] = useState('');
  const [heldOn, setHeldOn] = useState(todayIso());
  const [target, setTarget] = useState('');
  const [targets, setTargets] = useState<TargetDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const names = (k: TargetKind): string[] => {
    if (unit.state.status !== 'ok') return [];
    if (k === 'department') return unit.state.value.departments.map((d) => d.name);
    if (k === 'shift') return unit.state.value.shifts.map((d) => d.name);
    if (k === 'language') return ['en', 'es'];
    return [];
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(false);
    const r = await addStructureTest(org, unitId, {
      kind,
      name: name.trim() || undefined,
      held_on: heldOn,
      target_percent: Number(target),
      targets: targets
        .filter((x) => x.name && x.percent)
        .map((x) => ({ kind: x.kind, name: x.name, percent: Number(x.percent) })),
    });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setDone(true);
    setTargets([]);
    setName('');
    onCreated();
  };
  const setTargetAt = (i: number, patch: Partial<TargetDraft>) =>
    setTargets(targets.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Card title={t('tests.create')}>
      <form class="camp-form" onSubmit={submit} data-testid="create-test">
        <Select
          label={t('tests.kind')}
          name="test-kind"
          value={kind}
          options={kTestKinds.map((k) => ({ value: k, label: t(`tests.kinds.${k}`) }))}
          onValue={(v) => setKind(v as TestKind)}
        />
        <TextField label={t('tests.name')} name="test-name" maxLength={200} value={name} onValue={setName} />
        <div class="camp-form__row">
          <div class="hs-field">
            <label class="hs-field__label" for="test-held-on">
              {t('tests.heldOn')}
            </label>
            <input
              id="test-held-on"
              class="hs-input"
              type="date"
              name="test-held-on"
              value={heldOn}
              onInput={(e) => setHeldOn(e.currentTarget.value)}
            />
          </div>
          <TextField
            label={t('tests.target')}
            name="test-target"
            type="number"
            inputMode="numeric"
            required
            value={target}
            onValue={setTarget}
          />
        </div>
        <fieldset class="camp-fieldset">
          <legend>{t('tests.targets')}</legend>
          {targets.map((x, i) => (
            <div class="camp-form__row camp-target" key={i}>
              <Select
                label={t('tests.targetKind')}
                name={`target-kind-${i}`}
                value={x.kind}
                options={(['department', 'shift', 'language'] as const).map((k) => ({ value: k, label: t(`tests.targetKinds.${k}`) }))}
                onValue={(v) => setTargetAt(i, { kind: v as TargetKind, name: '' })}
              />
              <Select
                label={t('tests.targetName')}
                name={`target-name-${i}`}
                value={x.name}
                options={[
                  { value: '', label: t('addWorker.choose') },
                  ...names(x.kind).map((n) => ({ value: n, label: x.kind === 'language' ? languageName(n, t) : n })),
                ]}
                onValue={(v) => setTargetAt(i, { name: v })}
              />
              <TextField
                label={t('tests.targetPercent')}
                name={`target-percent-${i}`}
                type="number"
                inputMode="numeric"
                value={x.percent}
                onValue={(v) => setTargetAt(i, { percent: v })}
              />
              <Button variant="quiet" onClick={() => setTargets(targets.filter((_, j) => j !== i))}>
                {t('tests.removeTarget')}
              </Button>
            </div>
          ))}
          <Button variant="secondary" onClick={() => setTargets([...targets, { kind: 'shift', name: '', percent: '' }])}>
            {t('tests.addTarget')}
          </Button>
        </fieldset>
        {problem && <ProblemBanner problem={problem} />}
        {done && !problem && <Banner tone="success" title={t('tests.created')} />}
        <Button type="submit" disabled={busy || !target} name="create-test">
          {t('tests.save')}
        </Button>
      </form>
    </Card>
  );
}

export function TestsPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const unitId = params?.id ?? '';
  const grants = useGrants();
  const tests = useLoad((org, signal) => getStructureTests(org, unitId, { signal }), [unitId]);
  const title = tests.state.status === 'ok' ? t('tests.title', { name: tests.state.value.unit.name }) : t('dashboard.tests');
  return (
    <Page title={title}>
      <nav class="camp-links hs-no-print" aria-label={title}>
        <Link href={`/units/${unitId}/chart`} class="camp-link">
          {t('dashboard.chart')}
        </Link>
      </nav>
      <Await state={tests.state} retry={tests.reload}>
        {(s) => (
          <>
            {s.tests.length === 0 ? <p>{t('tests.none')}</p> : <TestsSummary tests={s} />}
            {s.tests.length > 0 && (
              <ul class="camp-list camp-list--big" data-testid="test-list">
                {[...s.tests].reverse().map((x) => (
                  <li key={x.id}>
                    <Link href={`/structure-tests/${x.id}`}>
                      {t(`tests.kinds.${x.kind}`)}
                      {x.name ? ` · ${x.name}` : ''} · {formatDay(x.held_on, lang)}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Await>
      {mayManage(grants) && <CreateTest unitId={unitId} onCreated={tests.reload} />}
    </Page>
  );
}

function groupKey(r: ParticipationRow): string {
  return `${r.shift ?? ''}\u0000${r.language ?? ''}`;
}

export function ParticipationPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const org = useOrg();
  const testId = params?.id ?? '';
  const editable = mayEditWorkers(useGrants());
  const test = useLoad((o, signal) => getStructureTest(o, testId, { signal }), [testId]);
  const roster = useLoad((o, signal) => getParticipation(o, testId, { signal }), [testId]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState<Set<string>>(new Set());

  const tick = async (row: ParticipationRow, participated: boolean) => {
    if (roster.state.status !== 'ok') return;
    const before = roster.state.value;
    roster.set({ roster: before.roster.map((r) => (r.person_id === row.person_id ? { ...r, participated, recorded: true } : r)) });
    setPending((p) => new Set(p).add(row.person_id));
    const r = await putParticipation(org, testId, row.person_id, participated);
    setPending((p) => {
      const n = new Set(p);
      n.delete(row.person_id);
      return n;
    });
    if (!r.ok) {
      setProblem(r.problem);
      roster.set(before);
      return;
    }
    setProblem(null);
    test.reload();
  };

  const unitId = test.state.status === 'ok' ? (test.state.value as { unit?: { id: string } }).unit?.id : undefined;
  const title =
    test.state.status === 'ok'
      ? `${t(`tests.kinds.${test.state.value.kind}`)} · ${formatDay(test.state.value.held_on, lang)}`
      : t('tests.participation');
  return (
    <Page title={title}>
      {unitId && (
        <nav class="camp-links hs-no-print" aria-label={title}>
          <Link href={`/units/${unitId}/tests`} class="camp-link">
            {t('tests.back')}
          </Link>
        </nav>
      )}
      <Await state={test.state} retry={test.reload}>
        {(x) => <TestResult test={x} />}
      </Await>
      {problem && <ProblemBanner problem={problem} />}
      <Await state={roster.state} retry={roster.reload}>
        {(r) => {
          const groups = new Map<string, ParticipationRow[]>();
          for (const row of r.roster) {
            if (!row.name) continue; // left the unit since: kept on the test, not named
            const k = groupKey(row);
            groups.set(k, [...(groups.get(k) ?? []), row]);
          }
          const keys = [...groups.keys()].sort();
          return (
            <section data-testid="participation">
              <h2 class="camp-h2">{t('tests.participation')}</h2>
              {keys.map((k) => {
                const rows = groups.get(k)!;
                const first = rows[0]!;
                return (
                  <fieldset class="camp-fieldset" key={k} data-testid="participation-group">
                    <legend>
                      {t('tests.group', {
                        shift: first.shift ?? t('coverage.noShift'),
                        language: languageName(first.language, t),
                      })}
                    </legend>
                    {rows.map((row) => (
                      <label class="hs-checkbox" key={row.person_id}>
                        <input
                          type="checkbox"
                          class="hs-checkbox__input"
                          name={`took-${row.person_id}`}
                          checked={row.participated}
                          disabled={!editable || pending.has(row.person_id)}
                          aria-label={t('tests.tick', { name: row.name ?? '' })}
                          onChange={(e) => void tick(row, e.currentTarget.checked)}
                        />
                        <span>{row.name}</span>
                      </label>
                    ))}
                  </fieldset>
                );
              })}
            </section>
          );
        }}
      </Await>
    </Page>
  );
}
