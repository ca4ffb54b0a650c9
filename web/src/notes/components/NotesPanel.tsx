// SPDX-License-Identifier: AGPL-3.0-or-later
// NotesPanel: the notes on a person or a campaign, newest first, and a form
// to add one; the author edits their own (with the version they read: a
// conflicting edit keeps the typed text and says so). Self-contained so a
// person page or a campaign dashboard can embed it:
//   <NotesPanel org={slug} subject={{ kind: 'person', id }} />
// The "facts, not opinions" hint is R40 (records get subpoenaed). The
// staff-only box is offered to admins and staff organizers; the server
// decides, and staff-only notes are absent for everyone else.
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner, Button, Card, Checkbox } from '../../ui';
import { addNote, editNote, listNotes, type Note, type NoteSubject } from '../api';
import { messages } from '../l10n/messages';
import '../notes.css';

const kMaxChars = 10_000;

function NoteText({ label, name, value, onValue }: { label: string; name: string; value: string; onValue: (v: string) => void }) {
  const id = useId();
  return (
    <div class="hs-field">
      <label class="hs-field__label" for={id}>
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        class="hs-input notes-text"
        rows={3}
        maxLength={kMaxChars}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </div>
  );
}

export interface NotesPanelProps {
  org: string;
  subject: NoteSubject;
  /** On a page that shows more than notes: hide, rather than report, notes out of reach. */
  embedded?: boolean;
}

export function NotesPanel({ org, subject, embedded = false }: NotesPanelProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const session = useSession();
  const staff = !!session?.roles.some((g) => g.role === 'org_admin' || g.role === 'staff_organizer');
  // Who may add a note (authorize.cpp note.add); a viewer reads only.
  const mayAdd = !!session?.roles.some((g) =>
    ['org_admin', 'staff_organizer', 'volunteer_organizer', 'worker_leader', 'mentor'].includes(g.role),
  );
  const [unreachable, setUnreachable] = useState(false);
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [staffOnly, setStaffOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<{ note: Note; text: string } | null>(null);

  const load = async (offset: number, signal?: AbortSignal) => {
    const r = await listNotes(org, subject, offset, signal);
    if (signal?.aborted) return;
    if (!r.ok) {
      // Embedded in a page the reader may see but whose notes they may not
      // (a unit-scoped grant on a campaign page): show nothing, not an error.
      if (embedded && offset === 0 && r.problem.status === 404) setUnreachable(true);
      else setProblem(r.problem);
      return;
    }
    setNotes((cur) => (offset > 0 && cur ? [...cur, ...r.value.notes] : r.value.notes));
    setNext(r.value.page?.next_offset ?? null);
  };

  useEffect(() => {
    if (!org || !subject.id) return;
    const abort = new AbortController();
    setNotes(null);
    void load(0, abort.signal);
    return () => abort.abort();
  }, [org, subject.kind, subject.id]);

  const add = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy || !draft.trim()) return;
    setBusy(true);
    setProblem(null);
    setNotice(null);
    const r = await addNote(org, subject, draft, staff && staffOnly);
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem); // the draft stays
      return;
    }
    setDraft('');
    setStaffOnly(false);
    setNotice(t('add.done'));
    setNotes((cur) => [r.value, ...(cur ?? [])]);
  };

  const save = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy || !editing || !editing.text.trim()) return;
    setBusy(true);
    setProblem(null);
    setNotice(null);
    const r = await editNote(org, editing.note, editing.text);
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem); // the edit stays open with the typed text
      return;
    }
    setEditing(null);
    setNotice(t('edit.done'));
    setNotes((cur) => (cur ?? []).map((n) => (n.id === r.value.id ? r.value : n)));
  };

  if (unreachable) return null;
  return (
    <Card title={t('title')}>
      <div class="hs-stack notes" data-testid="notes">
        {problem && (
          <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
        )}
        {notice && <Banner tone="success" title={notice} />}
        {mayAdd && (
          <form class="hs-stack" method="post" onSubmit={add}>
            <p class="hs-muted notes-facts">{t('facts')}</p>
            <NoteText label={t('add.label')} name="note-new" value={draft} onValue={setDraft} />
            {staff && <Checkbox label={t('add.staffOnly')} name="note-staff-only" checked={staffOnly} onChecked={setStaffOnly} />}
            <Button type="submit" disabled={busy || !draft.trim()}>
              {busy ? t('add.working') : t('add.submit')}
            </Button>
          </form>
        )}
        {notes === null && !problem && <p role="status">{t('loading')}</p>}
        {notes && notes.length === 0 && <p class="hs-muted">{t('empty')}</p>}
        {notes && notes.length > 0 && (
          <ul class="notes-list" aria-label={t('listLabel')}>
            {notes.map((n) => (
              <li key={n.id} class="notes-item" data-staff-only={n.staff_only ? 'true' : undefined}>
                {editing?.note.id === n.id ? (
                  <form class="hs-stack" method="post" onSubmit={save}>
                    <NoteText
                      label={t('edit.label')}
                      name="note-edit"
                      value={editing.text}
                      onValue={(text) => setEditing({ note: editing.note, text })}
                    />
                    <div class="hs-actions">
                      <Button type="submit" disabled={busy || !editing.text.trim()}>
                        {t('edit.save')}
                      </Button>
                      <Button variant="quiet" onClick={() => setEditing(null)}>
                        {t('edit.cancel')}
                      </Button>
                    </div>
                  </form>
                ) : (
                  <>
                    <p class="notes-body">{n.body}</p>
                    <p class="hs-muted notes-meta">
                      <span>{t('by', { name: n.author.name, time: formatDateTime(n.created_at, lang) })}</span>
                      {n.edited && <span class="notes-badge">{t('edited')}</span>}
                      {n.staff_only && <span class="notes-badge notes-badge--staff">{t('staffOnly')}</span>}
                    </p>
                    {n.mine && (
                      <button
                        type="button"
                        class="notes-edit"
                        aria-label={t('edit.actionLabel', { time: formatDateTime(n.created_at, lang) })}
                        onClick={() => setEditing({ note: n, text: n.body })}
                      >
                        {t('edit.action')}
                      </button>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {next !== null && (
          <Button variant="secondary" onClick={() => void load(next)}>
            {t('more')}
          </Button>
        )}
      </div>
    </Card>
  );
}
