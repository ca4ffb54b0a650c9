// SPDX-License-Identifier: AGPL-3.0-or-later
// The organization's recent imports (GET /imports, newest first): file,
// start time, status and counts, each with a link that opens its progress
// or results on this page (and its row report). Reloaded when `refresh`
// changes, e.g. after an import finishes.
import type { TargetedMouseEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Table, type Column } from '../../ui';
import { listImports, type RecentImport } from '../api';
import { formatCount } from '../format';
import { messages } from '../l10n/messages';
import { ProblemBanner } from './ProblemBanner';

const kStates = new Set(Object.keys(messages.en.state));

export interface RecentImportsProps {
  org: string;
  refresh: number;
  onOpen: (id: string, filename: string) => void;
}

export function importHref(id: string): string {
  return `/people/import?id=${encodeURIComponent(id)}`;
}

export function RecentImports({ org, refresh, onOpen }: RecentImportsProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [imports, setImports] = useState<RecentImport[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    if (!org) return;
    const abort = new AbortController();
    void listImports(org, abort.signal).then((r) => {
      if (abort.signal.aborted) return;
      if (r.ok) {
        setImports(r.value.imports ?? []);
        setProblem(null);
      } else {
        setProblem(r.problem);
      }
    });
    return () => abort.abort();
  }, [org, refresh]);

  const nameOf = (i: RecentImport) => i.filename || t('recent.unnamed');
  const n = (v: number | undefined) => formatCount(v ?? 0, lang);

  const columns: Column<RecentImport>[] = [
    { key: 'file', header: t('recent.columns.file'), render: (i) => <span class="imp-recent__file">{nameOf(i)}</span> },
    { key: 'when', header: t('recent.columns.when'), render: (i) => formatDateTime(i.started_at, lang) },
    {
      key: 'state',
      header: t('recent.columns.state'),
      render: (i) => (
        <span class={`imp-state imp-state--${i.state}`} data-state={i.state}>
          {kStates.has(i.state) ? t(`state.${i.state}`) : i.state}
        </span>
      ),
    },
    {
      key: 'results',
      header: t('recent.columns.results'),
      render: (i) => (
        <>
          <span>
            {t('recent.results', {
              created: n(i.created),
              updated: n(i.updated),
              skipped: n(i.skipped),
              suggested: n(i.suggested),
              rejected: n(i.rejected),
            })}
          </span>{' '}
          <a
            href={importHref(i.id)}
            class="imp-recent__open"
            aria-label={t('recent.openLabel', { name: nameOf(i) })}
            onClick={(e: TargetedMouseEvent<HTMLAnchorElement>) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              onOpen(i.id, nameOf(i));
            }}
          >
            {t('recent.open')}
          </a>
        </>
      ),
    },
  ];

  return (
    <section class="hs-stack imp-recent" aria-labelledby="imp-recent-h">
      <h2 class="imp-h2" id="imp-recent-h">
        {t('recent.heading')}
      </h2>
      {problem && <ProblemBanner problem={problem} />}
      {imports === null && !problem && <p role="status">{t('recent.loading')}</p>}
      {imports && (
        <Table
          caption={t('recent.caption')}
          columns={columns}
          rows={imports}
          rowKey={(i) => i.id}
          empty={t('recent.empty')}
        />
      )}
    </section>
  );
}
