// SPDX-License-Identifier: AGPL-3.0-or-later
// One unit's meters: the 30% showing of interest (R1, rounded up), majority,
// filing readiness with what is missing (R5), support (R18), committee
// coverage (R20) and the support trend. Counts only: it names no one (R4).
import { useMessages } from '../../i18n/hooks';
import type { Meters, SupportCounts } from '../api';
import { countText, percentText } from '../format';
import { messages } from '../l10n/messages';
import { Coverage, useAreaName } from './Coverage';
import { Meter } from './Meter';
import { TrendChart } from './TrendChart';

function pct(have: number | string, of: number | string): number {
  const h = typeof have === 'number' ? have : 0;
  const o = typeof of === 'number' ? of : 0;
  return o > 0 ? Math.floor((h * 100) / o) : 0;
}

function SupportTable({
  caption,
  rows,
  kind,
}: {
  caption: string;
  rows: SupportCounts[];
  kind: 'department' | 'shift';
}) {
  const t = useMessages(messages);
  const areaName = useAreaName();
  if (rows.length === 0) return null;
  return (
    <table class="hs-table camp-compact">
      <caption class="hs-table__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('meters.area')}</th>
          <th scope="col">{t('meters.percent')}</th>
          <th scope="col">{t('meters.assessed')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.department}|${r.shift}`}>
            <td data-label={t('meters.area')}>
              {areaName({ department: r.department ?? null, shift: r.shift ?? null, kind })}
            </td>
            <td data-label={t('meters.percent')}>{percentText(r.percent, t)}</td>
            <td data-label={t('meters.assessed')}>
              {countText(r.assessed, t)} / {countText(r.workers, t)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UnitMeters({ meters }: { meters: Meters }) {
  const t = useMessages(messages);
  if (meters.empty || !meters.showing) return <p class="hs-muted">{t('dashboard.empty')}</p>;
  const s = meters.showing;
  const r = meters.readiness;
  const size = countText(meters.unit_size, t);
  const support = meters.support?.unit;
  return (
    <div class="camp-meters" data-testid={`meters-${meters.unit.id}`}>
      <p class="hs-muted">
        {meters.size_source === 'entered' ? t('meters.unitSizeEntered', { size }) : t('meters.unitSize', { size })}
        {meters.supervisors_excluded !== 0 && ` · ${t('meters.supervisorsExcluded', { count: countText(meters.supervisors_excluded, t) })}`}
      </p>
      <Meter
        testId="meter-showing"
        label={t('meters.showing')}
        detail={t('meters.showingDetail', { have: countText(s.counted, t), need: s.required, size })}
        percent={s.percent}
        goal={30}
        met={s.met}
        metText={s.met ? t('meters.showingMet') : `${percentText(s.percent, t)}%`}
      />
      {s.stale !== 0 && <p class="camp-warn" data-testid="stale-count">{t('meters.stale', { count: countText(s.stale, t) })}</p>}
      {meters.majority && (
        <Meter
          testId="meter-majority"
          label={t('meters.majority')}
          detail={t('meters.majorityDetail', { have: countText(meters.majority.have, t), need: meters.majority.need })}
          percent={pct(meters.majority.have, meters.unit_size)}
          goal={50}
          met={meters.majority.met}
          metText={meters.majority.met ? t('meters.met') : t('meters.notMet')}
        />
      )}
      {r && (
        <section class="camp-section" data-testid="readiness">
          <h3 class="camp-h3">
            {t('meters.readiness')}: <span class={r.ready ? 'camp-ok' : 'camp-warn'}>{r.ready ? t('meters.ready') : t('meters.notReady')}</span>
          </h3>
          <ul class="camp-checks">
            <li class={r.cards.met ? 'camp-check--ok' : 'camp-check--no'}>
              {t('meters.readyCards', { have: countText(r.cards.have, t), need: r.cards.need, percent: r.thresholds.card_percent })}
            </li>
            <li class={r.support.met ? 'camp-check--ok' : 'camp-check--no'}>
              {t('meters.readySupport', { have: countText(r.support.have, t), need: r.support.need, percent: r.thresholds.support_percent })}
            </li>
            <li class={r.committee_size.met ? 'camp-check--ok' : 'camp-check--no'}>
              {t('meters.readyCommittee', {
                have: countText(r.committee_size.have, t),
                need: r.committee_size.need,
                percent: r.thresholds.committee_percent,
              })}
            </li>
            <li class={r.committee_spread.met ? 'camp-check--ok' : 'camp-check--no'}>
              {t('meters.readySpread', { have: countText(r.committee_spread.have, t), need: r.committee_spread.need })}
            </li>
          </ul>
          {r.departments_without_committee.length > 0 && (
            <p class="camp-warn">
              {t('meters.missingDepartments', { list: r.departments_without_committee.map((d) => d || t('coverage.noDepartment')).join(', ') })}
            </p>
          )}
        </section>
      )}
      {support && (
        <section class="camp-section" data-testid="support">
          <h3 class="camp-h3">{t('meters.support')}</h3>
          <p>
            {t('meters.supportDetail', {
              supporters: countText(support.supporters, t),
              workers: countText(support.workers, t),
              percent: percentText(support.percent, t),
            })}
          </p>
          <SupportTable caption={t('meters.byDepartment')} rows={meters.support?.by_department ?? []} kind="department" />
          <SupportTable caption={t('meters.byShift')} rows={meters.support?.by_shift ?? []} kind="shift" />
        </section>
      )}
      {meters.committee && <Coverage committee={meters.committee} />}
      {meters.trend && (
        <section class="camp-section">
          <h3 class="camp-h3">{t('trend.title')}</h3>
          <TrendChart points={meters.trend} goal={r?.thresholds.support_percent} />
        </section>
      )}
    </div>
  );
}
