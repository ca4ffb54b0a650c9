// SPDX-License-Identifier: AGPL-3.0-or-later
// Step 4: what happened to every row (J5.3: created / updated / unchanged /
// possible duplicates / rejected, each in plain words), a check that the
// counts add up to the rows read (no silently dropped row), and the row
// report as a CSV download (line, column, what was done, the problem). In
// all-or-nothing mode with a rejected row it says first and clearly that
// nothing was imported, and why (the counts that would have been are not
// shown: none of them happened). A file imported before says so, without
// counts (the server repeats the first run's).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Banner, Button } from '../../ui';
import { downloadReport, type ImportStatus, type ImportSummary } from '../api';
import { formatCount } from '../format';
import { messages } from '../l10n/messages';
import { ProblemBanner } from './ProblemBanner';

type CountKey = 'created' | 'updated' | 'unchanged' | 'suggested' | 'rejected';

function countOf(s: ImportSummary, key: CountKey): number {
  return key === 'unchanged' ? s.skipped : s[key];
}

export interface ReportStepProps {
  org: string;
  status: ImportStatus;
  tags: readonly string[];
  onAnother: () => void;
}

export function ReportStep({ org, status, tags, onAnother }: ReportStepProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  const [download, setDownload] = useState<'idle' | 'busy'>('idle');
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  // The result replaces the progress bar: move focus so it is announced.
  useEffect(() => heading.current?.focus(), [status.id]);

  const s = status.summary;
  const failed = status.state === 'failed';
  const nothing = !!s && !s.committed && !s.already_imported && s.rejected > 0;
  const n = (v: number) => formatCount(v, lang);

  const save = async () => {
    if (download === 'busy') return;
    setDownload('busy');
    setProblem(null);
    setSaved(null);
    const r = await downloadReport(org, status.id);
    setDownload('idle');
    if (r.ok) setSaved(r.value);
    else setProblem(r.problem);
  };

  const hint = (key: CountKey): string => {
    switch (key) {
      case 'created':
        return t('report.createdHint');
      case 'updated':
        return s?.on_duplicate === 'overwrite' ? t('report.updatedOverwrite') : t('report.updatedHint');
      case 'unchanged':
        return t('report.unchangedHint');
      case 'suggested':
        return t('report.suggestedHint');
      case 'rejected':
        return t('report.rejectedHint');
    }
  };

  const shown: CountKey[] = nothing ? ['rejected'] : ['created', 'updated', 'unchanged', 'suggested', 'rejected'];
  const total = s ? s.created + s.updated + s.skipped + s.rejected + s.suggested : 0;
  const missing = s ? s.rows - total : 0;

  return (
    <section class="imp-card hs-stack" aria-labelledby="imp-report-h" data-testid="import-report">
      <h2 class="imp-h2" id="imp-report-h" tabIndex={-1} ref={heading}>
        {t('report.heading', { name: status.filename })}
      </h2>

      {!failed && s && !s.already_imported && (
        // The finished bar, where the running one was (continuity for
        // people who watched it; a screen reader hears "100%").
        <progress
          class="imp-progress"
          max={1}
          value={1}
          aria-label={t('progress.label')}
          aria-valuetext={t('progress.rows', { rows: n(s.rows), percent: 100 })}
          data-testid="import-progressbar"
        />
      )}
      {failed && !nothing && (
        <Banner tone="error" title={t('report.failedTitle')}>
          {status.error?.title && <p>{status.error.title}</p>}
          {status.error?.detail && <p data-testid="problem-detail">{status.error.detail}</p>}
          <p>{t('report.failedNothing')}</p>
        </Banner>
      )}
      {nothing && (
        <Banner tone="error" title={t('report.nothingTitle')}>
          <p data-testid="nothing-imported">{t('report.nothingBody', { count: n(s!.rejected) })}</p>
        </Banner>
      )}
      {!failed && s?.already_imported && (
        <Banner tone="info" title={t('report.already')}>
          <p>{t('report.alreadyHint')}</p>
        </Banner>
      )}
      {!failed && s && !nothing && !s.already_imported && (
        <Banner tone="success" title={t('report.done', { rows: n(s.rows) })} />
      )}

      {s && !s.already_imported && (
        <ul class="imp-counts" aria-label={t('report.countsLabel')}>
          {shown.map((key) => {
            const value = countOf(s, key);
            return (
              <li
                key={key}
                class={`imp-count imp-count--${key}${value > 0 ? ' imp-count--some' : ''}`}
                data-testid={`count-${key}`}
                data-count={value}
              >
                <span class="imp-count__value">{n(value)}</span>
                <span class="imp-count__label">{t(`report.${key}`)}</span>
                <span class="imp-count__hint">{hint(key)}</span>
              </li>
            );
          })}
        </ul>
      )}

      {s && !s.already_imported && !nothing && s.rows > 0 && (
        <p data-testid="accounted" class={missing !== 0 ? 'imp-unaccounted' : undefined}>
          {missing === 0 ? t('report.accounted', { rows: n(s.rows) }) : t('report.unaccounted', { missing: n(Math.abs(missing)) })}
        </p>
      )}
      {s && s.warnings > 0 && <p>{t('report.warnings', { count: n(s.warnings) })}</p>}
      {tags.length > 0 && s?.committed && <p>{t('report.tags', { tags: tags.join(', ') })}</p>}

      {problem && <ProblemBanner problem={problem} />}
      {saved && (
        <p role="status" class="imp-saved">
          {t('report.downloaded', { name: saved })}
        </p>
      )}
      {!status.report_available && !s?.already_imported && <p class="hs-muted">{t('report.notReady')}</p>}
      <div class="hs-actions">
        {status.report_available && (
          <Button variant="primary" onClick={() => void save()} disabled={download === 'busy'} data-testid="download-report">
            {download === 'busy' ? t('report.downloading') : t('report.download')}
          </Button>
        )}
        <Button variant="secondary" onClick={onAnother}>
          {t('report.another')}
        </Button>
      </div>
    </section>
  );
}
