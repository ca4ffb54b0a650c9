// SPDX-License-Identifier: AGPL-3.0-or-later
// /deadlines?campaign=ID: every dated obligation of a campaign with its
// warning badge, and the person's calendar feed. Without a campaign: a
// chooser of campaigns and their units.
import { useEffect, useState } from 'preact/hooks';
import type { RouteProps } from '../../app/routes';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Page } from '../../ui';
import { listDeadlines, type Deadline } from '../api';
import '../elections.css';
import { messages } from '../l10n/messages';
import { Chooser } from './Chooser';
import { ProblemBanner, queryParam, useOrgSlug } from './common';
import { DeadlineList } from './DeadlineList';
import { FeedCard } from './FeedCard';

export function DeadlinesPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const org = useOrgSlug();
  const campaign = params?.id ?? queryParam('campaign');
  const [items, setItems] = useState<Deadline[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (!org || !campaign) return;
    const abort = new AbortController();
    void listDeadlines(org, campaign, { signal: abort.signal }).then((r) => {
      if (abort.signal.aborted) return;
      if (r.ok) setItems(r.value.deadlines);
      else setProblem(r.problem);
    });
    return () => abort.abort();
  }, [org, campaign]);
  if (!campaign) return <Chooser />;
  return (
    <Page title={t('deadlines.title')} lead={t('deadlines.lead')}>
      <ProblemBanner problem={problem} />
      {!items && !problem && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('deadlines.empty')}</p>}
      {items && items.length > 0 && <DeadlineList deadlines={items} label={t('deadlines.title')} />}
      <FeedCard />
    </Page>
  );
}
