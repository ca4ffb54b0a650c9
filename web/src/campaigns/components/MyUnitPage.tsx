// SPDX-License-Identifier: AGPL-3.0-or-later
// /my/unit: a worker-leader's own unit's wall chart (J4.1), and nothing
// else. A unit grant names the unit; a campaign grant lists its units to
// choose from (the server decides what each may read).
import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { Page, Select } from '../../ui';
import { listUnits } from '../api';
import { messages } from '../l10n/messages';
import { useGrants, useLoad } from '../state';
import { ChartView } from './ChartPage';
import { Await } from './Loaded';

function CampaignUnits({ campaignId }: { campaignId: string }) {
  const t = useMessages(messages);
  const units = useLoad((org, signal) => listUnits(org, campaignId, { signal }), [campaignId]);
  const [chosen, setChosen] = useState('');
  return (
    <Await state={units.state} retry={units.reload}>
      {(u) => {
        if (u.units.length === 0) {
          return (
            <Page title={t('myUnit.title')}>
              <p>{t('myUnit.noUnit')}</p>
            </Page>
          );
        }
        if (u.units.length === 1) return <ChartView unitId={u.units[0]!.id} title={t('myUnit.title')} />;
        if (chosen) return <ChartView key={chosen} unitId={chosen} title={t('myUnit.title')} />;
        return (
          <Page title={t('myUnit.title')}>
            <Select
              label={t('myUnit.choose')}
              name="my-unit"
              value={chosen}
              options={[{ value: '', label: t('addWorker.choose') }, ...u.units.map((x) => ({ value: x.id, label: x.name }))]}
              onValue={setChosen}
            />
          </Page>
        );
      }}
    </Await>
  );
}

export function MyUnitPage() {
  const t = useMessages(messages);
  const grants = useGrants().filter((g) => g.role === 'worker_leader');
  const unit = grants.find((g) => g.scope_kind === 'unit' && g.scope_id);
  if (unit?.scope_id) return <ChartView unitId={unit.scope_id} title={t('myUnit.title')} />;
  const campaign = grants.find((g) => g.scope_kind === 'campaign' && g.scope_id);
  if (campaign?.scope_id) return <CampaignUnits campaignId={campaign.scope_id} />;
  return (
    <Page title={t('myUnit.title')}>
      <p>{t('myUnit.noUnit')}</p>
    </Page>
  );
}
