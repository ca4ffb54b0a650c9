// SPDX-License-Identifier: AGPL-3.0-or-later
// /notes?campaign=ID or /notes?person=ID: a minimal page around NotesPanel,
// until the campaign dashboard and the person page embed it (J3.3).
import { useSession } from '../../auth/state';
import { useMessages } from '../../i18n/hooks';
import { Banner, Page } from '../../ui';
import type { NoteSubject } from '../api';
import { messages } from '../l10n/messages';
import { NotesPanel } from './NotesPanel';

function subjectOf(search: string): NoteSubject | null {
  const q = new URLSearchParams(search);
  const campaign = q.get('campaign');
  if (campaign) return { kind: 'campaign', id: campaign };
  const person = q.get('person');
  if (person) return { kind: 'person', id: person };
  return null;
}

export function NotesPage() {
  const t = useMessages(messages);
  const session = useSession();
  const subject = subjectOf(window.location.search);
  return (
    <Page title={t('page.title')} lead={subject?.kind === 'person' ? t('page.leadPerson') : t('page.lead')}>
      {!subject && <Banner tone="info" title={t('page.noSubject')} />}
      {subject && session && <NotesPanel org={session.org.slug} subject={subject} />}
    </Page>
  );
}
