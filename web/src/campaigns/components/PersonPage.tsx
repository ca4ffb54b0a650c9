// SPDX-License-Identifier: AGPL-3.0-or-later
// /people/:id: contact (the person routes), employment with its history,
// connections (also on the chart), the assessment history with who, when
// and whether a person or a rule made it (R18), cards, committee and
// structure-test participation. A person out of reach reads exactly like a
// missing one (404 "nothing here").
import { useState } from 'preact/hooks';
import { Link } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import type { Problem } from '../../http/client';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { NotesPanel } from '../../notes';
import { Button, Card, Page, Select } from '../../ui';
import {
  addConnection,
  getAssessments,
  getCards,
  getChart,
  getCommittee,
  getConnections,
  getEmployment,
  getParticipation,
  getPerson,
  getStructureTests,
  getUnit,
  type ConnectionKind,
} from '../api';
import { formatDay, formatInstant, languageName, levelLabel } from '../format';
import { messages } from '../l10n/messages';
import { mayEditWorkers, useGrants, useLoad, useOrg as useOrgSlug } from '../state';
import { EmploymentEditor } from './EmploymentEditor';
import { Await } from './Loaded';
import { ProblemBanner } from './ProblemBanner';
import { useWho } from './RateEditor';

function AssessmentHistoryCard({ personId }: { personId: string }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const who = useWho();
  const h = useLoad((org, signal) => getAssessments(org, personId, { signal }), [personId]);
  return (
    <Card title={t('person.assessments')}>
      <Await state={h.state} retry={h.reload}>
        {(v) =>
          v.history.length === 0 ? (
            <p>{t('person.noAssessments')}</p>
          ) : (
            <table class="hs-table camp-compact" data-testid="assessment-history">
              <caption class="hs-visually-hidden">{t('person.assessments')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('person.value')}</th>
                  <th scope="col">{t('person.by')}</th>
                  <th scope="col">{t('person.when')}</th>
                  <th scope="col">{t('person.source')}</th>
                  <th scope="col">{t('person.note')}</th>
                </tr>
              </thead>
              <tbody>
                {[...v.history].reverse().map((a) => (
                  <tr key={a.id} data-testid="assessment">
                    <td data-label={t('person.value')}>
                      <span class={`camp-badge camp-r${a.value}`}>{levelLabel(t, v.scale, a.value)}</span>
                    </td>
                    <td data-label={t('person.by')}>{who(a)}</td>
                    <td data-label={t('person.when')}>{formatInstant(a.assessed_at, lang)}</td>
                    <td data-label={t('person.source')}>{a.source === 'rule' ? t('person.rule') : t('person.human')}</td>
                    <td data-label={t('person.note')}>{a.note ?? t('none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Await>
    </Card>
  );
}

function ConnectionsCard({ personId, unitId, editable }: { personId: string; unitId: string | null; editable: boolean }) {
  const t = useMessages(messages);
  const list = useLoad((org, signal) => getConnections(org, personId, { signal }), [personId]);
  const chart = useLoad(
    (org, signal) =>
      unitId ? getChart(org, unitId, { signal }) : Promise.resolve({ ok: false as const, problem: { status: 0, code: 'none' } }),
    [unitId],
  );
  const [other, setOther] = useState('');
  const [kind, setKind] = useState<ConnectionKind>('friend');
  const [problem, setProblem] = useState<Problem | null>(null);
  const coworkers =
    chart.state.status === 'ok'
      ? chart.state.value.departments.flatMap((d) => d.shifts.flatMap((s) => s.rows)).filter((r) => r.person_id !== personId)
      : [];
  return (
    <Card title={t('person.connections')}>
      <Await state={list.state} retry={list.reload}>
        {(v) =>
          v.connections.length === 0 ? (
            <p>{t('person.noConnections')}</p>
          ) : (
            <ul class="camp-list" data-testid="connections">
              {v.connections.map((c) => (
                <li key={c.id}>
                  {t(`person.connectionKinds.${c.direction === 'mutual' ? c.kind : c.direction}`)}:{' '}
                  <Link href={`/people/${c.person_id}`}>{c.name ?? t('none')}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      {editable && coworkers.length > 0 && (
        <ConnectionForm
          personId={personId}
          coworkers={coworkers.map((r) => ({ value: r.person_id, label: r.name }))}
          other={other}
          kind={kind}
          setOther={setOther}
          setKind={setKind}
          problem={problem}
          setProblem={setProblem}
          onAdded={list.reload}
        />
      )}
    </Card>
  );
}

function ConnectionForm(props: {
  personId: string;
  coworkers: { value: string; label: string }[];
  other: string;
  kind: ConnectionKind;
  setOther: (v: string) => void;
  setKind: (v: ConnectionKind) => void;
  problem: Problem | null;
  setProblem: (p: Problem | null) => void;
  onAdded: () => void;
}) {
  const t = useMessages(messages);
  const orgSlug = useOrgSlug();
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="camp-form hs-no-print"
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.other || busy) return;
        setBusy(true);
        void addConnection(orgSlug, props.personId, props.other, props.kind).then((r) => {
          setBusy(false);
          if (!r.ok) props.setProblem(r.problem);
          else {
            props.setProblem(null);
            props.setOther('');
            props.onAdded();
          }
        });
      }}
    >
      <h3 class="camp-h3">{t('person.addConnection')}</h3>
      <div class="camp-form__row">
        <Select
          label={t('person.other')}
          name="connection-other"
          value={props.other}
          options={[{ value: '', label: t('addWorker.choose') }, ...props.coworkers]}
          onValue={props.setOther}
        />
        <Select
          label={t('person.kind')}
          name="connection-kind"
          value={props.kind}
          options={(['influences', 'friend', 'family', 'carpool'] as const).map((k) => ({
            value: k,
            label: t(`person.connectionKinds.${k}`),
          }))}
          onValue={(v) => props.setKind(v as ConnectionKind)}
        />
      </div>
      {props.problem && <ProblemBanner problem={props.problem} />}
      <Button type="submit" variant="secondary" disabled={busy || !props.other}>
        {t('person.add')}
      </Button>
    </form>
  );
}

function UnitFacts({ personId, unitId, campaignId }: { personId: string; unitId: string; campaignId: string | null }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const cards = useLoad((org, signal) => getCards(org, unitId, { signal }), [unitId]);
  const committee = useLoad(
    (org, signal) =>
      campaignId ? getCommittee(org, campaignId, { signal }) : Promise.resolve({ ok: true as const, value: { members: [] } }),
    [campaignId],
  );
  const tests = useLoad((org, signal) => getStructureTests(org, unitId, { signal }), [unitId]);
  return (
    <>
      <Card title={t('person.cards')}>
        <Await state={cards.state}>
          {(c) => {
            const mine = c.cards.filter((x) => x.person_id === personId);
            return mine.length === 0 ? (
              <p>{t('person.noCards')}</p>
            ) : (
              <ul class="camp-list" data-testid="person-cards">
                {mine.map((x) => (
                  <li key={x.id}>
                    {formatDay(x.signed_on, lang)} · {t(`cards.methods.${x.method}`)} · {t(`cards.status.${x.status}`)}
                  </li>
                ))}
              </ul>
            );
          }}
        </Await>
      </Card>
      <Card title={t('person.committee')}>
        <Await state={committee.state}>
          {(c) => {
            const m = c.members.find((x) => x.person_id === personId && !x.until_on);
            return (
              <p data-testid="person-committee">
                {m ? t('person.since', { role: t(`committee.roles.${m.role}`), date: formatDay(m.since_on, lang) }) : t('person.notOnCommittee')}
              </p>
            );
          }}
        </Await>
      </Card>
      <Await state={tests.state}>
        {(s) => (s.tests.length === 0 ? null : <TestParticipation personId={personId} tests={s.tests.map((x) => ({ id: x.id, kind: x.kind, held_on: x.held_on }))} />)}
      </Await>
    </>
  );
}

function TestParticipation({ personId, tests }: { personId: string; tests: { id: string; kind: string; held_on: string }[] }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const rows = useLoad(
    async (org, signal) => {
      const out: { id: string; kind: string; held_on: string; state: 'took' | 'not' | 'none' }[] = [];
      for (const x of tests) {
        const r = await getParticipation(org, x.id, { signal });
        if (!r.ok) return r;
        const me = r.value.roster.find((p) => p.person_id === personId);
        out.push({ ...x, state: !me?.recorded ? 'none' : me.participated ? 'took' : 'not' });
      }
      return { ok: true as const, value: out };
    },
    [personId, tests.map((x) => x.id).join(',')],
  );
  return (
    <Card title={t('person.tests')}>
      <Await state={rows.state}>
        {(list) => (
          <ul class="camp-list" data-testid="person-tests">
            {list.map((x) => (
              <li key={x.id}>
                {t(`tests.kinds.${x.kind as 'photo'}`)} · {formatDay(x.held_on, lang)}:{' '}
                {x.state === 'took' ? t('person.took') : x.state === 'not' ? t('person.didNot') : t('person.notRecorded')}
              </li>
            ))}
          </ul>
        )}
      </Await>
    </Card>
  );
}

export function PersonPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const id = params?.id ?? '';
  const grants = useGrants();
  const orgSlug = useOrgSlug();
  const editable = mayEditWorkers(grants);
  const person = useLoad((org, signal) => getPerson(org, id, { signal }), [id]);
  const employment = useLoad((org, signal) => getEmployment(org, id, { signal }), [id]);
  const unitId = employment.state.status === 'ok' ? (employment.state.value.current?.unit_id ?? null) : null;
  const unit = useLoad(
    (org, signal) => (unitId ? getUnit(org, unitId, { signal }) : Promise.resolve({ ok: false as const, problem: { status: 0, code: 'none' } })),
    [unitId],
  );
  const [editing, setEditing] = useState(false);
  const areaName = (areaId: string | null) => {
    if (!areaId || unit.state.status !== 'ok') return t('none');
    const u = unit.state.value;
    return [...u.departments, ...u.shifts, ...u.job_classes].find((a) => a.id === areaId)?.name ?? t('none');
  };
  const title = person.state.status === 'ok' ? person.state.value.name : t('loading');
  return (
    <Page title={title}>
      <Await state={person.state} retry={person.reload}>
        {(p) => (
          <>
            {unitId && (
              <p class="hs-no-print">
                <Link href={`/units/${unitId}/chart`}>{t('person.chart')}</Link>
              </p>
            )}
            <Card title={t('person.contact')}>
              <dl class="camp-facts" data-testid="person-contact">
                <dt>{t('person.phone')}</dt>
                <dd>{p.phone ? <a href={`tel:${p.phone}`}>{p.phone}</a> : t('none')}</dd>
                <dt>{t('person.email')}</dt>
                <dd>{p.email || t('none')}</dd>
                <dt>{t('person.language')}</dt>
                <dd>{languageName(p.preferred_language, t)}</dd>
              </dl>
            </Card>
            <Card title={t('person.employment')}>
              <Await state={employment.state}>
                {(e) =>
                  !e.current ? (
                    <p>{t('person.left')}</p>
                  ) : (
                    <dl class="camp-facts" data-testid="person-employment">
                      <dt>{t('person.unit')}</dt>
                      <dd>{unit.state.status === 'ok' ? unit.state.value.name : t('none')}</dd>
                      <dt>{t('person.department')}</dt>
                      <dd>{areaName(e.current.department_id)}</dd>
                      <dt>{t('person.shift')}</dt>
                      <dd>{areaName(e.current.shift_id)}</dd>
                      <dt>{t('person.type')}</dt>
                      <dd>
                        {e.current.employment_type === 'full_time'
                          ? t('addWorker.fullTime')
                          : e.current.employment_type === 'part_time'
                            ? t('addWorker.partTime')
                            : t('addWorker.unknown')}
                      </dd>
                      <dt>{t('person.supervisor')}</dt>
                      <dd>{e.current.supervisor ? t('yes') : t('no')}</dd>
                      {e.current.started_on && (
                        <>
                          <dt>{t('person.startedOn')}</dt>
                          <dd>{formatDay(e.current.started_on, lang)}</dd>
                        </>
                      )}
                    </dl>
                  )
                }
              </Await>
              <Await state={employment.state}>
                {(e) =>
                  e.current && editable && unit.state.status === 'ok' ? (
                    editing ? (
                      <EmploymentEditor
                        personId={id}
                        unit={unit.state.value}
                        answer={{ ...e, current: e.current }}
                        onClose={() => setEditing(false)}
                        onSaved={() => {
                          setEditing(false);
                          employment.reload();
                        }}
                      />
                    ) : (
                      <p class="hs-no-print">
                        <Button variant="secondary" onClick={() => setEditing(true)} name="edit-employment">
                          {t('person.edit')}
                        </Button>
                      </p>
                    )
                  ) : null
                }
              </Await>
            </Card>
            <ConnectionsCard personId={id} unitId={unitId} editable={editable} />
            <AssessmentHistoryCard personId={id} />
            {unitId && <UnitFacts personId={id} unitId={unitId} campaignId={p.campaign_id} />}
            <NotesPanel org={orgSlug} subject={{ kind: 'person', id }} embedded />
          </>
        )}
      </Await>
    </Page>
  );
}
