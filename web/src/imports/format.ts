// SPDX-License-Identifier: AGPL-3.0-or-later
// Numbers and file sizes in the reader's language ("12,000" / "12.000",
// "1.2 MB"). Pure.
import type { Language } from '../i18n';

export function formatCount(n: number, lang: Language): string {
  return new Intl.NumberFormat(lang).format(n);
}

/** Bytes as kB / MB (decimal units, as file browsers show them). */
export function formatBytes(bytes: number, lang: Language): string {
  const units = [
    { unit: 'gigabyte', size: 1e9 },
    { unit: 'megabyte', size: 1e6 },
    { unit: 'kilobyte', size: 1e3 },
  ];
  for (const { unit, size } of units) {
    if (bytes >= size) {
      return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
    }
  }
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'byte' }).format(bytes);
}

/** A cell from the file, cut for display: a preview must not put a 10 MB
 * cell into the page. */
export function clip(value: string, max = 120): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max).join('')}…`;
}

/** 0.0–1.0 as a whole percent, never showing 100 before the end. */
export function percentOf(fraction: number, finished = false): number {
  if (finished) return 100;
  if (!Number.isFinite(fraction) || fraction <= 0) return 0;
  return Math.min(99, Math.floor(fraction * 100));
}
