// SPDX-License-Identifier: AGPL-3.0-or-later
// Committee coverage (R20): the unit's count against one per 10 workers, and
// every uncovered department, shift and department × shift, "nobody" first.
import { useMessages } from '../../i18n/hooks';
import type { CoverageArea, Meters } from '../api';
import { countText } from '../format';
import { messages } from '../l10n/messages';

export function useAreaName(): (a: Pick<CoverageArea, 'department' | 'shift' | 'kind'>) => string {
  const t = useMessages(messages);
  return (a) => {
    const d = a.department || t('coverage.noDepartment');
    const s = a.shift || t('coverage.noShift');
    if (a.kind === 'department') return d;
    if (a.kind === 'shift') return s;
    return `${d} · ${s}`;
  };
}

export function Coverage({ committee }: { committee: NonNullable<Meters['committee']> }) {
  const t = useMessages(messages);
  const areaName = useAreaName();
  const uncovered = [...committee.uncovered].sort((a, b) => Number(a.members !== 0) - Number(b.members !== 0));
  return (
    <section class="camp-section" data-testid="coverage">
      <h3 class="camp-h3">{t('coverage.title')}</h3>
      <p class="hs-muted">{t('coverage.rule')}</p>
      <p>{t('coverage.unit', { members: countText(committee.unit.members, t), needed: committee.unit.needed })}</p>
      {committee.supervisors_on_committee > 0 && (
        <p class="camp-warn">{t('coverage.supervisors', { count: committee.supervisors_on_committee })}</p>
      )}
      {uncovered.length === 0 ? (
        <p class="camp-ok">{t('coverage.allCovered')}</p>
      ) : (
        <>
          <h4 class="camp-h4">{t('coverage.uncovered')}</h4>
          <ul class="camp-list" data-testid="uncovered">
            {uncovered.map((a) => (
              <li key={`${a.kind}|${a.department}|${a.shift}`}>
                {a.members === 0
                  ? t('coverage.nobody', { area: areaName(a) })
                  : t('coverage.short', { area: areaName(a), members: countText(a.members, t), needed: a.needed })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
