// SPDX-License-Identifier: AGPL-3.0-or-later
// Where the organizer is in the four steps: choose, check columns, import,
// results. The current one is marked for screen readers (aria-current).
import { useMessages } from '../../i18n/hooks';
import { messages } from '../l10n/messages';

export type StepKey = 'choose' | 'mapping' | 'progress' | 'report';
const kSteps: readonly StepKey[] = ['choose', 'mapping', 'progress', 'report'];

export function Steps({ current }: { current: StepKey }) {
  const t = useMessages(messages);
  const at = kSteps.indexOf(current);
  return (
    <nav aria-label={t('steps.label')}>
      <ol class="imp-steps">
        {kSteps.map((s, i) => (
          <li
            key={s}
            class={`imp-steps__item${i === at ? ' imp-steps__item--current' : ''}${i < at ? ' imp-steps__item--done' : ''}`}
            aria-current={i === at ? 'step' : undefined}
          >
            <span class="imp-steps__n" aria-hidden="true">
              {i + 1}
            </span>
            <span>{t(`steps.${s}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
