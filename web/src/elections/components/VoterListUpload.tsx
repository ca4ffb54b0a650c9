// SPDX-License-Identifier: AGPL-3.0-or-later
// Import the voter list served for an election (R7): the file goes through
// the ordinary import (the same engine, report and history), every row
// tagged restricted-use with the case number. Shown to those who may import
// (org admins, org-wide staff organizers); the server decides.
import { useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { contentTypeFor, getImport } from '../../imports/api';
import { Banner, Button } from '../../ui';
import { uploadVoterList } from '../api';
import { messages } from '../l10n/messages';
import { ProblemBanner } from './common';

export function VoterListUpload({ org, election }: { org: string; election: string }) {
  const t = useMessages(messages);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<{ created: number; updated: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy || !file) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    setFailed(false);
    const r = await uploadVoterList(org, election, file, contentTypeFor(file));
    if (!r.ok) {
      setBusy(false);
      setProblem(r.problem);
      return;
    }
    for (let i = 0; i < 600; i++) {
      const s = await getImport(org, r.value.import_id);
      if (s.ok && (s.value.state === 'completed' || s.value.state === 'failed')) {
        if (s.value.state === 'completed' && s.value.summary?.committed !== false) {
          setDone({ created: s.value.summary?.created ?? 0, updated: s.value.summary?.updated ?? 0 });
        } else setFailed(true);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    setBusy(false);
  };
  return (
    <details class="el-voter-list">
      <summary>{t('voterList.title')}</summary>
      <form class="el-form" onSubmit={(ev) => void submit(ev)}>
        <p class="el-item__meta">{t('voterList.explain')}</p>
        <ProblemBanner problem={problem} />
        {done && <Banner tone="success" title={t('voterList.done', done)} />}
        {failed && <Banner tone="error" title={t('voterList.failed')} />}
        <label class="hs-field__label">
          {t('voterList.file')}
          <input
            class="hs-input"
            type="file"
            name="voter_list"
            accept=".csv,.tsv,.txt,text/csv"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <Button type="submit" variant="secondary" disabled={busy || !file}>
          {busy ? t('voterList.working') : t('voterList.upload')}
        </Button>
      </form>
    </details>
  );
}
