// SPDX-License-Identifier: AGPL-3.0-or-later
// Dates in the reader's language and the device's time zone. The API sends
// times as milliseconds since the epoch (or ISO 8601 strings).
import type { Language } from './index';

export type Instant = number | string | null | undefined;

export function toDate(value: Instant): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = typeof value === 'number' ? new Date(value) : new Date(/^\d+$/.test(value) ? Number(value) : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Mar 4, 2025, 2:05 PM" / "4 mar 2025, 14:05"; '' for no value. */
export function formatDateTime(value: Instant, lang: Language): string {
  const d = toDate(value);
  if (!d) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** The same with seconds, for audit events. */
export function formatDateTimeSeconds(value: Instant, lang: Language): string {
  const d = toDate(value);
  if (!d) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}
