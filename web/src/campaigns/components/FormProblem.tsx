// SPDX-License-Identifier: AGPL-3.0-or-later
// A refused workplace form: a 400 (or a 409 duplicate name) that names a
// field the form shows goes next to that field, in the server's words when
// it gave them (they say exactly what is wrong: too long, a control
// character, a name already used), else the translated hint; anything else
// is a translated banner. What was typed is never cleared on a refusal.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { messages } from '../l10n/messages';
import { ProblemBanner } from './ProblemBanner';

type FieldKey = keyof (typeof messages)['en']['workplace']['errors'];

export interface FormProblem {
  /** The error text for a field of this form, if the answer named it. */
  error: (field: FieldKey) => string | undefined;
  /** The banner for a problem no field of the form explains. */
  banner: JSX.Element | null;
  set: (problem: Problem | null) => void;
}

export function useFormProblem(fields: readonly FieldKey[]): FormProblem {
  const t = useMessages(messages);
  const [problem, setProblem] = useState<Problem | null>(null);
  const named =
    problem && (problem.status === 400 || problem.status === 409) && problem.field && (fields as readonly string[]).includes(problem.field)
      ? (problem.field as FieldKey)
      : null;
  return {
    error: (field) => (named === field && problem ? problem.detail ?? t(`workplace.errors.${field}`) : undefined),
    banner: problem && !named ? <ProblemBanner problem={problem} /> : null,
    set: setProblem,
  };
}
