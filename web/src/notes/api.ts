// SPDX-License-Identifier: AGPL-3.0-or-later
// Notes endpoints (docs/api.md "Notes"), one function each. A subject is a
// person or a campaign; the server decides who sees which note (staff-only
// notes are absent for everyone but admins and staff organizers).
import { requestJson, type ApiResult } from '../http/client';

export type NoteSubject = { kind: 'person' | 'campaign'; id: string };

export interface Note {
  id: string;
  campaign_id: string | null;
  person_id: string | null;
  body: string;
  staff_only: boolean;
  author: { id: string; name: string };
  mine: boolean;
  created_at: string;
  updated_at: string;
  edited: boolean;
  version: number;
}

export interface NotesList {
  notes: Note[];
  /** Present when the server paged the list (worker-leaders: 50 at a time). */
  page?: { offset: number; limit: number | null; total: number; next_offset: number | null };
}

function subjectPath(org: string, s: NoteSubject): string {
  const kind = s.kind === 'person' ? 'people' : 'campaigns';
  return `/api/orgs/${encodeURIComponent(org)}/${kind}/${encodeURIComponent(s.id)}/notes`;
}

/** GET .../people/{id}/notes or .../campaigns/{id}/notes, newest first. */
export function listNotes(org: string, s: NoteSubject, offset = 0, signal?: AbortSignal): Promise<ApiResult<NotesList>> {
  const query = offset > 0 ? `?offset=${offset}` : '';
  return requestJson<NotesList>('GET', `${subjectPath(org, s)}${query}`, undefined, { signal });
}

/** POST .../notes {body, staff_only} */
export function addNote(org: string, s: NoteSubject, body: string, staffOnly: boolean): Promise<ApiResult<Note>> {
  return requestJson<Note>('POST', subjectPath(org, s), staffOnly ? { body, staff_only: true } : { body });
}

/** PATCH /api/orgs/{org}/notes/{id} with If-Match: the author only; 412 when stale. */
export function editNote(org: string, note: Pick<Note, 'id' | 'version'>, body: string): Promise<ApiResult<Note>> {
  return requestJson<Note>('PATCH', `/api/orgs/${encodeURIComponent(org)}/notes/${encodeURIComponent(note.id)}`, { body }, {
    headers: { 'If-Match': `"v${note.version}"` },
  });
}
