// SPDX-License-Identifier: AGPL-3.0-or-later
// Renders a loaded value, a loading line, or the translated problem with a
// retry button.
import type { ComponentChildren } from 'preact';
import { useMessages } from '../../i18n/hooks';
import { Button } from '../../ui';
import { messages } from '../l10n/messages';
import type { Loaded } from '../state';
import { ProblemBanner } from './ProblemBanner';

export function Await<T>({
  state,
  retry,
  children,
}: {
  state: Loaded<T>;
  retry?: () => void;
  children: (value: T) => ComponentChildren;
}) {
  const t = useMessages(messages);
  if (state.status === 'loading') {
    return (
      <p class="camp-loading" role="status">
        {t('loading')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div class="hs-stack">
        <ProblemBanner problem={state.problem} />
        {retry && state.problem.status !== 404 && (
          <p>
            <Button variant="secondary" onClick={retry}>
              {t('retry')}
            </Button>
          </p>
        )}
      </div>
    );
  }
  return <>{children(state.value)}</>;
}
