// SPDX-License-Identifier: AGPL-3.0-or-later
// /employers/:id: every shop of an employer with workers, % assessed,
// support %, cards %, committee coverage (R20) and last contact; sorted and
// filtered by region on the server; a shop leads to its unit's wall chart.
// Counts only (R4). Built for the 521-shop case: one request, plain rows.
// Those who may edit the workplace can delete a shop (a worksite): its
// version is read when they ask (the rollup carries none), then the confirm
// dialog; the server refuses while workers or units refer to it.
import { useMemo, useState } from 'preact/hooks';
import { Link } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Banner, Page, Select } from '../../ui';
import { DeleteButton, useWorkplaceDelete, type DeleteTarget } from './DeleteWorkplace';
import { useProblemText } from './ProblemBanner';
import { getEmployer, getRollup, getWorksite, listUnits, type RollupShop, type RollupSort } from '../api';
import { countText, formatDay, percentText } from '../format';
import { messages } from '../l10n/messages';
import { mayEditWorkplace, useGrants, useLoad, useOrg } from '../state';
import { Await } from './Loaded';

const kSorts: readonly RollupSort[] = ['name', 'region', 'workers', 'support', 'cards'];

function params(): { region: string; sort: RollupSort; order: 'asc' | 'desc' } {
  const q = new URLSearchParams(window.location.search);
  const sort = q.get('sort') as RollupSort | null;
  return {
    region: q.get('region') ?? '',
    sort: sort && kSorts.includes(sort) ? sort : 'name',
    order: q.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

export function RollupPage({ params: route }: RouteProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const id = route?.id ?? '';
  const [q, setQ] = useState(params);
  const employer = useLoad((org, signal) => getEmployer(org, id, { signal }), [id]);
  const campaignId = employer.state.status === 'ok' ? employer.state.value.campaign_id : '';
  const units = useLoad(
    (org, signal) =>
      campaignId ? listUnits(org, campaignId, { signal }) : Promise.resolve({ ok: true as const, value: { units: [] } }),
    [campaignId],
  );
  const rollup = useLoad((org, signal) => getRollup(org, id, q, { signal }), [id, q.region, q.sort, q.order]);
  const org = useOrg();
  const edit = mayEditWorkplace(useGrants());
  const problemText = useProblemText();
  const [readError, setReadError] = useState('');
  const removal = useWorkplaceDelete({
    onDeleted: (x: DeleteTarget) => {
      if (rollup.state.status !== 'ok') return;
      const r = rollup.state.value;
      const shops = r.shops.filter((s) => s.worksite_id !== x.id);
      // A worksite that could be deleted had no workers: the totals keep.
      rollup.set({ ...r, shops, totals: { ...r.totals, shops: r.totals.shops - (r.shops.length - shops.length) } });
    },
    onStale: () => rollup.reload(),
  });
  const askDelete = async (shop: RollupShop) => {
    setReadError('');
    const w = await getWorksite(org, shop.worksite_id);
    if (!w.ok) {
      setReadError(problemText(w.problem));
      return;
    }
    removal.ask({ kind: 'worksite', id: w.value.id, name: w.value.name, version: w.value.version });
  };
  // Worksite -> the unit charted there (the first, when several share it).
  const unitOf = useMemo(() => {
    const m = new Map<string, string>();
    if (units.state.status === 'ok') {
      for (const u of units.state.value.units) {
        if (u.employer_id !== id) continue;
        for (const w of u.worksite_ids) if (!m.has(w)) m.set(w, u.id);
      }
    }
    return m;
  }, [units.state, id]);
  const change = (next: Partial<typeof q>) => {
    const merged = { ...q, ...next };
    setQ(merged);
    const s = new URLSearchParams();
    if (merged.region) s.set('region', merged.region);
    if (merged.sort !== 'name') s.set('sort', merged.sort);
    if (merged.order !== 'asc') s.set('order', merged.order);
    const qs = s.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
  };
  const title = employer.state.status === 'ok' ? t('rollup.title', { name: employer.state.value.name }) : t('loading');
  const committeeCell = (s: Pick<RollupShop, 'committee' | 'committee_needed' | 'committee_covered'>) =>
    s.committee === undefined
      ? t('none')
      : `${t('rollup.committeeCell', { members: countText(s.committee, t), needed: s.committee_needed ?? 0 })} (${s.committee_covered ? t('rollup.covered') : t('rollup.notCovered')})`;
  return (
    <Page title={title}>
      <div class="camp-wide" />
      <Await state={rollup.state} retry={rollup.reload}>
        {(r) => (
          <>
            <p class="hs-page__lead">{t('rollup.lead', { shops: r.totals.shops, workers: countText(r.totals.workers, t) })}</p>
            <div class="camp-filters__grid hs-no-print">
              <Select
                label={t('rollup.region')}
                name="rollup-region"
                value={q.region}
                options={[{ value: '', label: t('rollup.allRegions') }, ...r.regions.map((x) => ({ value: x, label: x }))]}
                onValue={(region) => change({ region })}
              />
              <Select
                label={t('rollup.sort')}
                name="rollup-sort"
                value={q.sort}
                options={kSorts.map((s) => ({ value: s, label: t(`rollup.sorts.${s}`) }))}
                onValue={(sort) => change({ sort: sort as RollupSort, order: sort === 'name' || sort === 'region' ? 'asc' : 'desc' })}
              />
              <Select
                label={t('rollup.order')}
                name="rollup-order"
                value={q.order}
                options={[
                  { value: 'asc', label: t('rollup.asc') },
                  { value: 'desc', label: t('rollup.desc') },
                ]}
                onValue={(order) => change({ order: order as 'asc' | 'desc' })}
              />
            </div>
            {readError && <Banner tone="error" title={readError} />}
            {removal.banner}
            {removal.dialog}
            <table
              class="hs-table camp-rollup"
              data-testid="rollup"
              data-sort={r.sort}
              data-order={r.order}
              data-region={r.region ?? ''}
            >
              <caption class="hs-visually-hidden">{t('rollup.captionTable', { name: r.employer.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rollup.columns.shop')}</th>
                  <th scope="col">{t('rollup.columns.region')}</th>
                  <th scope="col">{t('rollup.columns.workers')}</th>
                  <th scope="col">{t('rollup.columns.assessed')}</th>
                  <th scope="col">{t('rollup.columns.support')}</th>
                  <th scope="col">{t('rollup.columns.cards')}</th>
                  <th scope="col">{t('rollup.columns.committee')}</th>
                  <th scope="col">{t('rollup.columns.lastContact')}</th>
                  {edit && <th scope="col">{t('rollup.columns.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                <tr class="camp-rollup__totals" data-testid="rollup-totals">
                  <th scope="row" data-label={t('rollup.columns.shop')}>
                    {t('rollup.totals')}
                  </th>
                  <td data-label={t('rollup.columns.region')}>{q.region || t('rollup.allRegions')}</td>
                  <td data-label={t('rollup.columns.workers')} data-testid="total-workers">
                    {countText(r.totals.workers, t)}
                  </td>
                  <td data-label={t('rollup.columns.assessed')}>{percentText(r.totals.assessed_percent, t)}</td>
                  <td data-label={t('rollup.columns.support')} data-testid="total-support">
                    {percentText(r.totals.support_percent, t)}
                  </td>
                  <td data-label={t('rollup.columns.cards')} data-testid="total-cards">
                    {percentText(r.totals.card_percent, t)} ({countText(r.totals.cards, t)})
                  </td>
                  <td data-label={t('rollup.columns.committee')}>{countText(r.totals.committee, t)}</td>
                  <td data-label={t('rollup.columns.lastContact')}>{t('none')}</td>
                  {edit && <td data-label={t('rollup.columns.actions')}>{t('none')}</td>}
                </tr>
                {r.shops.map((s) => {
                  const unit = unitOf.get(s.worksite_id);
                  return (
                    <tr key={s.worksite_id} data-testid="rollup-shop" data-worksite={s.worksite_id}>
                      <th scope="row" data-label={t('rollup.columns.shop')}>
                        {unit ? <Link href={`/units/${unit}/chart`}>{s.name}</Link> : s.name}
                        {!unit && <span class="hs-muted"> ({t('rollup.noChart')})</span>}
                      </th>
                      <td data-label={t('rollup.columns.region')}>{s.region ?? t('none')}</td>
                      <td data-label={t('rollup.columns.workers')} data-testid="shop-workers">
                        {countText(s.workers, t)}
                      </td>
                      <td data-label={t('rollup.columns.assessed')}>{percentText(s.assessed_percent, t)}</td>
                      <td data-label={t('rollup.columns.support')}>{percentText(s.support_percent, t)}</td>
                      <td data-label={t('rollup.columns.cards')} data-testid="shop-cards">
                        {percentText(s.card_percent, t)} ({countText(s.cards, t)})
                      </td>
                      <td data-label={t('rollup.columns.committee')}>{committeeCell(s)}</td>
                      <td data-label={t('rollup.columns.lastContact')}>
                        {s.last_contact_on ? formatDay(s.last_contact_on, lang) : t('none')}
                      </td>
                      {edit && (
                        <td data-label={t('rollup.columns.actions')}>
                          <DeleteButton name={s.name} onClick={() => void askDelete(s)} />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </Await>
    </Page>
  );
}
