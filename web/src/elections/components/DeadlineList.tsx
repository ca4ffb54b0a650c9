// SPDX-License-Identifier: AGPL-3.0-or-later
// A list of deadlines with their warning badges (R15's 30/14/7 days), each
// linking to where it comes from: the unit's elections or the charges.
import { Link } from '../../app/router';
import { useMessages } from '../../i18n/hooks';
import type { Deadline } from '../api';
import { messages } from '../l10n/messages';
import { DaysLeft, useDay, WarningBadge } from './common';

export function deadlineHref(d: Deadline): string {
  if (d.target.type === 'charge') return `/campaigns/${encodeURIComponent(d.campaign_id)}/charges`;
  if (d.unit_id) return `/units/${encodeURIComponent(d.unit_id)}/elections`;
  return `/campaigns/${encodeURIComponent(d.campaign_id)}/deadlines`;
}

export function DeadlineList({ deadlines, label }: { deadlines: readonly Deadline[]; label: string }) {
  const t = useMessages(messages);
  const day = useDay();
  return (
    <ul class="el-list" aria-label={label} data-testid="deadlines">
      {deadlines.map((d) => (
        <li
          key={`${d.kind}-${d.target.id}-${d.detail ?? ''}-${d.date}`}
          class="el-item hs-card"
          data-kind={d.kind}
          data-warning={d.warning}
        >
          <div class="el-item__head">
            <Link href={deadlineHref(d)} class="el-item__title">
              {t(`deadlines.kind.${d.kind as 'ten_b'}`)}
            </Link>
            <WarningBadge warning={d.warning} />
          </div>
          <p class="el-item__meta">
            {day(d.date)}
            {' · '}
            <DaysLeft days={d.days_left} />
            {d.unit_name && ` · ${d.unit_name}`}
            {d.case_number && ` · ${t('deadlines.case', { number: d.case_number })}`}
            {d.detail && ` · ${t(`bars.kind.${d.detail as 'election_bar'}`)}`}
          </p>
        </li>
      ))}
    </ul>
  );
}
