// SPDX-License-Identifier: AGPL-3.0-or-later
// Small pieces the elections pages share: the org of the session, a query
// parameter, civil dates in the reader's language, a date field, the
// deadline warning badge and the problem banner.
import { useId } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import type { Language } from '../../i18n';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner } from '../../ui';
import type { Warning } from '../api';
import { messages } from '../l10n/messages';

export function useOrgSlug(): string {
  return useSession()?.org.slug ?? '';
}

export function queryParam(name: string): string {
  return new URLSearchParams(window.location.search).get(name) ?? '';
}

/** "Mar 4, 2025" for "2025-03-04": a civil date, never shifted by a zone. */
export function formatDay(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function useDay(): (iso: string | null | undefined) => string {
  const lang = useLanguage();
  return (iso) => formatDay(iso, lang);
}

export interface DateFieldProps {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  required?: boolean;
  error?: string;
}

/** A labelled native date input (the phone's own date picker). */
export function DateField({ label, name, value, onValue, required, error }: DateFieldProps) {
  const id = useId();
  return (
    <div class={`hs-field${error ? ' hs-field--invalid' : ''}`}>
      <label class="hs-field__label" for={id}>
        {label}
      </label>
      <input
        id={id}
        class="hs-input"
        type="date"
        name={name}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      {error && <p class="hs-field__error">{error}</p>}
    </div>
  );
}

/** R15's 30/14/7-day warning as a badge; nothing when on track. */
export function WarningBadge({ warning }: { warning: Warning }) {
  const t = useMessages(messages);
  if (warning === 'none') return null;
  return (
    <span class={`el-badge el-badge--${warning.replace('_', '-')}`} data-warning={warning}>
      {t(`deadlines.warning.${warning}`)}
    </span>
  );
}

/** A problem in the reader's language; invalid input names the field. */
export function ProblemBanner({ problem }: { problem: Problem | null }) {
  const t = useMessages(messages);
  if (!problem) return null;
  const key = errorKey(messages.en.errors, problem);
  return <Banner tone="error" title={t(`errors.${key}`, { ...errorVars(problem), field: problem.field ?? '' })} />;
}

/** "12 days left" / "Today" / "3 days ago". */
export function DaysLeft({ days }: { days: number }) {
  const t = useMessages(messages);
  if (days === 0) return <span>{t('deadlines.today')}</span>;
  if (days > 0) return <span>{t('deadlines.daysLeft', { count: days })}</span>;
  return <span>{t('deadlines.daysAgo', { count: -days })}</span>;
}
