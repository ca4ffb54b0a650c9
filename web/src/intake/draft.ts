// SPDX-License-Identifier: AGPL-3.0-or-later
// The worker's unsent message, kept in this tab's sessionStorage so a
// dropped connection or a reload loses nothing (J1.1 never-line), and
// cleared once the request has landed. Only what the worker typed on their
// own device, plus the random submission id that makes a retry land once;
// nothing from the server. sessionStorage (not localStorage): it ends with
// the tab, so a shared phone keeps no copy afterwards.
export interface Draft {
  submissionId: string;
  name: string;
  phone: string;
  email: string;
  employer: string;
  employerWebsite: string;
  city: string;
  zip: string;
  industry: string;
  sizeBand: string;
  story: string;
  language: string;
  bestTime: string;
  consent: boolean;
}

function key(org: string): string {
  return `hotshop.intake.draft.${org}`;
}

/** 128 random bits as hex: the submission id of one message. */
export function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function emptyDraft(language: string): Draft {
  return {
    submissionId: newSubmissionId(),
    name: '',
    phone: '',
    email: '',
    employer: '',
    employerWebsite: '',
    city: '',
    zip: '',
    industry: '',
    sizeBand: '',
    story: '',
    language,
    bestTime: '',
    consent: false,
  };
}

export function loadDraft(org: string): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(key(org));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (typeof d.submissionId !== 'string' || d.submissionId.length < 16) return null;
    return { ...emptyDraft(typeof d.language === 'string' ? d.language : 'en'), ...d } as Draft;
  } catch {
    return null;
  }
}

export function saveDraft(org: string, draft: Draft): void {
  try {
    window.sessionStorage.setItem(key(org), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the text stays in the page.
  }
}

export function clearDraft(org: string): void {
  try {
    window.sessionStorage.removeItem(key(org));
  } catch {
    // nothing to clear
  }
}
