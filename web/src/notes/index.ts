// SPDX-License-Identifier: AGPL-3.0-or-later
// What other features may use from notes: the campaign dashboard and the
// person page embed <NotesPanel org subject={{ kind, id }} />.
export { NotesPanel } from './components/NotesPanel';
export type { NotesPanelProps } from './components/NotesPanel';
