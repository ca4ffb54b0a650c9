// SPDX-License-Identifier: AGPL-3.0-or-later
// The way in when no campaign or unit is named: the campaigns the person
// may see, each with its Deadlines and Charges, and its units' Elections.
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../app/router';
import { listCampaigns, type Campaign } from '../../campaigns/api';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Card, Page } from '../../ui';
import { listUnits, type UnitSummary } from '../api';
import '../elections.css';
import { messages } from '../l10n/messages';
import { ProblemBanner, useOrgSlug } from './common';

export function Chooser() {
  const t = useMessages(messages);
  const org = useOrgSlug();
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (!org) return;
    const abort = new AbortController();
    void listCampaigns(org, abort.signal).then((r) => {
      if (abort.signal.aborted) return;
      if (r.ok) setCampaigns(r.value.campaigns);
      else setProblem(r.problem);
    });
    return () => abort.abort();
  }, [org]);
  return (
    <Page title={t('common.chooseTitle')} lead={t('common.chooseLead')}>
      <ProblemBanner problem={problem} />
      {!campaigns && !problem && <p role="status">{t('common.loading')}</p>}
      {campaigns && campaigns.length === 0 && <p>{t('common.noCampaigns')}</p>}
      {campaigns?.map((c) => <CampaignEntry key={c.id} org={org} campaign={c} />)}
    </Page>
  );
}

function CampaignEntry({ org, campaign }: { org: string; campaign: Campaign }) {
  const t = useMessages(messages);
  const [units, setUnits] = useState<UnitSummary[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    void listUnits(org, campaign.id, abort.signal).then((r) => {
      if (!abort.signal.aborted && r.ok) setUnits(r.value.units);
    });
    return () => abort.abort();
  }, [org, campaign.id]);
  const q = encodeURIComponent(campaign.id);
  return (
    <Card title={campaign.name}>
      <p class="el-row">
        <Link href={`/campaigns/${q}/deadlines`}>{t('common.deadlinesLink')}</Link>
        <Link href={`/campaigns/${q}/charges`}>{t('common.chargesLink')}</Link>
      </p>
      <ul class="el-list">
        {units.map((u) => (
          <li key={u.id}>
            <Link href={`/units/${encodeURIComponent(u.id)}/elections`}>{t('common.electionsOf', { unit: u.name })}</Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
