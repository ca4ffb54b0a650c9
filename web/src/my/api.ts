// SPDX-License-Identifier: AGPL-3.0-or-later
// The organizer's side (docs/api.md "My requests"): assigned requests,
// notifications, the worker's card, accept, decline, conversation logs.
import { requestJson } from '../http/client';

export interface MyIntake {
  id: string;
  stage: string;
  name: string;
  city: string;
  industry: string;
  language: string;
  size_band: string;
  received_at_ms: number;
  assigned_at_ms: number;
  accepted_at_ms: number | null;
  first_contact_at_ms: number | null;
  first_contact_due_at_ms: number;
}

export interface ConversationRecord {
  id: string;
  contacted_at_ms: number;
  steps: string[];
  step_notes: Record<string, string>;
  notes: string;
}

export interface WorkerCard extends MyIntake {
  phone: string;
  email: string;
  work_email: boolean;
  employer: string;
  best_time: string;
  story: string;
  zip: string;
  conversations: ConversationRecord[];
}

export interface Notification { id: string; intake_id: string; kind: string; created_at_ms: number }

const base = (org: string) => `/api/orgs/${encodeURIComponent(org)}/my/intakes`;

export function listMine(org: string) {
  return requestJson<{ intakes: MyIntake[]; notifications: Notification[] }>('GET', base(org));
}

export function getCard(org: string, id: string) {
  return requestJson<WorkerCard>('GET', `${base(org)}/${encodeURIComponent(id)}`);
}

export function accept(org: string, id: string) {
  return requestJson<{ accepted_at_ms: number }>('POST', `${base(org)}/${encodeURIComponent(id)}/accept`, {});
}

export function decline(org: string, id: string, reason: string) {
  return requestJson<{ stage: string }>('POST', `${base(org)}/${encodeURIComponent(id)}/decline`, { reason });
}

export function postConversation(org: string, intake: string, record: ConversationRecord) {
  return requestJson<ConversationRecord>('POST', `${base(org)}/${encodeURIComponent(intake)}/conversations`, record);
}
