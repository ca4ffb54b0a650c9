// SPDX-License-Identifier: AGPL-3.0-or-later
// The column mapping as the organizer edits it: what each column becomes,
// which fields are chosen twice (refused by the server with 409, so flagged
// before submit), what is missing, and the start request. Pure functions.
// Field names and the "no name" / "no contact" rules follow
// src/io/header_mapping.h (MapHeader's warnings).
import type { ColumnChoice, StagedColumn, StagedImport, StartInput } from './api';

/** A column's choice as one <select> value: "field:<name>", "custom" or "skip". */
export type ChoiceValue = string;

export function choiceOf(c: StagedColumn): ChoiceValue {
  if (c.action === 'field' && c.field) return `field:${c.field}`;
  return c.action === 'skip' ? 'skip' : 'custom';
}

export function fieldOf(value: ChoiceValue): string | null {
  return value.startsWith('field:') ? value.slice('field:'.length) : null;
}

export function initialChoices(staged: StagedImport): ChoiceValue[] {
  return staged.columns.map(choiceOf);
}

/** For each column mapped to a field another column also holds: the other
 * column's position (0-based) in `choices`. */
export function duplicateFields(choices: readonly ChoiceValue[]): Map<number, number> {
  const firstHolder = new Map<string, number>();
  const clash = new Map<number, number>();
  choices.forEach((value, i) => {
    const field = fieldOf(value);
    if (!field) return;
    const first = firstHolder.get(field);
    if (first === undefined) {
      firstHolder.set(field, i);
    } else {
      clash.set(i, first);
      if (!clash.has(first)) clash.set(first, i);
    }
  });
  return clash;
}

const kNameFields = ['first_name', 'last_name', 'full_name', 'middle_name', 'nickname'];
const kContactFields = ['email', 'phone', 'cell_phone', 'home_phone', 'work_phone'];

export type MappingWarning = 'noName' | 'noContact';

/** What is missing from the mapping as chosen now. */
export function mappingWarnings(choices: readonly ChoiceValue[]): MappingWarning[] {
  const fields = new Set(choices.map(fieldOf).filter((f): f is string => !!f));
  const out: MappingWarning[] = [];
  if (!kNameFields.some((f) => fields.has(f))) out.push('noName');
  if (!kContactFields.some((f) => fields.has(f))) out.push('noContact');
  return out;
}

// The server's English warnings that mappingWarnings() already words (and
// keeps current as the organizer changes columns).
const kKnownWarnings = [/^no name column/i, /^no email or phone column/i];

/** Server warnings not covered by mappingWarnings(), shown as they come. */
export function otherWarnings(staged: StagedImport): string[] {
  return staged.warnings.filter((w) => !kKnownWarnings.some((re) => re.test(w)));
}

/** "Tag one, tag two" -> ["Tag one", "tag two"]: trimmed, no empties, no
 * repeats. Commas separate tags (the server refuses a comma inside one). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const tag = raw.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/** Positions of the columns whose choice differs from the detected one. */
export function changedPositions(staged: StagedImport, choices: readonly ChoiceValue[]): number[] {
  const out: number[] = [];
  staged.columns.forEach((c, i) => {
    if ((choices[i] ?? choiceOf(c)) !== choiceOf(c)) out.push(i);
  });
  return out;
}

/** The start request. `columns` lists only the changed columns (the server
 * keeps the detected mapping for the others, docs/api.md "Importing a
 * list"), in changedPositions() order. */
export function startBody(
  staged: StagedImport,
  choices: readonly ChoiceValue[],
  options: Pick<StartInput, 'mode' | 'on_duplicate'>,
  tags: readonly string[],
): StartInput {
  const columns: ColumnChoice[] = changedPositions(staged, choices).map((i) => {
    const c = staged.columns[i]!;
    const value = choices[i]!;
    const field = fieldOf(value);
    if (field) return { index: c.index, action: 'field', field };
    return { index: c.index, action: value === 'skip' ? 'skip' : 'custom' };
  });
  const body: StartInput = { mode: options.mode, on_duplicate: options.on_duplicate };
  if (columns.length > 0) body.columns = columns;
  if (tags.length > 0) body.tags = [...tags];
  return body;
}

/** "Action Builder headers: Custom ID 1, Email Type (score 18)" -> the headers. */
export function matchedHeaders(reason: string): string | null {
  const m = /headers:\s*(.+?)\s*(?:\(score \d+\))?\s*$/.exec(reason);
  return m?.[1] ? m[1] : null;
}

/** The request's columns[] element a problem names ("columns[2].field"). */
export function problemColumn(field: string | undefined): number | null {
  const m = field ? /^columns\[(\d+)\]/.exec(field) : null;
  return m?.[1] ? Number(m[1]) : null;
}
