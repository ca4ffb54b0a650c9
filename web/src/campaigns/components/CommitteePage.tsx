// SPDX-License-Identifier: AGPL-3.0-or-later
// /campaigns/:id/committee: the organizing committee (R20): current members,
// adding one from the campaign's charts (a supervisor is refused, with the
// reason), removing one (kept as history), and the coverage of each unit
// ("Housekeeping · Nights: nobody").
import { useState } from 'preact/hooks';
import type { RouteProps } from '../../app/routes';
import type { Problem } from '../../http/client';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Banner, Button, Card, Page, Select } from '../../ui';
import {
  addCommitteeMember,
  endCommitteeMember,
  getCampaign,
  getChart,
  getCommittee,
  getMeters,
  listUnits,
  type ChartRow,
  type Unit,
} from '../api';
import { formatDay } from '../format';
import { messages } from '../l10n/messages';
import { useLoad, useOrg } from '../state';
import { Coverage } from './Coverage';
import { Await } from './Loaded';
import { ProblemBanner } from './ProblemBanner';

function UnitCoverage({ unit, tick }: { unit: Unit; tick: number }) {
  const meters = useLoad((org, signal) => getMeters(org, unit.id, { signal }), [unit.id, tick]);
  return (
    <Card title={unit.name} level={3}>
      <Await state={meters.state}>{(m) => (m.committee ? <Coverage committee={m.committee} /> : null)}</Await>
    </Card>
  );
}

export function CommitteePage({ params }: RouteProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const org = useOrg();
  const campaignId = params?.id ?? '';
  const [tick, setTick] = useState(0);
  const campaign = useLoad((o, signal) => getCampaign(o, campaignId, { signal }), [campaignId]);
  const committee = useLoad((o, signal) => getCommittee(o, campaignId, { signal }), [campaignId, tick]);
  const units = useLoad((o, signal) => listUnits(o, campaignId, { signal }), [campaignId]);
  const people = useLoad(
    async (o, signal) => {
      if (units.state.status !== 'ok') return { ok: true as const, value: [] as ChartRow[] };
      const all: ChartRow[] = [];
      for (const u of units.state.value.units) {
        const c = await getChart(o, u.id, { signal });
        if (!c.ok) return c;
        all.push(...c.value.departments.flatMap((d) => d.shifts.flatMap((s) => s.rows)));
      }
      return { ok: true as const, value: all };
    },
    [units.state.status],
  );
  const [person, setPerson] = useState('');
  const [role, setRole] = useState<'committee' | 'helper'>('committee');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [refused, setRefused] = useState('');
  const [added, setAdded] = useState('');
  const rows = people.state.status === 'ok' ? people.state.value : [];

  const add = async (e: Event) => {
    e.preventDefault();
    if (!person || busy) return;
    setBusy(true);
    setProblem(null);
    setRefused('');
    setAdded('');
    const who = rows.find((r) => r.person_id === person);
    const r = await addCommitteeMember(org, campaignId, person, role);
    setBusy(false);
    if (!r.ok) {
      // R20: the server refuses a supervisor on field person_id; say why.
      if (r.problem.status === 400 && r.problem.field === 'person_id' && who?.supervisor) setRefused(who.name);
      else setProblem(r.problem);
      return;
    }
    setAdded(who?.name ?? '');
    setPerson('');
    setTick((n) => n + 1);
  };

  const title = campaign.state.status === 'ok' ? t('committee.title', { name: campaign.state.value.name }) : t('dashboard.committee');
  return (
    <Page title={title}>
      <Card title={t('committee.members')}>
        <Await state={committee.state} retry={committee.reload}>
          {(c) => {
            const current = c.members.filter((m) => !m.until_on);
            return current.length === 0 ? (
              <p>{t('committee.none')}</p>
            ) : (
              <ul class="camp-list" data-testid="committee-members">
                {current.map((m) => (
                  <li key={m.id} class="camp-member">
                    <span>
                      {m.name ?? t('none')} · {t(`committee.roles.${m.role}`)} · {t('committee.since', { date: formatDay(m.since_on, lang) })}
                    </span>
                    <Button
                      variant="quiet"
                      onClick={() =>
                        void endCommitteeMember(org, m.id, m.version).then((r) => {
                          if (r.ok) setTick((n) => n + 1);
                          else setProblem(r.problem);
                        })
                      }
                    >
                      {t('committee.end')}
                    </Button>
                  </li>
                ))}
              </ul>
            );
          }}
        </Await>
      </Card>
      <Card title={t('committee.add')}>
        <form class="camp-form" onSubmit={add} data-testid="add-committee">
          <div class="camp-form__row">
            <Select
              label={t('committee.person')}
              name="committee-person"
              value={person}
              options={[{ value: '', label: t('committee.choose') }, ...rows.map((r) => ({ value: r.person_id, label: r.name }))]}
              onValue={setPerson}
            />
            <Select
              label={t('committee.role')}
              name="committee-role"
              value={role}
              options={[
                { value: 'committee', label: t('committee.roles.committee') },
                { value: 'helper', label: t('committee.roles.helper') },
              ]}
              onValue={(v) => setRole(v as 'committee' | 'helper')}
            />
          </div>
          {refused && <Banner tone="error" title={t('committee.supervisorRefused', { name: refused })} />}
          {problem && <ProblemBanner problem={problem} />}
          {added && <Banner tone="success" title={t('committee.added', { name: added })} />}
          <Button type="submit" disabled={busy || !person} name="add-committee">
            {t('committee.save')}
          </Button>
        </form>
      </Card>
      <Await state={units.state}>
        {(u) => (
          <>
            {u.units.map((x) => (
              <UnitCoverage key={x.id} unit={x} tick={tick} />
            ))}
          </>
        )}
      </Await>
    </Page>
  );
}
