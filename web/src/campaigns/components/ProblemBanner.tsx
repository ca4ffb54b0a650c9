// SPDX-License-Identifier: AGPL-3.0-or-later
// An API problem as a translated banner: by field when the form knows the
// field (errors.fields.*), else by code. The server's own sentence is never
// shown: it is English.
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner } from '../../ui';
import { messages } from '../l10n/messages';

type FieldKey = keyof (typeof messages)['en']['errors']['fields'];

export function useProblemText(): (problem: Problem) => string {
  const t = useMessages(messages);
  return (problem: Problem) => {
    const fields = messages.en.errors.fields;
    if (problem.status === 400 && problem.field && Object.prototype.hasOwnProperty.call(fields, problem.field)) {
      return t(`errors.fields.${problem.field as FieldKey}`);
    }
    const { fields: _f, ...codes } = messages.en.errors;
    return t(`errors.${errorKey(codes, problem)}`, errorVars(problem));
  };
}

export function ProblemBanner({ problem }: { problem: Problem }) {
  const text = useProblemText();
  return <Banner tone="error" title={text(problem)} />;
}
