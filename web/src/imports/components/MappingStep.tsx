// SPDX-License-Identifier: AGPL-3.0-or-later
// Step 2: check the columns. What the file looks like (which tool, how sure,
// by which columns), one row per column (header, examples, what it becomes),
// what is missing, a preview of the first rows, and the choices: what to do
// with people already in the list, partial or all-or-nothing, tags. A field
// chosen for two columns is flagged as soon as it happens and blocks the
// start (the server would refuse it with 409).
import type { TargetedSubmitEvent } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Banner, Button, Table, TextField, type Column } from '../../ui';
import type { DuplicatePolicy, ImportMode, StagedColumn, StagedImport, StartInput } from '../api';
import { clip, formatBytes } from '../format';
import { messages } from '../l10n/messages';
import {
  changedPositions,
  duplicateFields,
  fieldOf,
  initialChoices,
  mappingWarnings,
  matchedHeaders,
  otherWarnings,
  parseTags,
  problemColumn,
  startBody,
  type ChoiceValue,
} from '../mapping';
import { PreviewTable } from './PreviewTable';
import { ProblemBanner } from './ProblemBanner';
import { RadioGroup } from './RadioGroup';

const kTools = new Set(Object.keys(messages.en.tools));
const kFieldNames = new Set(Object.keys(messages.en.fields));

export interface MappingStepProps {
  staged: StagedImport;
  busy: boolean;
  problem: Problem | null;
  onStart: (body: StartInput, tags: string[]) => void;
  onAnother: () => void;
}

export function MappingStep({ staged, busy, problem, onStart, onAnother }: MappingStepProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [choices, setChoices] = useState<ChoiceValue[]>(() => initialChoices(staged));
  const [onDuplicate, setOnDuplicate] = useState<DuplicatePolicy>('fill');
  const [mode, setMode] = useState<ImportMode>('partial');
  const [tagsText, setTagsText] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const sentPositions = useRef<number[]>([]);

  const clash = useMemo(() => duplicateFields(choices), [choices]);
  const missing = useMemo(() => mappingWarnings(choices), [choices]);
  const fromFile = useMemo(() => otherWarnings(staged), [staged]);
  // A refusal naming columns[k] of the request: the k-th changed column.
  const badElement = problemColumn(problem?.field);
  const badColumn = badElement === null ? null : (sentPositions.current[badElement] ?? null);

  const fieldLabel = (f: string) => (kFieldNames.has(f) ? t(`fields.${f as keyof typeof messages.en.fields}`) : f);
  const headerOf = (c: StagedColumn | undefined) => (c && c.header.trim() ? clip(c.header, 80) : t('mapping.noHeader'));

  const tool = kTools.has(staged.format) ? t(`tools.${staged.format as keyof typeof messages.en.tools}`) : null;
  const detected =
    tool && staged.format !== 'generic' && staged.confidence !== 'none'
      ? t(`detect.${staged.confidence}`, { tool })
      : t('detect.none');
  const matched = tool ? matchedHeaders(staged.reason) : null;

  const setChoice = (position: number, value: ChoiceValue) => {
    const next = [...choices];
    next[position] = value;
    setChoices(next);
  };

  const submit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    if (clash.size > 0) {
      const first = Math.min(...clash.keys());
      form.current?.querySelector<HTMLSelectElement>(`#imp-col-${first}`)?.focus();
      return;
    }
    const tags = parseTags(tagsText);
    sentPositions.current = changedPositions(staged, choices);
    onStart(startBody(staged, choices, { mode, on_duplicate: onDuplicate }, tags), tags);
  };

  const positions = staged.columns.map((_, i) => i);
  const columns: Column<number>[] = [
    {
      key: 'column',
      header: t('mapping.columns.column'),
      render: (i) => {
        const c = staged.columns[i]!;
        return (
          <>
            <span class="imp-col__header">
              <bdi>{headerOf(c)}</bdi>
            </span>
            <span class="imp-col__number hs-muted">{t('mapping.columnNumber', { n: c.index + 1 })}</span>
          </>
        );
      },
    },
    {
      key: 'samples',
      header: t('mapping.columns.samples'),
      render: (i) => {
        const samples = staged.columns[i]!.samples.slice(0, 3);
        return samples.length === 0 ? (
          <span class="hs-muted">{t('mapping.noSamples')}</span>
        ) : (
          <ul class="imp-samples">
            {samples.map((s, k) => (
              <li key={k}>
                <bdi>{clip(s, 60)}</bdi>
              </li>
            ))}
          </ul>
        );
      },
    },
    {
      key: 'target',
      header: t('mapping.columns.target'),
      render: (i) => {
        const c = staged.columns[i]!;
        const value = choices[i] ?? 'custom';
        const other = clash.get(i);
        const otherColumn = other !== undefined ? staged.columns[other] : undefined;
        const refused = badColumn === i;
        const errId = `imp-col-${i}-err`;
        const invalid = otherColumn !== undefined || refused;
        return (
          <div class={`imp-target${invalid ? ' imp-target--invalid' : ''}`}>
            <label class="hs-visually-hidden" for={`imp-col-${i}`}>
              {t('mapping.selectLabel', { header: headerOf(c) })}
            </label>
            <select
              id={`imp-col-${i}`}
              name={`column-${c.index}`}
              class="hs-input hs-select"
              value={value}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? errId : undefined}
              data-header={c.header}
              onChange={(e) => setChoice(i, e.currentTarget.value)}
            >
              <optgroup label={t('mapping.groupFields')}>
                {staged.fields.map((f) => (
                  <option key={f} value={`field:${f}`}>
                    {fieldLabel(f)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('mapping.groupOther')}>
                <option value="custom">{t('mapping.custom', { name: clip(c.custom_key || c.header.trim() || headerOf(c), 60) })}</option>
                <option value="skip">{t('mapping.skip')}</option>
              </optgroup>
            </select>
            {otherColumn !== undefined && (
              <p class="hs-field__error" id={errId}>
                {t('mapping.twice', { n: otherColumn.index + 1, header: headerOf(otherColumn) })}
              </p>
            )}
            {refused && otherColumn === undefined && (
              <p class="hs-field__error" id={errId}>
                {t('mapping.serverColumn')}
              </p>
            )}
          </div>
        );
      },
    },
  ];

  const targets = choices.map((v) => {
    const f = fieldOf(v);
    return f ? fieldLabel(f) : v === 'skip' ? null : t('mapping.customShort');
  });

  return (
    <form class="hs-stack" ref={form} onSubmit={submit} noValidate>
      <section class="imp-card hs-stack" aria-labelledby="imp-mapping-h">
        <h2 class="imp-h2" id="imp-mapping-h">
          {t('mapping.heading')}
        </h2>
        <p class="hs-muted" data-testid="staged-file">
          {t('mapping.file', { name: staged.filename, size: formatBytes(staged.bytes, lang) })}
        </p>
        <Banner tone={tool && staged.confidence === 'high' ? 'success' : 'info'} title={detected}>
          {matched && <p data-testid="detect-matched">{t('detect.matched', { headers: matched })}</p>}
        </Banner>
        {staged.encoding === 'windows-1252' && <p>{t('mapping.windows1252')}</p>}
        <p class="hs-muted">{t('mapping.expires', { time: formatDateTime(staged.expires_at, lang) })}</p>
        {(missing.length > 0 || fromFile.length > 0) && (
          <Banner tone="warning" title={t('warnings.title')}>
            <ul class="imp-warnings" data-testid="mapping-warnings">
              {missing.map((w) => (
                <li key={w}>{t(`warnings.${w}`)}</li>
              ))}
              {fromFile.map((w, k) => (
                <li key={`f${k}`}>{t('warnings.fromFile', { text: w })}</li>
              ))}
            </ul>
          </Banner>
        )}
        <div class="imp-columns">
          <Table
            caption={t('mapping.caption', { count: staged.columns.length })}
            columns={columns}
            rows={positions}
            rowKey={(i) => String(i)}
          />
        </div>
      </section>

      <section class="imp-card hs-stack" aria-labelledby="imp-preview-h">
        <h2 class="imp-h2" id="imp-preview-h">
          {t('mapping.previewHeading')}
        </h2>
        <PreviewTable staged={staged} targets={targets} />
      </section>

      <section class="imp-card hs-stack">
        <RadioGroup
          name="on-duplicate"
          legend={t('options.duplicates')}
          value={onDuplicate}
          onValue={(v) => setOnDuplicate(v as DuplicatePolicy)}
          options={[
            { value: 'fill', label: t('options.fill'), hint: t('options.fillHint') },
            { value: 'overwrite', label: t('options.overwrite'), hint: t('options.overwriteHint') },
            { value: 'skip', label: t('options.skip'), hint: t('options.skipHint') },
          ]}
        />
        <RadioGroup
          name="mode"
          legend={t('options.mode')}
          value={mode}
          onValue={(v) => setMode(v as ImportMode)}
          options={[
            { value: 'partial', label: t('options.partial'), hint: t('options.partialHint') },
            { value: 'atomic', label: t('options.atomic'), hint: t('options.atomicHint') },
          ]}
        />
        <TextField
          label={t('options.tags')}
          name="import-tags"
          hint={t('options.tagsHint')}
          value={tagsText}
          onValue={setTagsText}
          maxLength={1000}
        />
        {clash.size > 0 && <Banner tone="error" title={t('mapping.twiceSummary')} />}
        {problem && <ProblemBanner problem={problem} />}
        <div class="hs-actions">
          <Button type="submit" disabled={busy} data-testid="start-import">
            {busy ? t('options.starting') : t('options.start')}
          </Button>
          <Button variant="quiet" onClick={onAnother} disabled={busy}>
            {t('options.another')}
          </Button>
        </div>
      </section>
    </form>
  );
}
