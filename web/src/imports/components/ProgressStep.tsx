// SPDX-License-Identifier: AGPL-3.0-or-later
// Step 3: the import running on the server. A real <progress> (its value is
// exposed to screen readers as a progressbar) fed by the polled status, rows
// done, and a plain note that the organizer can keep working: nothing on
// this page waits for the import. A dropped poll shows "trying again", not
// an error.
import { useLanguage, useMessages } from '../../i18n/hooks';
import type { ImportStatus } from '../api';
import { formatCount, percentOf } from '../format';
import { messages } from '../l10n/messages';

export interface ProgressStepProps {
  filename: string;
  status: ImportStatus | null;
  reconnecting: boolean;
}

export function ProgressStep({ filename, status, reconnecting }: ProgressStepProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const fraction = status ? Math.max(0, Math.min(1, status.fraction || 0)) : 0;
  const percent = percentOf(fraction);
  const rowsText =
    status && status.rows_done > 0
      ? t('progress.rows', { rows: formatCount(status.rows_done, lang), percent })
      : t('progress.starting');
  return (
    <section class="imp-card hs-stack" aria-labelledby="imp-progress-h" data-testid="import-progress">
      <h2 class="imp-h2" id="imp-progress-h">
        {t('progress.heading', { name: filename })}
      </h2>
      <progress
        class="imp-progress"
        max={1}
        value={fraction}
        aria-label={t('progress.label')}
        aria-valuetext={rowsText}
        data-testid="import-progressbar"
      />
      <p class="imp-progress__rows" data-testid="rows-done">
        {rowsText}
      </p>
      {reconnecting && (
        <p role="status" class="imp-reconnecting">
          {t('progress.reconnecting')}
        </p>
      )}
      <p class="hs-muted">{t('progress.keepWorking')}</p>
    </section>
  );
}
