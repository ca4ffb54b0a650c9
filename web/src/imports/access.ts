// SPDX-License-Identifier: AGPL-3.0-or-later
// Who may import a contact list (security::Action::kImportPeople): org admins
// and org-scope staff organizers, since an import writes and deduplicates
// against the whole organization's people. The nav and the route use it;
// the server decides (404 to everyone else). Kept apart from api.ts so the
// shell's bundle does not carry the import client.
import type { Grant } from '../auth/api';

export function mayImport(grants: readonly Grant[] | null | undefined): boolean {
  return !!grants?.some((g) => g.role === 'org_admin' || (g.role === 'staff_organizer' && g.scope_kind === 'org'));
}
