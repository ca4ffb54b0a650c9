// SPDX-License-Identifier: AGPL-3.0-or-later
// Role + scope fields, shared by the invitation form and "Add access". A
// worker-leader's scope is one bargaining unit (security-model.md §3), sent
// as scope_kind "unit"; the other roles take the whole organization or one
// campaign.
import { messages as appMessages } from '../../app/l10n/messages';
import { kRoles, type Role, type ScopeKind } from '../../auth/api';
import type { Campaign } from '../../campaigns/api';
import { useMessages } from '../../i18n/hooks';
import { Banner, Select } from '../../ui';
import type { UnitChoice } from '../api';
import { messages } from '../l10n/messages';

export interface GrantChoice {
  role: Role;
  scopeKind: Extract<ScopeKind, 'org' | 'campaign'>;
  campaignId: string;
  unitId: string;
}

/** Roles whose natural scope is the whole organization. */
const kOrgRoles: ReadonlySet<Role> = new Set<Role>(['org_admin', 'dispatcher']);

export function defaultChoice(role: Role, campaigns: readonly Campaign[], units: readonly UnitChoice[] = []): GrantChoice {
  return {
    role,
    scopeKind: kOrgRoles.has(role) ? 'org' : 'campaign',
    campaignId: campaigns[0]?.id ?? '',
    unitId: units[0]?.id ?? '',
  };
}

/** The choice with the first campaign and unit filled in when they arrived late. */
export function withDefaults(c: GrantChoice, campaigns: readonly Campaign[], units: readonly UnitChoice[]): GrantChoice {
  return {
    ...c,
    campaignId: c.campaignId || (campaigns[0]?.id ?? ''),
    unitId: c.unitId || (units[0]?.id ?? ''),
  };
}

/** The body fields of a grant, or null when a campaign or unit is needed and missing. */
export function grantBody(c: GrantChoice): { role: Role; scope_kind: ScopeKind; scope_id?: string } | null {
  if (c.role === 'worker_leader') return c.unitId ? { role: c.role, scope_kind: 'unit', scope_id: c.unitId } : null;
  if (c.scopeKind === 'org') return { role: c.role, scope_kind: 'org' };
  if (!c.campaignId) return null;
  return { role: c.role, scope_kind: 'campaign', scope_id: c.campaignId };
}

export interface GrantFieldsProps {
  value: GrantChoice;
  campaigns: readonly Campaign[];
  units: readonly UnitChoice[];
  onChange: (next: GrantChoice) => void;
  idPrefix: string;
}

export function GrantFields({ value, campaigns, units, onChange, idPrefix }: GrantFieldsProps) {
  const t = useMessages(messages);
  const tApp = useMessages(appMessages);
  const leader = value.role === 'worker_leader';
  const kind = value.scopeKind;
  return (
    <>
      <Select
        label={t('grant.role')}
        name={`${idPrefix}-role`}
        value={value.role}
        options={kRoles.map((r) => ({ value: r, label: tApp(`roles.${r}`) }))}
        onValue={(v) => {
          const role = v as Role;
          onChange({
            ...defaultChoice(role, campaigns, units),
            campaignId: value.campaignId || (campaigns[0]?.id ?? ''),
            unitId: value.unitId || (units[0]?.id ?? ''),
          });
        }}
      />
      {leader &&
        (units.length > 0 ? (
          <Select
            label={t('grant.unit')}
            hint={t('grant.unitHint')}
            name={`${idPrefix}-unit`}
            value={value.unitId}
            options={units.map((u) => ({ value: u.id, label: t('grant.unitOption', { unit: u.name, campaign: u.campaign_name }) }))}
            onValue={(v) => onChange({ ...value, unitId: v })}
          />
        ) : (
          <Banner tone="warning" title={t('grant.noUnits')} />
        ))}
      {!leader && (
        <Select
          label={t('grant.scope')}
          name={`${idPrefix}-scope`}
          value={kind}
          options={[
            { value: 'org', label: t('grant.scopeOrg') },
            { value: 'campaign', label: t('grant.scopeCampaign') },
          ]}
          onValue={(v) => onChange({ ...value, scopeKind: v === 'org' ? 'org' : 'campaign' })}
        />
      )}
      {!leader &&
        kind === 'campaign' &&
        (campaigns.length > 0 ? (
          <Select
            label={t('grant.campaign')}
            name={`${idPrefix}-campaign`}
            value={value.campaignId}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            onValue={(v) => onChange({ ...value, campaignId: v })}
          />
        ) : (
          <Banner tone="warning" title={t('grant.noCampaigns')} />
        ))}
    </>
  );
}
