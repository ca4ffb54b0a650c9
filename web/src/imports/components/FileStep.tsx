// SPDX-License-Identifier: AGPL-3.0-or-later
// Step 1: choose a file (the native file input, reachable by Tab and opened
// with Enter or Space, inside a drop zone for a dragged file), then its
// upload with a real progress bar. Choosing starts the upload at once; the
// server answers with the detected columns. A file over the server's limit
// is refused here, before sending 128 MB for nothing.
import type { TargetedDragEvent } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Banner, Button } from '../../ui';
import { kMaxUploadBytes } from '../api';
import { formatBytes, percentOf } from '../format';
import { messages } from '../l10n/messages';
import { ProblemBanner } from './ProblemBanner';

export interface Uploading {
  name: string;
  loaded: number;
  total: number;
}

export interface FileStepProps {
  uploading: Uploading | null;
  problem: Problem | null;
  notice?: string | null;
  onFile: (file: File) => void;
  onCancel: () => void;
}

export function FileStep({ uploading, problem, notice, onFile, onCancel }: FileStepProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const [over, setOver] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  const take = (file: File | undefined | null) => {
    if (!file) return;
    if (file.size > kMaxUploadBytes) {
      setRefused(t('choose.tooBig', { size: formatBytes(file.size, lang) }));
      return;
    }
    if (file.size === 0) {
      setRefused(t('choose.empty'));
      return;
    }
    setRefused(null);
    onFile(file);
  };

  const onDrop = (e: TargetedDragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer?.files?.[0]);
  };

  if (uploading) {
    const sent = uploading.loaded >= uploading.total && uploading.total > 0;
    const fraction = uploading.total > 0 ? uploading.loaded / uploading.total : 0;
    return (
      <section class="imp-card hs-stack" aria-labelledby={`${inputId}-up`}>
        <h2 class="imp-h2" id={`${inputId}-up`}>
          {t('upload.heading', { name: uploading.name })}
        </h2>
        <progress
          class="imp-progress"
          max={1}
          value={fraction}
          aria-label={t('upload.progress')}
          data-testid="upload-progress"
        />
        <p role="status">
          {sent
            ? t('upload.reading')
            : t('upload.sent', {
                sent: formatBytes(uploading.loaded, lang),
                total: formatBytes(uploading.total, lang),
                percent: percentOf(fraction),
              })}
        </p>
        <div class="hs-actions">
          <Button variant="quiet" onClick={onCancel}>
            {t('upload.cancel')}
          </Button>
        </div>
      </section>
    );
  }

  return (
    <section class="imp-card hs-stack" aria-labelledby={`${inputId}-h`}>
      <h2 class="imp-h2" id={`${inputId}-h`}>
        {t('choose.heading')}
      </h2>
      {notice && <Banner tone="info" title={notice} />}
      {problem && <ProblemBanner problem={problem} />}
      {refused && <Banner tone="error" title={refused} />}
      <div
        class={`imp-drop${over ? ' imp-drop--over' : ''}`}
        data-testid="drop-zone"
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          id={inputId}
          class="imp-drop__input"
          type="file"
          name="import-file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          aria-describedby={hintId}
          onChange={(e) => {
            const input = e.currentTarget;
            take(input.files?.[0]);
            input.value = ''; // choosing the same file again fires again
          }}
        />
        <label for={inputId} class="imp-drop__label">
          <span class="hs-button hs-button--primary imp-drop__button">{t('choose.button')}</span>
          <span class="imp-drop__or">{t('choose.drop')}</span>
        </label>
        <p class="hs-field__hint" id={hintId}>
          {t('choose.hint')}
        </p>
      </div>
    </section>
  );
}
