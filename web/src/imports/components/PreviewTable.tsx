// SPDX-License-Identifier: AGPL-3.0-or-later
// The first rows of the file as they are, under each column's header and
// what it will become. Files are wide (VAN exports have 30 columns), so the
// table scrolls sideways inside its own keyboard-focusable region and the
// page never does (360 px, Rosa's phone). Cells are cut to a readable
// length and isolated (<bdi>) so a bidi control in the file cannot reorder
// the text around it.
import { useMessages } from '../../i18n/hooks';
import type { StagedImport } from '../api';
import { clip } from '../format';
import { messages } from '../l10n/messages';

export interface PreviewTableProps {
  staged: StagedImport;
  /** What each column becomes, by position; null when skipped. */
  targets: readonly (string | null)[];
}

export function PreviewTable({ staged, targets }: PreviewTableProps) {
  const t = useMessages(messages);
  const rows = staged.preview.slice(0, 5);
  if (rows.length === 0) return <p class="hs-muted">{t('mapping.noPreview')}</p>;
  return (
    <div class="imp-preview" role="region" aria-label={t('mapping.previewRegion')} tabIndex={0} data-testid="preview">
      <table class="imp-preview__table">
        <caption class="hs-table__caption">{t('mapping.previewCaption')}</caption>
        <thead>
          <tr>
            {staged.columns.map((c, i) => {
              const target = targets[i] ?? null;
              return (
                <th key={c.index} scope="col" class={target === null ? 'imp-preview__skipped' : undefined}>
                  <span class="imp-preview__header">
                    <bdi>{c.header.trim() ? clip(c.header, 60) : t('mapping.noHeader')}</bdi>
                  </span>
                  <span class="imp-preview__target">{target ?? t('mapping.previewSkipped')}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {staged.columns.map((c, i) => (
                <td key={c.index} class={targets[i] === null ? 'imp-preview__skipped' : undefined}>
                  <bdi>{clip(row[c.index] ?? '')}</bdi>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
