// SPDX-License-Identifier: AGPL-3.0-or-later
// /people/import (journey J5.3): import a contact list in four steps on one
// page: choose and upload a file -> check the detected columns and choices
// -> a live progress bar -> results and the row report. For org admins and
// org-scope staff organizers (ImportRoute checks mayImport and loads this
// code on demand); the server decides (404 to anyone else), the page only
// avoids showing a form that cannot work.
//
// The running import's id is kept in the address (?id=), so a reload or a
// link from "Recent imports" comes back to its progress or results. The
// upload itself cannot survive a reload (the file is held in the server's
// memory for 60 minutes, and its column check is only in this page), so a
// reloaded staged upload asks for the file again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Page } from '../../ui';
import { startImport, uploadImport, type ImportStatus, type StagedImport, type StartInput } from '../api';
import { messages } from '../l10n/messages';
import { isFinished, useImportPolling } from '../state';
import '../imports.css';
import { FileStep, type Uploading } from './FileStep';
import { MappingStep } from './MappingStep';
import { ProgressStep } from './ProgressStep';
import { importHref, RecentImports } from './RecentImports';
import { ReportStep } from './ReportStep';
import { Steps, type StepKey } from './Steps';

export const kImportPath = '/people/import';

type Stage =
  | { kind: 'choose'; notice?: 'reloaded' }
  | { kind: 'uploading'; up: Uploading }
  | { kind: 'mapping'; staged: StagedImport }
  | { kind: 'running'; id: string; filename: string; status: ImportStatus | null }
  | { kind: 'report'; status: ImportStatus };

function idInAddress(): string | null {
  const id = new URLSearchParams(window.location.search).get('id');
  return id && /^[0-9A-Za-z-]{1,64}$/.test(id) ? id : null;
}

function setIdInAddress(id: string | null): void {
  const next = id ? importHref(id) : kImportPath;
  if (window.location.pathname + window.location.search !== next) window.history.replaceState(null, '', next);
}

const kStepOf: Record<Stage['kind'], StepKey> = {
  choose: 'choose',
  uploading: 'choose',
  mapping: 'mapping',
  running: 'progress',
  report: 'report',
};

/** Loaded by ImportRoute, which has checked mayImport. */
export function ImportPage() {
  const session = useSession();
  return <ImportFlow org={session?.org.slug ?? ''} />;
}

function ImportFlow({ org }: { org: string }) {
  const t = useMessages(messages);
  const [stage, setStage] = useState<Stage>(() => {
    const id = idInAddress();
    return id ? { kind: 'running', id, filename: '', status: null } : { kind: 'choose' };
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [tags, setTags] = useState<string[]>([]);
  const [refresh, setRefresh] = useState(0);
  const upload = useRef<AbortController | null>(null);
  // Ids started from this page: a "staged" answer for them is a moment
  // before the server flips to running, not a reloaded upload.
  const startedHere = useRef(new Set<string>());

  useEffect(() => () => upload.current?.abort(), []);

  const running = stage.kind === 'running' ? stage.id : null;
  const poll = useImportPolling(
    org,
    running,
    (status) => {
      if (status.state === 'staged' && !startedHere.current.has(status.id)) {
        setIdInAddress(null);
        setStage({ kind: 'choose', notice: 'reloaded' });
        return;
      }
      if (isFinished(status)) {
        setStage({ kind: 'report', status });
        setRefresh((n) => n + 1);
        return;
      }
      setStage((s) => (s.kind === 'running' && s.id === status.id ? { ...s, filename: status.filename, status } : s));
    },
    (p) => {
      setIdInAddress(null);
      setProblem(p);
      setStage({ kind: 'choose' });
    },
  );

  const chooseAgain = () => {
    upload.current?.abort();
    upload.current = null;
    setIdInAddress(null);
    setProblem(null);
    setBusy(false);
    setStage({ kind: 'choose' });
  };

  const onFile = async (file: File) => {
    upload.current?.abort();
    const abort = new AbortController();
    upload.current = abort;
    setProblem(null);
    setStage({ kind: 'uploading', up: { name: file.name, loaded: 0, total: file.size } });
    const r = await uploadImport(
      org,
      file,
      (p) => {
        if (!abort.signal.aborted) setStage({ kind: 'uploading', up: { name: file.name, loaded: p.loaded, total: p.total } });
      },
      abort.signal,
    );
    if (abort.signal.aborted) return;
    upload.current = null;
    if (r.ok) {
      setStage({ kind: 'mapping', staged: { ...r.value, filename: r.value.filename || file.name } });
    } else {
      setProblem(r.problem);
      setStage({ kind: 'choose' });
    }
  };

  const onStart = async (staged: StagedImport, body: StartInput, chosenTags: string[]) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    startedHere.current.add(staged.id);
    const r = await startImport(org, staged.id, body);
    setBusy(false);
    if (!r.ok) {
      startedHere.current.delete(staged.id);
      setProblem(r.problem);
      return;
    }
    setTags(chosenTags);
    setIdInAddress(staged.id);
    const status = r.value;
    if (status && isFinished(status)) {
      setStage({ kind: 'report', status });
      setRefresh((n) => n + 1);
    } else {
      setStage({ kind: 'running', id: staged.id, filename: staged.filename, status: status ?? null });
    }
  };

  const open = (id: string, filename: string) => {
    if (stage.kind === 'uploading') upload.current?.abort();
    setProblem(null);
    setTags([]);
    setIdInAddress(id);
    setStage({ kind: 'running', id, filename, status: null });
  };

  return (
    <Page title={t('title')} lead={t('lead')}>
      <div class="imp-wide hs-stack">
        <Steps current={kStepOf[stage.kind]} />
        {(stage.kind === 'choose' || stage.kind === 'uploading') && (
          <FileStep
            uploading={stage.kind === 'uploading' ? stage.up : null}
            problem={problem}
            notice={stage.kind === 'choose' && stage.notice === 'reloaded' ? t('reloaded') : null}
            onFile={(f) => void onFile(f)}
            onCancel={chooseAgain}
          />
        )}
        {stage.kind === 'mapping' && (
          <MappingStep
            key={stage.staged.id}
            staged={stage.staged}
            busy={busy}
            problem={problem}
            onStart={(body, chosen) => void onStart(stage.staged, body, chosen)}
            onAnother={chooseAgain}
          />
        )}
        {stage.kind === 'running' && (
          <ProgressStep filename={stage.filename} status={stage.status} reconnecting={poll.reconnecting} />
        )}
        {stage.kind === 'report' && (
          <ReportStep org={org} status={stage.status} tags={tags} onAnother={chooseAgain} />
        )}
        <RecentImports org={org} refresh={refresh} onOpen={open} />
      </div>
    </Page>
  );
}
