// SPDX-License-Identifier: AGPL-3.0-or-later
// /campaigns: the campaigns open to this person, each leading to its
// dashboard.
import { Link } from '../../app/router';
import { useMessages } from '../../i18n/hooks';
import { Page } from '../../ui';
import { listCampaigns } from '../api';
import { messages } from '../l10n/messages';
import { useLoad } from '../state';
import { Await } from './Loaded';

export function CampaignsPage() {
  const t = useMessages(messages);
  const list = useLoad((org, signal) => listCampaigns(org, signal), []);
  return (
    <Page title={t('list.title')}>
      <Await state={list.state} retry={list.reload}>
        {(v) =>
          v.campaigns.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <ul class="camp-list camp-list--big">
              {v.campaigns.map((c) => (
                <li key={c.id}>
                  <Link href={`/campaigns/${c.id}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </Page>
  );
}
