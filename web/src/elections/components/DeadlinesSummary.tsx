// SPDX-License-Identifier: AGPL-3.0-or-later
// DeadlinesSummary: the next deadlines of a campaign (5 by default), for
// the campaign dashboard (web/src/campaigns) to embed:
//   <DeadlinesSummary campaignId={id} />   (org: the session's, unless given)
// It loads them itself and links to the full Deadlines page.
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../app/router';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Card } from '../../ui';
import { listDeadlines, type Deadline } from '../api';
import '../elections.css';
import { messages } from '../l10n/messages';
import { ProblemBanner, useOrgSlug } from './common';
import { DeadlineList } from './DeadlineList';

export interface DeadlinesSummaryProps {
  org?: string;
  campaignId: string;
  limit?: number;
}

export function DeadlinesSummary({ org: given, campaignId, limit = 5 }: DeadlinesSummaryProps) {
  const t = useMessages(messages);
  const session = useOrgSlug();
  const org = given ?? session;
  const [items, setItems] = useState<Deadline[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (!org) return;
    const abort = new AbortController();
    void listDeadlines(org, campaignId, { limit, upcoming: true, signal: abort.signal }).then((r) => {
      if (abort.signal.aborted) return;
      if (r.ok) setItems(r.value.deadlines);
      else setProblem(r.problem);
    });
    return () => abort.abort();
  }, [org, campaignId, limit]);
  return (
    <Card title={t('deadlines.summaryTitle')}>
      <ProblemBanner problem={problem} />
      {!items && !problem && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('deadlines.empty')}</p>}
      {items && items.length > 0 && <DeadlineList deadlines={items} label={t('deadlines.summaryTitle')} />}
      <Link href={`/campaigns/${encodeURIComponent(campaignId)}/deadlines`}>{t('deadlines.all')}</Link>
    </Card>
  );
}
