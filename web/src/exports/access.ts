// SPDX-License-Identifier: AGPL-3.0-or-later
// Who may export (security-model.md §3, security::Action::kExport): org
// admins, and staff organizers whose grant carries the `export` flag (their
// exports hold only the people of those grants' campaigns). The nav and the
// route use it; the server decides (404 to everyone else). Kept apart from
// api.ts so the shell's bundle does not carry the export client.
import type { Grant } from '../auth/api';

export function mayExport(grants: readonly Grant[] | null | undefined): boolean {
  return !!grants?.some(
    (g) => g.role === 'org_admin' || (g.role === 'staff_organizer' && (g.flags ?? []).includes('export')),
  );
}

/** Campaign ids a staff organizer may export, or null for "any" (admins, org-scope grants). */
export function exportableCampaigns(grants: readonly Grant[] | null | undefined): string[] | null {
  const ids: string[] = [];
  for (const g of grants ?? []) {
    if (g.role === 'org_admin') return null;
    if (g.role !== 'staff_organizer' || !(g.flags ?? []).includes('export')) continue;
    if (g.scope_kind === 'org') return null;
    if (g.scope_id) ids.push(g.scope_id);
  }
  return ids;
}
