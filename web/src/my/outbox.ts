// SPDX-License-Identifier: AGPL-3.0-or-later
// The organizer's conversation notes on their own device until the server
// has them (journeys J3.1: notes survive going offline, a reload and
// closing the tab; exactly one record after retries). Two things live in
// localStorage, both only what the organizer typed on this device:
//   - the draft of the log being written, per request (saved as they type);
//   - the outbox: saved logs not yet confirmed by the server, each with the
//     id made once on this device, so a retry lands once (the server is
//     idempotent on it).
// A log leaves the outbox when the server answers 200/201 for it, and is
// dropped with a visible error if the server refuses it (4xx other than
// 408/429). localStorage (not sessionStorage): closing the tab must not
// lose the notes. Signing out clears both (clearAll).
import type { ConversationRecord } from './api';

export interface Pending {
  org: string;
  intake: string;
  record: ConversationRecord;
}

export interface Draft {
  contacted_at_ms: number;  // the device time the call began: the SLA stops there
  steps: string[];
  step_notes: Record<string, string>;
  notes: string;
}

const kOutbox = 'hotshop.my.outbox';
const draftKey = (org: string, intake: string) => `hotshop.my.draft.${org}.${intake}`;

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the text stays in the page.
  }
}

export function newRecordId(): string {
  return crypto.randomUUID();
}

export function pending(): Pending[] {
  const v = read<Pending[]>(kOutbox);
  return Array.isArray(v) ? v : [];
}

export function enqueue(p: Pending): void {
  write(kOutbox, [...pending().filter((x) => x.record.id !== p.record.id), p]);
}

export function remove(recordId: string): void {
  const left = pending().filter((x) => x.record.id !== recordId);
  write(kOutbox, left.length ? left : null);
}

export function loadDraft(org: string, intake: string): Draft | null {
  return read<Draft>(draftKey(org, intake));
}

export function saveDraft(org: string, intake: string, d: Draft): void {
  write(draftKey(org, intake), d);
}

export function clearDraft(org: string, intake: string): void {
  write(draftKey(org, intake), null);
}

export function clearAll(): void {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const k = window.localStorage.key(i);
      if (k && k.startsWith('hotshop.my.')) window.localStorage.removeItem(k);
    }
  } catch {
    // nothing to clear
  }
}
