// SPDX-License-Identifier: AGPL-3.0-or-later
// The public intake API (docs/api.md "Intake"): a proof-of-work challenge
// and the request itself. No session is needed or sent.
import { requestJson, type ApiResult } from '../http/client';

export interface Challenge {
  algorithm: string;
  salt: string;
  expires_at_ms: number;
  bits: number;
  signature: string;
  consent_version: string;
}

export interface SolvedChallenge extends Omit<Challenge, 'consent_version'> {
  number: number;
}

export interface IntakeRequest {
  submission_id: string;
  name: string;
  phone: string;
  email: string;
  employer: string;
  employer_website: string;
  city: string;
  zip: string;
  industry: string;
  size_band: string;
  story: string;
  language: string;
  best_time: string;
  consent: boolean;
  consent_version: string;
  /** The honeypot: people never see it, so it stays empty. */
  website: string;
  pow: SolvedChallenge;
}

function orgPath(org: string): string {
  return `/api/intake/${encodeURIComponent(org)}`;
}

export function getChallenge(org: string): Promise<ApiResult<Challenge>> {
  return requestJson<Challenge>('GET', `${orgPath(org)}/challenge`, undefined, { quiet: true });
}

export function sendRequest(org: string, body: IntakeRequest): Promise<ApiResult<{ status: string }>> {
  return requestJson<{ status: string }>('POST', `${orgPath(org)}/requests`, body, { quiet: true, noStepUp: true });
}
