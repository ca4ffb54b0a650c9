// SPDX-License-Identifier: AGPL-3.0-or-later
// Naming a grant in the reader's language: "Volunteer organizer · Campaign:
// Harbor View Hotel housekeeping".
import type { Grant } from '../../auth/api';
import type { Translate } from '../../i18n/hooks';
import type { messages as appMessages } from '../../app/l10n/messages';

type AppT = Translate<(typeof appMessages)['en']>;

export function scopeLabel(t: AppT, grant: Pick<Grant, 'scope_kind' | 'scope_id'>, names: ReadonlyMap<string, string>): string {
  if (grant.scope_kind === 'org') return t('scopes.org');
  const id = grant.scope_id ?? '';
  const name = names.get(id) ?? id;
  return grant.scope_kind === 'unit' ? t('scopes.unit', { name }) : t('scopes.campaign', { name });
}

export function grantLabel(t: AppT, grant: Grant, names: ReadonlyMap<string, string>): string {
  const flags = (grant.flags ?? []).map((f) => t(`flags.${f}`));
  const base = `${t(`roles.${grant.role}`)} · ${scopeLabel(t, grant, names)}`;
  return flags.length ? `${base} (${flags.join(', ')})` : base;
}
