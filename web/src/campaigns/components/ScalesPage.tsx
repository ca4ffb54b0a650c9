// SPDX-License-Identifier: AGPL-3.0-or-later
// /campaigns/:id/scales: the assessment scales of a campaign (R18): the org's
// default (0–5) and the campaign's own. Level 0 is always "not assessed" and
// never counts as support; the support levels are fixed once a scale is made.
// Those who may manage the committee rename a scale, relabel its levels and
// set its rule assessments ("a signed card sets the level to …"); a rule
// never overrides a newer assessment by a person. Edits carry If-Match: on
// 412 the typed values stay and the colleague's version is shown underneath.
// Everyone else sees the scales, with nothing to edit.
import { useState } from 'preact/hooks';
import type { RouteProps } from '../../app/routes';
import type { Problem } from '../../http/client';
import { useMessages, type Translate } from '../../i18n/hooks';
import { Actions, Banner, Button, Card, Checkbox, Page, Select, TextField } from '../../ui';
import { createScale, getCampaign, listScales, patchScale, type RuleName, type Scale, type ScaleRules } from '../api';
import { levelLabel } from '../format';
import { messages } from '../l10n/messages';
import { mayEditScale, mayManage, useGrants, useLoad, useOrg } from '../state';
import { Await } from './Loaded';
import { ProblemBanner } from './ProblemBanner';

type T = Translate<(typeof messages)['en']>;

const kRules: readonly RuleName[] = ['card_signed', 'structure_test'];
const kDefaultWords = ['not_assessed', 'leader', 'supporter', 'undecided', 'leaning_against', 'opposed'] as const;
type DefaultWord = (typeof kDefaultWords)[number];
const kNotAssessed = 'not_assessed';
/** A label left empty, caught before sending (shown like the server's 400). */
const kEmptyLabel: Problem = { status: 400, code: 'invalid_input', field: 'labels' };

function rulesOf(scale: Scale): ScaleRules {
  return { card_signed: scale.rules?.card_signed ?? null, structure_test: scale.rules?.structure_test ?? null };
}

/** A stored label as the words to edit: the default scale's keys in the
 * reader's language, an org's own words as they are. */
function labelWords(t: T, scale: Scale, level: number): string {
  const label = scale.labels[level] ?? '';
  if (kDefaultWords[level] === label) return t(`scales.words.${label as DefaultWord}`);
  return label;
}

/** The problem of a 400 on one field (or any of its sub-fields), translated. */
function fieldError(t: T, problem: Problem | null, field: 'name' | 'labels' | 'max_level' | 'support_levels' | RuleName) {
  if (!problem || problem.status !== 400 || !problem.field) return undefined;
  const f = problem.field;
  if (field === 'card_signed' || field === 'structure_test') {
    return f === `rules.${field}` ? t('scales.errors.rule') : undefined;
  }
  if (f === field || f.startsWith(`${field}[`) || f.startsWith(`${field}.`)) return t(`scales.errors.${field}`);
  return undefined;
}

function isFieldProblem(problem: Problem | null): boolean {
  const f = problem?.field ?? '';
  return problem?.status === 400 && /^(name|labels|max_level|support_levels|rules\.(card_signed|structure_test))/.test(f);
}

function RuleSelect({
  t,
  rule,
  scale,
  value,
  onValue,
  error,
}: {
  t: T;
  rule: RuleName;
  scale: Pick<Scale, 'labels' | 'max_level'>;
  value: number | null;
  onValue: (v: number | null) => void;
  error?: string;
}) {
  const levels = Array.from({ length: scale.max_level }, (_, i) => i + 1);
  return (
    <div class="camp-scale__rule">
      <Select
        label={t(`scales.rules.${rule}`)}
        name={`rule-${rule}`}
        value={value === null ? '' : String(value)}
        options={[
          { value: '', label: t('scales.rules.off') },
          ...levels.map((l) => ({ value: String(l), label: levelLabel(t, scale, l) })),
        ]}
        onValue={(v) => onValue(v === '' ? null : Number(v))}
      />
      {error && <p class="hs-field__error">{error}</p>}
    </div>
  );
}

function SupportLine({ t, scale }: { t: T; scale: Scale }) {
  const levels = [...scale.support_levels].sort((a, b) => a - b);
  return (
    <p data-testid="support-levels">
      {levels.length === 0
        ? t('scales.supportNone')
        : t('scales.support', { levels: levels.map((l) => levelLabel(t, scale, l)).join(', ') })}
    </p>
  );
}

function RulesLine({ t, scale }: { t: T; scale: Scale }) {
  const rules = rulesOf(scale);
  return (
    <ul class="camp-list" data-testid="scale-rules">
      {kRules.map((r) => (
        <li key={r}>
          {rules[r] === null
            ? t(`scales.rulesRead.${r}Off`)
            : t(`scales.rulesRead.${r}`, { label: levelLabel(t, scale, rules[r] ?? 0) })}
        </li>
      ))}
    </ul>
  );
}

/** A scale read only: its levels, which count as support, its rules. */
function ScaleView({ scale }: { scale: Scale }) {
  const t = useMessages(messages);
  return (
    <>
      <ol class="camp-list camp-list--plain" start={0} data-testid="scale-levels">
        {scale.labels.map((_, l) => (
          <li key={l}>
            {levelLabel(t, scale, l)}
            {l === 0 && <span class="hs-muted"> · {t('scales.zeroNote')}</span>}
          </li>
        ))}
      </ol>
      <SupportLine t={t} scale={scale} />
      <RulesLine t={t} scale={scale} />
    </>
  );
}

interface Draft {
  name: string;
  words: string[];
  rules: ScaleRules;
}

function draftOf(t: T, scale: Scale): Draft {
  return { name: scale.name, words: scale.labels.map((_, l) => labelWords(t, scale, l)), rules: rulesOf(scale) };
}

/** One scale as a form: name, labels 1..max, rules; Save with If-Match. */
function ScaleEditor({
  scale: initial,
  campaignId,
  onSaved,
}: {
  scale: Scale;
  campaignId: string;
  onSaved: (s: Scale) => void;
}) {
  const t = useMessages(messages);
  const org = useOrg();
  // origin: the version the form started from; base: the newest known one
  // (its version goes in If-Match). After a 412 they differ.
  const [origin, setOrigin] = useState<Scale>(initial);
  const [base, setBase] = useState<Scale>(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(t, initial));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [theirs, setTheirs] = useState<Scale | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSaved(false);
    // Only what this person changed goes over the newest version: a label
    // left as it was keeps what is stored (the default scale's keys stay
    // translatable, a colleague's edit stays); level 0 is never relabelled.
    const start = draftOf(t, origin);
    const now = rulesOf(base);
    const labels = draft.words.map((w, l) => (l === 0 || w === start.words[l] ? base.labels[l] ?? '' : w.trim()));
    const name = draft.name === start.name ? base.name : draft.name.trim();
    const rules: ScaleRules = {
      card_signed: draft.rules.card_signed === start.rules.card_signed ? now.card_signed : draft.rules.card_signed,
      structure_test: draft.rules.structure_test === start.rules.structure_test ? now.structure_test : draft.rules.structure_test,
    };
    if (labels.some((l) => !l.trim())) {
      // The server would take an empty label; a level needs words.
      setBusy(false);
      setProblem(kEmptyLabel);
      return;
    }
    const r = await patchScale(org, base.id, { name, labels, rules }, base.version);
    if (r.ok) {
      setBusy(false);
      setBase(r.value);
      setOrigin(r.value);
      setTheirs(null);
      setDraft(draftOf(t, r.value));
      setSaved(true);
      onSaved(r.value);
      return;
    }
    if (r.problem.status === 412) {
      // A colleague saved first: keep what was typed, show theirs below.
      const now = await listScales(org, campaignId);
      setBusy(false);
      const fresh = now.ok ? now.value.scales.find((s) => s.id === base.id) : undefined;
      if (fresh) {
        setBase(fresh);
        setTheirs(fresh);
        return;
      }
    }
    setBusy(false);
    setProblem(r.problem);
  };

  const useTheirs = () => {
    if (!theirs) return;
    setDraft(draftOf(t, theirs));
    setOrigin(theirs);
    setTheirs(null);
    onSaved(theirs);
  };

  const setWord = (l: number, w: string) => setDraft({ ...draft, words: draft.words.map((x, i) => (i === l ? w : x)) });
  const labelsError = fieldError(t, problem, 'labels');
  return (
    <form class="camp-form" onSubmit={save} data-testid="scale-editor" data-scale={base.id}>
      <TextField
        label={t('scales.name')}
        name="scale-name"
        maxLength={200}
        value={draft.name}
        onValue={(name) => setDraft({ ...draft, name })}
        error={fieldError(t, problem, 'name')}
      />
      <fieldset class="camp-fieldset">
        <legend>{t('scales.labels')}</legend>
        <p class="hs-field__hint" data-testid="level-zero">
          {levelLabel(t, base, 0)} · {t('scales.zeroNote')}
        </p>
        {draft.words.slice(1).map((w, i) => (
          <TextField
            key={i + 1}
            label={t('scales.levelN', { level: i + 1 })}
            name={`label-${i + 1}`}
            maxLength={100}
            value={w}
            onValue={(v) => setWord(i + 1, v)}
          />
        ))}
        {labelsError && <p class="hs-field__error">{labelsError}</p>}
      </fieldset>
      <SupportLine t={t} scale={base} />
      <p class="hs-field__hint">{t('scales.supportFixed')}</p>
      <fieldset class="camp-fieldset">
        <legend>{t('scales.rules.title')}</legend>
        <p class="hs-field__hint">{t('scales.rules.explain')}</p>
        {kRules.map((rule) => (
          <RuleSelect
            key={rule}
            t={t}
            rule={rule}
            scale={base}
            value={draft.rules[rule]}
            onValue={(v) => setDraft({ ...draft, rules: { ...draft.rules, [rule]: v } })}
            error={fieldError(t, problem, rule)}
          />
        ))}
      </fieldset>
      {theirs && (
        <Banner tone="warning" title={t('scales.conflictTitle')}>
          <p>{t('scales.conflictBody')}</p>
          <div data-testid="scale-theirs">
            <p>
              <strong>{theirs.name}</strong>
            </p>
            <ScaleView scale={theirs} />
          </div>
        </Banner>
      )}
      {problem && !isFieldProblem(problem) && <ProblemBanner problem={problem} />}
      {problem && isFieldProblem(problem) && <Banner tone="error" title={t('scales.errors.check')} />}
      {saved && <Banner tone="success" title={t('scales.saved')} />}
      <Actions>
        <Button type="submit" disabled={busy} name="save-scale">
          {busy ? t('scales.saving') : theirs ? t('scales.saveMine') : t('save')}
        </Button>
        {theirs && (
          <Button variant="secondary" onClick={useTheirs} name="use-theirs">
            {t('scales.useTheirs')}
          </Button>
        )}
      </Actions>
    </form>
  );
}

/** A new scale for the campaign: levels, labels, support levels, rules. */
function NewScaleForm({ campaignId, onAdded }: { campaignId: string; onAdded: (s: Scale) => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const [name, setName] = useState('');
  const [max, setMax] = useState(5);
  const [words, setWords] = useState<string[]>(() => Array.from({ length: 21 }, () => ''));
  const [support, setSupport] = useState<number[]>([1, 2]);
  const [rules, setRules] = useState<ScaleRules>({ card_signed: null, structure_test: null });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const levels = Array.from({ length: max }, (_, i) => i + 1);
  const shape = { labels: [kNotAssessed, ...words.slice(1, max + 1)], max_level: max };

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const labels = [kNotAssessed, ...words.slice(1, max + 1).map((w) => w.trim())];
    if (labels.some((l) => !l)) {
      setBusy(false);
      setProblem(kEmptyLabel);
      return;
    }
    const r = await createScale(org, campaignId, {
      name: name.trim(),
      max_level: max,
      labels,
      support_levels: support.filter((l) => l <= max).sort((a, b) => a - b),
      rules: {
        card_signed: rules.card_signed !== null && rules.card_signed <= max ? rules.card_signed : null,
        structure_test: rules.structure_test !== null && rules.structure_test <= max ? rules.structure_test : null,
      },
    });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setName('');
    setWords(Array.from({ length: 21 }, () => ''));
    onAdded(r.value);
  };

  const labelsError = fieldError(t, problem, 'labels');
  const supportError = fieldError(t, problem, 'support_levels');
  return (
    <form class="camp-form" onSubmit={add} data-testid="new-scale">
      <TextField
        label={t('scales.name')}
        name="new-scale-name"
        maxLength={200}
        value={name}
        onValue={setName}
        error={fieldError(t, problem, 'name')}
      />
      <Select
        label={t('scales.levels')}
        name="new-scale-max"
        value={String(max)}
        options={Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
        onValue={(v) => setMax(Number(v))}
        hint={t('scales.levelsHint')}
      />
      <fieldset class="camp-fieldset">
        <legend>{t('scales.labels')}</legend>
        <p class="hs-field__hint">
          {t('levels.not_assessed')} · {t('scales.zeroNote')}
        </p>
        {levels.map((l) => (
          <TextField
            key={l}
            label={t('scales.levelN', { level: l })}
            name={`new-label-${l}`}
            maxLength={100}
            value={words[l] ?? ''}
            onValue={(v) => setWords(words.map((x, i) => (i === l ? v : x)))}
          />
        ))}
        {labelsError && <p class="hs-field__error">{labelsError}</p>}
      </fieldset>
      <fieldset class="camp-fieldset">
        <legend>{t('scales.supportTitle')}</legend>
        <p class="hs-field__hint">{t('scales.supportHint')}</p>
        {levels.map((l) => (
          <Checkbox
            key={l}
            label={levelLabel(t, shape, l)}
            name={`new-support-${l}`}
            checked={support.includes(l)}
            onChecked={(on) => setSupport(on ? [...support.filter((x) => x !== l), l] : support.filter((x) => x !== l))}
          />
        ))}
        {supportError && <p class="hs-field__error">{supportError}</p>}
      </fieldset>
      <fieldset class="camp-fieldset">
        <legend>{t('scales.rules.title')}</legend>
        <p class="hs-field__hint">{t('scales.rules.explain')}</p>
        {kRules.map((rule) => (
          <RuleSelect
            key={rule}
            t={t}
            rule={rule}
            scale={shape}
            value={rules[rule] !== null && (rules[rule] ?? 0) <= max ? rules[rule] : null}
            onValue={(v) => setRules({ ...rules, [rule]: v })}
            error={fieldError(t, problem, rule)}
          />
        ))}
      </fieldset>
      {problem && !isFieldProblem(problem) && <ProblemBanner problem={problem} />}
      <Button type="submit" disabled={busy} name="add-scale">
        {busy ? t('scales.saving') : t('scales.add')}
      </Button>
    </form>
  );
}

export function ScalesPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const grants = useGrants();
  const campaignId = params?.id ?? '';
  const campaign = useLoad((o, signal) => getCampaign(o, campaignId, { signal }), [campaignId]);
  const scales = useLoad((o, signal) => listScales(o, campaignId, { signal }), [campaignId]);
  const [added, setAdded] = useState('');
  const title = campaign.state.status === 'ok' ? t('scales.title', { name: campaign.state.value.name }) : t('dashboard.scales');
  const replace = (s: Scale) => {
    if (scales.state.status !== 'ok') return;
    scales.set({ scales: scales.state.value.scales.map((x) => (x.id === s.id ? s : x)) });
  };
  return (
    <Page title={title}>
      <Await state={scales.state} retry={scales.reload}>
        {(list) => (
          <>
            <p class="hs-page__lead">{t('scales.lead')}</p>
            {list.scales.map((s) => (
              <Card key={s.id} title={s.name} level={2}>
                <div data-testid="scale" data-scale={s.id} class="hs-stack">
                  <p class="hs-muted">{s.campaign_id ? t('scales.campaignOwn') : t('scales.orgDefault')}</p>
                  {mayEditScale(grants, s) ? <ScaleEditor scale={s} campaignId={campaignId} onSaved={replace} /> : <ScaleView scale={s} />}
                </div>
              </Card>
            ))}
            {mayManage(grants) && (
              <Card title={t('scales.new')}>
                {added && <Banner tone="success" title={t('scales.added', { name: added })} />}
                <NewScaleForm
                  campaignId={campaignId}
                  onAdded={(s) => {
                    setAdded(s.name);
                    scales.set({ scales: [...list.scales, s] });
                  }}
                />
              </Card>
            )}
          </>
        )}
      </Await>
    </Page>
  );
}
