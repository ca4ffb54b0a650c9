// SPDX-License-Identifier: AGPL-3.0-or-later
// Turning an API problem into a feature's translated message: a feature's
// l10n has an `errors` group keyed by problem code plus `generic`; codes the
// feature doesn't know fall back to `generic`.
import type { Problem } from '../http/client';

/** The errors.* key for a problem: its code when the group has it. */
export function errorKey<K extends string>(errors: Readonly<Record<K, string>>, problem: Problem): K {
  return (Object.prototype.hasOwnProperty.call(errors, problem.code) ? problem.code : 'generic') as K;
}

/** Interpolation values error messages may use. */
export function errorVars(problem: Problem): Record<string, string | number> {
  return { seconds: problem.retryAfter ?? 60 };
}
