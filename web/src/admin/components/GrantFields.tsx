// SPDX-License-Identifier: AGPL-3.0-or-later
// Role + scope fields, shared by the invitation form and "Add access". For a
// worker-leader the scope is a unit; units don't exist yet, so the field is
// labelled "Unit" and lists campaigns, sent as scope_kind "campaign".
import { messages as appMessages } from '../../app/l10n/messages';
import { kRoles, type Role, type ScopeKind } from '../../auth/api';
import type { Campaign } from '../../campaigns/api';
import { useMessages } from '../../i18n/hooks';
import { Banner, Select } from '../../ui';
import { messages } from '../l10n/messages';

export interface GrantChoice {
  role: Role;
  scopeKind: Extract<ScopeKind, 'org' | 'campaign'>;
  campaignId: string;
}

/** Roles whose natural scope is the whole organization. */
const kOrgRoles: ReadonlySet<Role> = new Set<Role>(['org_admin', 'dispatcher']);

export function defaultChoice(role: Role, campaigns: readonly Campaign[]): GrantChoice {
  return { role, scopeKind: kOrgRoles.has(role) ? 'org' : 'campaign', campaignId: campaigns[0]?.id ?? '' };
}

/** The body fields of a grant, or null when a campaign is needed and missing. */
export function grantBody(c: GrantChoice): { role: Role; scope_kind: 'org' | 'campaign'; scope_id?: string } | null {
  const kind = c.role === 'worker_leader' ? 'campaign' : c.scopeKind;
  if (kind === 'org') return { role: c.role, scope_kind: 'org' };
  if (!c.campaignId) return null;
  return { role: c.role, scope_kind: 'campaign', scope_id: c.campaignId };
}

export interface GrantFieldsProps {
  value: GrantChoice;
  campaigns: readonly Campaign[];
  onChange: (next: GrantChoice) => void;
  idPrefix: string;
}

export function GrantFields({ value, campaigns, onChange, idPrefix }: GrantFieldsProps) {
  const t = useMessages(messages);
  const tApp = useMessages(appMessages);
  const leader = value.role === 'worker_leader';
  const kind = leader ? 'campaign' : value.scopeKind;
  return (
    <>
      <Select
        label={t('grant.role')}
        name={`${idPrefix}-role`}
        value={value.role}
        options={kRoles.map((r) => ({ value: r, label: tApp(`roles.${r}`) }))}
        onValue={(v) => {
          const role = v as Role;
          onChange({ ...defaultChoice(role, campaigns), campaignId: value.campaignId || (campaigns[0]?.id ?? '') });
        }}
      />
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
      {kind === 'campaign' &&
        (campaigns.length > 0 ? (
          <Select
            label={leader ? t('grant.unit') : t('grant.campaign')}
            hint={leader ? t('grant.unitHint') : undefined}
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
