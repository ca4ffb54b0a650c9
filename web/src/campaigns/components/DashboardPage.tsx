// SPDX-License-Identifier: AGPL-3.0-or-later
// /campaigns/:id: per unit the meters (R1, majority, R5 with what is
// missing), committee coverage (R20), the support trend and the structure
// tests (R21); the campaign's employers lead to their rollup. The next
// deadlines come from the elections feature (DeadlinesSummary). Those who
// may edit the workplace can delete an employer or a unit (DeleteWorkplace),
// and add employers, worksites and units (WorkplaceForms).
import { Link } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { DeadlinesSummary } from '../../elections';
import { useMessages } from '../../i18n/hooks';
import { NotesPanel } from '../../notes';
import { Card, Page } from '../../ui';
import { getCampaign, getMeters, getStructureTests, listEmployers, listUnits, type Unit } from '../api';
import { DeleteButton, useWorkplaceDelete, type DeleteTarget } from './DeleteWorkplace';
import { messages } from '../l10n/messages';
import { mayEditWorkplace, mayManage, useGrants, useLoad, useOrg } from '../state';
import { Await } from './Loaded';
import { TestsSummary } from './TestsSummary';
import { UnitMeters } from './UnitMeters';
import { AddEmployerForm, EmployerSetup } from './WorkplaceForms';

function UnitCard({ unit, manage, onDelete }: { unit: Unit; manage: boolean; onDelete?: () => void }) {
  const t = useMessages(messages);
  const meters = useLoad((org, signal) => getMeters(org, unit.id, { signal }), [unit.id]);
  const tests = useLoad((org, signal) => getStructureTests(org, unit.id, { signal }), [unit.id]);
  return (
    <Card title={unit.name}>
      <nav class="camp-links" aria-label={unit.name}>
        <Link href={`/units/${unit.id}/chart`} class="camp-link">
          {t('dashboard.chart')}
        </Link>
        <Link href={`/units/${unit.id}/cards`} class="camp-link">
          {t('dashboard.cards')}
        </Link>
        <Link href={`/units/${unit.id}/tests`} class="camp-link">
          {t('dashboard.tests')}
        </Link>
        {manage && (
          <Link href={`/campaigns/${unit.campaign_id}/committee`} class="camp-link">
            {t('dashboard.committee')}
          </Link>
        )}
        <Link href={`/units/${unit.id}/setup`} class="camp-link">
          {t('dashboard.setup')}
        </Link>
        {onDelete && <DeleteButton name={unit.name} onClick={onDelete} />}
      </nav>
      <Await state={meters.state} retry={meters.reload}>
        {(m) => <UnitMeters meters={m} />}
      </Await>
      <Await state={tests.state} retry={tests.reload}>
        {(s) => <TestsSummary tests={s} />}
      </Await>
    </Card>
  );
}

export function DashboardPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const id = params?.id ?? '';
  const grants = useGrants();
  const org = useOrg();
  const campaign = useLoad((org, signal) => getCampaign(org, id, { signal }), [id]);
  const units = useLoad((org, signal) => listUnits(org, id, { signal }), [id]);
  const employers = useLoad((org, signal) => listEmployers(org, id, { signal }), [id]);
  const edit = mayEditWorkplace(grants);
  const removal = useWorkplaceDelete({
    onDeleted: (x: DeleteTarget) => {
      if (x.kind === 'employer' && employers.state.status === 'ok') {
        employers.set({ employers: employers.state.value.employers.filter((e) => e.id !== x.id) });
      }
      if (x.kind === 'unit' && units.state.status === 'ok') {
        units.set({ units: units.state.value.units.filter((u) => u.id !== x.id) });
      }
    },
    onStale: (x: DeleteTarget) => (x.kind === 'employer' ? employers.reload() : units.reload()),
  });
  const title = campaign.state.status === 'ok' ? t('dashboard.title', { name: campaign.state.value.name }) : t('list.title');
  return (
    <Page title={title}>
      <div class="camp-wide" />
      <Await state={campaign.state} retry={campaign.reload}>
        {() => (
          <>
            <DeadlinesSummary campaignId={id} />
            {mayManage(grants) && (
              <nav class="camp-links" aria-label={t('dashboard.manage')}>
                <Link href={`/campaigns/${id}/scales`} class="camp-link" data-testid="scales-link">
                  {t('dashboard.scales')}
                </Link>
              </nav>
            )}
            {removal.banner}
            {removal.dialog}
            <Await state={employers.state}>
              {(e) =>
                e.employers.length > 0 && (
                  <section>
                    <h2 class="camp-h2">{t('dashboard.employers')}</h2>
                    <ul class="camp-list">
                      {e.employers.map((x) => (
                        <li key={x.id} class="camp-deletable" data-testid="employer" data-id={x.id}>
                          <Link href={`/employers/${x.id}`}>{t('dashboard.rollup', { name: x.name })}</Link>
                          {edit && (
                            <DeleteButton
                              name={x.name}
                              onClick={() => removal.ask({ kind: 'employer', id: x.id, name: x.name, version: x.version })}
                            />
                          )}
                          {edit && <EmployerSetup employer={x} onUnitAdded={units.reload} />}
                        </li>
                      ))}
                    </ul>
                  </section>
                )
              }
            </Await>
            {edit && employers.state.status === 'ok' && <AddEmployerForm campaignId={id} onAdded={employers.reload} />}
            <h2 class="camp-h2">{t('dashboard.units')}</h2>
            <Await state={units.state} retry={units.reload}>
              {(u) =>
                u.units.length === 0 ? (
                  <p>{t('dashboard.noUnits')}</p>
                ) : (
                  <div class="camp-units">
                    {u.units.map((unit) => (
                      <UnitCard
                        key={unit.id}
                        unit={unit}
                        manage={mayManage(grants)}
                        onDelete={
                          edit
                            ? () => removal.ask({ kind: 'unit', id: unit.id, name: unit.name, version: unit.version })
                            : undefined
                        }
                      />
                    ))}
                  </div>
                )
              }
            </Await>
            {org && <NotesPanel org={org} subject={{ kind: 'campaign', id }} embedded />}
          </>
        )}
      </Await>
    </Page>
  );
}
