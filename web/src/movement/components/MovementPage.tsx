// SPDX-License-Identifier: AGPL-3.0-or-later
// /movement (issue #5, "The movement view"): the org's requests by stage,
// median and 90th-percentile time to first contact, organizers' load
// against capacity, by region and by industry, as SVG charts. Viewers see
// small counts as "<5" (the server suppresses them).
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey } from '../../i18n/problems';
import { Banner, Card, Page } from '../../ui';
import { getMovement, type Group, type Movement } from '../api';
import { messages } from '../l10n/messages';
import { BarChart } from './BarChart';
import '../movement.css';

const kStages = ['new', 'triaged', 'matched', 'first_contact', 'assessed', 'campaign_opened', 'referred', 'closed'] as const;

function hours(ms: number | null): number | string {
  return ms === null ? '—' : Math.round((ms / 3_600_000) * 10) / 10;
}

export function MovementPage() {
  const t = useMessages(messages);
  const session = useSession();
  const org = session?.org.slug ?? '';
  const [data, setData] = useState<Movement | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (!org) return;
    void getMovement(org).then((r) => (r.ok ? setData(r.value) : setProblem(r.problem)));
  }, [org]);
  const errKey = problem ? errorKey(messages.en.errors, problem) : 'generic';
  const key = (g: Group) => g.key || t('unknown');
  const contact = (groups: Group[]) => groups.map((g) => ({
    label: key(g),
    value: g.first_contact.median_ms === null ? 0 : Number(hours(g.first_contact.median_ms)),
    text: t('hours', { median: hours(g.first_contact.median_ms), p90: hours(g.first_contact.p90_ms) }),
  }));
  return (
    <Page title={t('title')} lead={t('lead')}>
      {problem && <Banner tone="error" title={t(`errors.${errKey}`)} />}
      {data?.suppressed && <Banner tone="info" title={t('suppressed')} />}
      {data && (
        <>
          <Card title={t('total.title')}>
            <p data-testid="mv-total">{t('total.line', {
              intakes: String(data.total.intakes), median: hours(data.total.first_contact.median_ms),
              p90: hours(data.total.first_contact.p90_ms), load: String(data.total.load), capacity: String(data.total.capacity),
            })}</p>
            <BarChart testId="mv-stages" title={t('charts.stages')}
              bars={kStages.map((s) => ({ label: t(`stage.${s}`), value: data.total.stages[s] ?? 0 }))} />
          </Card>
          <Card title={t('charts.contactRegion')}>
            <BarChart testId="mv-contact-region" title={t('charts.contactRegion')} bars={contact(data.by_region)} />
          </Card>
          <Card title={t('charts.contactIndustry')}>
            <BarChart testId="mv-contact-industry" title={t('charts.contactIndustry')} bars={contact(data.by_industry)} />
          </Card>
          <Card title={t('charts.intakesRegion')}>
            <BarChart testId="mv-intakes-region" title={t('charts.intakesRegion')}
              bars={data.by_region.map((g) => ({ label: key(g), value: g.intakes }))} />
          </Card>
          <Card title={t('charts.intakesIndustry')}>
            <BarChart testId="mv-intakes-industry" title={t('charts.intakesIndustry')}
              bars={data.by_industry.map((g) => ({ label: key(g), value: g.intakes }))} />
          </Card>
          <Card title={t('charts.load')}>
            <BarChart testId="mv-load" title={t('charts.load')}
              bars={data.by_region.map((g) => ({ label: key(g), value: g.load, text: t('load', { load: String(g.load), capacity: String(g.capacity) }) }))} />
          </Card>
        </>
      )}
    </Page>
  );
}
