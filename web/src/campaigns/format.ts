// SPDX-License-Identifier: AGPL-3.0-or-later
// Small formatting helpers shared by the campaign screens.
import type { Language } from '../i18n';
import type { Translate } from '../i18n/hooks';
import type { Count, Scale } from './api';
import type { messages } from './l10n/messages';

type T = Translate<(typeof messages)['en']>;

const kDefaultLabels = ['not_assessed', 'leader', 'supporter', 'undecided', 'leaning_against', 'opposed'] as const;
type DefaultLabel = (typeof kDefaultLabels)[number];

/** A rating's label: the default scale's keys translated, an org's own
 * words as they are, prefixed with the level. */
export function levelLabel(t: T, scale: Pick<Scale, 'labels'> | null | undefined, level: number): string {
  const label: string = scale?.labels[level] ?? kDefaultLabels[level] ?? String(level);
  if ((kDefaultLabels as readonly string[]).includes(label) && kDefaultLabels[level] === label) {
    return t(`levels.${label as DefaultLabel}`);
  }
  return t('levels.custom', { level, label });
}

/** A YYYY-MM-DD civil date in the reader's language ("Mar 4, 2025"). */
export function formatDay(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** An instant (ISO 8601) with its time, in the device's zone. */
export function formatInstant(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A count, or the suppression mark for small cells ("<5"). */
export function countText(c: Count | null | undefined, t: T): string {
  if (c === null || c === undefined) return t('none');
  return String(c);
}

export function percentText(p: number | null | undefined, t: T): string {
  return p === null || p === undefined ? t('meters.suppressed') : String(p);
}

/** A language code as a name in the reader's language. */
export function languageName(code: string | null | undefined, t: T): string {
  if (!code) return t('none');
  if (code === 'en' || code === 'es') return t(`languages.${code}`);
  return t('languages.other', { code });
}

/** SHA-256 of a file as hex (a card photo's fingerprint; the photo stays
 * on the device). */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
