// SPDX-License-Identifier: AGPL-3.0-or-later
// An API problem as a translated banner (by problem code) with the server's
// detail under it: for imports the detail names the line, column or limit
// that went wrong ("two columns are mapped to first_name"), which the
// organizer needs to fix the file.
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner } from '../../ui';
import { messages } from '../l10n/messages';

export function ProblemBanner({ problem }: { problem: Problem }) {
  const t = useMessages(messages);
  return (
    <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))}>
      {problem.detail && <p data-testid="problem-detail">{problem.detail}</p>}
    </Banner>
  );
}
