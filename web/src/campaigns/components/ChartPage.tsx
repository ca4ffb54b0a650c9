// SPDX-License-Identifier: AGPL-3.0-or-later
// /units/:id/chart: the wall chart (R19). Rows grouped by department and
// shift, coloured by rating (0 = not assessed: neutral), filters, inline
// rating with If-Match and conflict handling (RateEditor), a print view
// (names: internal only). One-handed at 360 px: open, tap a name, tap a
// rating, Save (3 taps).
import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { Link } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Button, Page, Select } from '../../ui';
import { getChart, getUnit, type AssessmentHistory, type Chart, type ChartRow } from '../api';
import { formatDay, levelLabel } from '../format';
import { messages } from '../l10n/messages';
import { mayEditWorkers, onlyWorkerLeader, useGrants, useLoad } from '../state';
import { AddWorkerForm } from './AddWorkerForm';
import { Await } from './Loaded';
import { RateEditor, useWho } from './RateEditor';

interface Filters {
  department: string;
  shift: string;
  rating: string;
  card: string;
  committee: string;
}

const kAll = '*';
const kNone = '-';
const kNoFilters: Filters = { department: kAll, shift: kAll, rating: kAll, card: kAll, committee: kAll };

function keep(row: ChartRow, f: Filters): boolean {
  if (f.department !== kAll && (row.department ?? kNone) !== f.department) return false;
  if (f.shift !== kAll && (row.shift ?? kNone) !== f.shift) return false;
  if (f.rating !== kAll && String(row.rating) !== f.rating) return false;
  if (f.card === 'signed' && !row.card_signed) return false;
  if (f.card === 'none' && row.card_signed) return false;
  if (f.committee === 'on' && !row.committee_role) return false;
  if (f.committee === 'off' && row.committee_role) return false;
  return true;
}

/** The rows of a chart after an assessment was saved for one person. */
function withRating(chart: Chart, personId: string, h: AssessmentHistory): Chart {
  const e = h.effective;
  return {
    ...chart,
    departments: chart.departments.map((d) => ({
      ...d,
      shifts: d.shifts.map((s) => ({
        ...s,
        rows: s.rows.map((r) =>
          r.person_id !== personId
            ? r
            : {
                ...r,
                rating: e?.value ?? 0,
                rating_label: e?.label ?? null,
                assessed_on: e?.assessed_on ?? null,
                assessed_by: e?.by ?? null,
                assessed_by_name: e?.by_name ?? null,
                assessed_by_rule: e?.source === 'rule',
                assessment_version: h.version,
              },
        ),
      })),
    })),
  };
}

function ChartFilters({ chart, filters, onChange }: { chart: Chart; filters: Filters; onChange: (f: Filters) => void }) {
  const t = useMessages(messages);
  const departments = [...new Set(chart.departments.map((d) => d.department ?? kNone))];
  const shifts = [...new Set(chart.departments.flatMap((d) => d.shifts.map((s) => s.shift ?? kNone)))];
  const all = { value: kAll, label: t('chart.all') };
  const name = (v: string, none: string) => (v === kNone ? none : v);
  const levels = Array.from({ length: chart.scale.max_level + 1 }, (_, i) => i);
  return (
    <details class="camp-filters hs-no-print" open={false}>
      <summary class="camp-filters__summary">{t('chart.filters')}</summary>
      <div class="camp-filters__grid">
        <Select
          label={t('chart.department')}
          name="filter-department"
          value={filters.department}
          options={[all, ...departments.map((d) => ({ value: d, label: name(d, t('coverage.noDepartment')) }))]}
          onValue={(department) => onChange({ ...filters, department })}
        />
        <Select
          label={t('chart.shift')}
          name="filter-shift"
          value={filters.shift}
          options={[all, ...shifts.map((s) => ({ value: s, label: name(s, t('coverage.noShift')) }))]}
          onValue={(shift) => onChange({ ...filters, shift })}
        />
        <Select
          label={t('chart.rating')}
          name="filter-rating"
          value={filters.rating}
          options={[all, ...levels.map((l) => ({ value: String(l), label: levelLabel(t, chart.scale, l) }))]}
          onValue={(rating) => onChange({ ...filters, rating })}
        />
        <Select
          label={t('chart.card')}
          name="filter-card"
          value={filters.card}
          options={[all, { value: 'signed', label: t('chart.cardSigned') }, { value: 'none', label: t('chart.cardNone') }]}
          onValue={(card) => onChange({ ...filters, card })}
        />
        <Select
          label={t('chart.committee')}
          name="filter-committee"
          value={filters.committee}
          options={[all, { value: 'on', label: t('chart.onCommittee') }, { value: 'off', label: t('chart.notOnCommittee') }]}
          onValue={(committee) => onChange({ ...filters, committee })}
        />
      </div>
    </details>
  );
}

function Row({
  row,
  chart,
  open,
  editable,
  onOpen,
  onSaved,
  onClose,
}: {
  row: ChartRow;
  chart: Chart;
  open: boolean;
  editable: boolean;
  onOpen: () => void;
  onSaved: (h: AssessmentHistory) => void;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const who = useWho();
  const c = t('chart.columns.name');
  const label = levelLabel(t, chart.scale, row.rating);
  const assessedWho = row.assessed_by
    ? who({ by: row.assessed_by, by_name: row.assessed_by_name, source: row.assessed_by_rule ? 'rule' : 'human' })
    : '';
  return (
    <>
      <tr class={`camp-row camp-r${row.rating}`} data-testid="chart-row" data-person={row.person_id}>
        <td data-label={c} class="camp-row__name">
          {editable ? (
            <button
              type="button"
              class="camp-row__open"
              aria-expanded={open}
              onClick={onOpen}
              data-testid="open-row"
            >
              {row.name}
            </button>
          ) : (
            <span class="camp-row__plain">{row.name}</span>
          )}
          {row.supervisor && <span class="camp-tag camp-tag--sup">{t('chart.supervisor')}</span>}
          <Link href={`/people/${row.person_id}`} class="camp-row__person hs-no-print">
            {t('chart.openPerson', { name: row.name })}
          </Link>
        </td>
        <td data-label={t('chart.columns.department')}>{row.department ?? t('none')}</td>
        <td data-label={t('chart.columns.shift')}>{row.shift ?? t('none')}</td>
        <td data-label={t('chart.columns.employment')}>
          {row.employment === 'full_time' ? t('chart.fullTime') : row.employment === 'part_time' ? t('chart.partTime') : t('chart.unknownTime')}
        </td>
        <td data-label={t('chart.columns.card')} data-testid="card-cell">
          {row.card_signed ? t('chart.signedOn', { date: formatDay(row.card_signed_on, lang) }) : t('chart.noCard')}
          {row.resign_prompt && <span class="camp-tag camp-tag--warn">{t('chart.stale')}</span>}
        </td>
        <td data-label={t('chart.columns.committee')}>
          {row.committee_role ? t(`chart.committeeRole.${row.committee_role}`) : t('none')}
        </td>
        <td data-label={t('chart.columns.rating')} data-testid="rating-cell">
          <span class={`camp-badge camp-r${row.rating}`}>{label}</span>
          {row.assessed_on && (
            <span class="camp-row__when">
              {assessedWho
                ? t('chart.assessedBy', { date: formatDay(row.assessed_on, lang), who: assessedWho })
                : t('chart.assessedOn', { date: formatDay(row.assessed_on, lang) })}
            </span>
          )}
        </td>
        <td data-label={t('chart.columns.lastContact')}>
          {row.last_contact_on
            ? t('chart.assessedBy', { date: formatDay(row.last_contact_on, lang), who: row.last_contact_by ?? t('chart.someone') })
            : t('chart.noContact')}
        </td>
        <td data-label={t('chart.columns.connections')}>
          {row.connections.length === 0
            ? t('none')
            : row.connections.map((k, i) => (
                <Fragment key={k.id}>
                  {i > 0 && ', '}
                  <Link href={`/people/${k.person_id}`}>{k.name}</Link>{' '}
                  <span class="hs-muted">({t(`person.connectionKinds.${k.direction === 'mutual' ? k.kind : k.direction}`)})</span>
                </Fragment>
              ))}
        </td>
      </tr>
      {open && (
        <tr class="camp-row__editor hs-no-print">
          <td colSpan={9}>
            <RateEditor
              personId={row.person_id}
              name={row.name}
              scale={chart.scale}
              current={row.rating}
              version={row.assessment_version}
              onSaved={onSaved}
              onClose={onClose}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** The chart of one unit; `title` replaces "Wall chart: <unit>" (/my/unit
 * says "My unit" and names the unit in the lead). */
export function ChartView({ unitId, title: fixedTitle }: { unitId: string; title?: string }) {
  const t = useMessages(messages);
  const grants = useGrants();
  const editable = mayEditWorkers(grants);
  const chart = useLoad((org, signal) => getChart(org, unitId, { signal }), [unitId]);
  const unit = useLoad((org, signal) => getUnit(org, unitId, { signal }), [unitId]);
  const [filters, setFilters] = useState<Filters>(kNoFilters);
  const [open, setOpen] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const value = chart.state.status === 'ok' ? chart.state.value : null;
  const visible = useMemo(() => {
    if (!value) return [];
    return value.departments
      .map((d) => ({ ...d, shifts: d.shifts.map((s) => ({ ...s, rows: s.rows.filter((r) => keep(r, filters)) })).filter((s) => s.rows.length > 0) }))
      .filter((d) => d.shifts.length > 0);
  }, [value, filters]);
  const title = fixedTitle ?? (value ? t('chart.title', { name: value.unit.name }) : t('dashboard.chart'));
  const print = () => {
    setOpen(null);
    setPrinting(true);
    window.setTimeout(() => {
      window.print();
      setPrinting(false);
    }, 0);
  };
  return (
    <Page title={title}>
      <div class="camp-wide" />
      <Await state={chart.state} retry={chart.reload}>
        {(c) => (
          <>
            <p class="hs-page__lead camp-chart__lead">
              {fixedTitle && `${c.unit.name}. `}
              {t('chart.lead', { count: c.workers })}
            </p>
            <p class="camp-print-only camp-internal">{t('chart.printInternal')}</p>
            <nav class="camp-links hs-no-print" aria-label={title}>
              {!onlyWorkerLeader(grants) && (
                <Link href={`/campaigns/${c.unit.campaign_id}`} class="camp-link">
                  {t('chart.dashboard')}
                </Link>
              )}
              <Link href={`/units/${unitId}/cards`} class="camp-link">
                {t('chart.cards')}
              </Link>
              <Link href={`/units/${unitId}/tests`} class="camp-link">
                {t('chart.tests')}
              </Link>
              <Button variant="quiet" onClick={print} name="print-chart">
                {t('chart.print')}
              </Button>
            </nav>
            <ChartFilters chart={c} filters={filters} onChange={setFilters} />
            {visible.length === 0 && <p>{t('chart.noMatch')}</p>}
            <table class={`camp-chart${printing ? ' camp-chart--print' : ''}`} data-testid="wall-chart">
              <thead>
                <tr>
                  <th scope="col">{t('chart.columns.name')}</th>
                  <th scope="col">{t('chart.columns.department')}</th>
                  <th scope="col">{t('chart.columns.shift')}</th>
                  <th scope="col">{t('chart.columns.employment')}</th>
                  <th scope="col">{t('chart.columns.card')}</th>
                  <th scope="col">{t('chart.columns.committee')}</th>
                  <th scope="col">{t('chart.columns.rating')}</th>
                  <th scope="col">{t('chart.columns.lastContact')}</th>
                  <th scope="col">{t('chart.columns.connections')}</th>
                </tr>
              </thead>
              {visible.map((d) =>
                d.shifts.map((s) => (
                  <tbody key={`${d.department}|${s.shift}`} class="camp-group">
                    <tr class="camp-group__head">
                      <th colSpan={9} scope="rowgroup">
                        {t('chart.group', {
                          department: d.department ?? t('coverage.noDepartment'),
                          shift: s.shift ?? t('coverage.noShift'),
                        })}
                      </th>
                    </tr>
                    {s.rows.map((r) => (
                      <Row
                        key={r.person_id}
                        row={r}
                        chart={c}
                        editable={editable}
                        open={open === r.person_id}
                        onOpen={() => setOpen(open === r.person_id ? null : r.person_id)}
                        onClose={() => setOpen(null)}
                        onSaved={(h) => {
                          chart.set(withRating(c, r.person_id, h));
                          setOpen(null);
                        }}
                      />
                    ))}
                  </tbody>
                )),
              )}
            </table>
            {editable && unit.state.status === 'ok' && (
              <details class="camp-details hs-no-print">
                <summary>{t('chart.addWorker')}</summary>
                <AddWorkerForm unit={unit.state.value} onAdded={chart.reload} />
              </details>
            )}
          </>
        )}
      </Await>
    </Page>
  );
}

export function ChartPage({ params }: RouteProps) {
  return <ChartView unitId={params?.id ?? ''} />;
}
