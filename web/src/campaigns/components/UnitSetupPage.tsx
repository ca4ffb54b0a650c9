// SPDX-License-Identifier: AGPL-3.0-or-later
// /units/:id/setup: a bargaining unit's departments, shifts and job classes
// (docs/api.md "Campaign workplace"); those who may edit the workplace can
// delete one (DeleteWorkplace: the server refuses while workers are placed
// in it and says so), add and rename one, and rename the unit or change its
// entered size (UnitSetupEdit).
import { Link } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useMessages } from '../../i18n/hooks';
import { Card, Page } from '../../ui';
import { getUnit, type Area, type UnitDetail } from '../api';
import { messages } from '../l10n/messages';
import { mayEditWorkplace, useGrants, useLoad } from '../state';
import { DeleteButton, useWorkplaceDelete, type DeleteTarget } from './DeleteWorkplace';
import { Await } from './Loaded';
import { AddAreaForm, AreaName, UnitSettings } from './UnitSetupEdit';

const kGroups = [
  ['department', 'departments'],
  ['shift', 'shifts'],
  ['job_class', 'job_classes'],
] as const;

export function UnitSetupPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const id = params?.id ?? '';
  const edit = mayEditWorkplace(useGrants());
  const unit = useLoad((org, signal) => getUnit(org, id, { signal }), [id]);
  const removal = useWorkplaceDelete({
    onDeleted: (x: DeleteTarget) => {
      if (unit.state.status !== 'ok') return;
      const u = unit.state.value;
      const drop = (list: Area[]) => list.filter((a) => a.id !== x.id);
      unit.set({ ...u, departments: drop(u.departments), shifts: drop(u.shifts), job_classes: drop(u.job_classes) });
    },
    onStale: () => unit.reload(),
  });
  const title = unit.state.status === 'ok' ? t('setup.title', { name: unit.state.value.name }) : t('loading');
  return (
    <Page title={title}>
      <Await state={unit.state} retry={unit.reload}>
        {(u: UnitDetail) => (
          <>
            <p class="hs-page__lead">{t('setup.lead')}</p>
            {removal.banner}
            {removal.dialog}
            {edit && (
              <Card title={t('workplace.unit')}>
                <UnitSettings key={u.id} unit={u} onSaved={unit.set} onStale={unit.reload} />
              </Card>
            )}
            {kGroups.map(([kind, field]) => (
              <Card key={kind} title={t(`setup.${kind}`)}>
                {u[field].length === 0 ? (
                  <p class="hs-muted">{t('setup.none')}</p>
                ) : (
                  <ul class="camp-list camp-list--plain" data-testid={`areas-${kind}`}>
                    {u[field].map((a) => (
                      <li key={a.id} class="camp-deletable" data-testid="area" data-id={a.id}>
                        <AreaName
                          area={a}
                          edit={edit}
                          onRenamed={(x) => unit.set({ ...u, [field]: u[field].map((y) => (y.id === x.id ? { ...y, ...x } : y)) })}
                          onStale={unit.reload}
                        >
                          <DeleteButton
                            name={a.name}
                            onClick={() => removal.ask({ kind, id: a.id, name: a.name, version: a.version })}
                          />
                        </AreaName>
                      </li>
                    ))}
                  </ul>
                )}
                {edit && (
                  <AddAreaForm unitId={u.id} kind={kind} onAdded={(a) => unit.set({ ...u, [field]: [...u[field], a] })} />
                )}
              </Card>
            ))}
            <p>
              <Link href={`/campaigns/${u.campaign_id}`} class="camp-link">
                {t('setup.back')}
              </Link>
            </p>
          </>
        )}
      </Await>
    </Page>
  );
}
