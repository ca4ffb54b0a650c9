// SPDX-License-Identifier: AGPL-3.0-or-later
// Inline rating of one worker (R18): the levels as big radio buttons, an
// optional note, Save. The rating is sent with If-Match (the row's
// assessment version); on 412 someone else rated first: the organizer's
// choice and note stay on screen, the other person's rating is shown with
// who and when, and they choose: save theirs anyway or keep the other one.
// Nothing typed is lost on a conflict or a network error.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Actions, Banner, Button } from '../../ui';
import { addAssessment, etagOf, getAssessments, type Assessment, type AssessmentHistory, type Scale } from '../api';
import { formatInstant, levelLabel } from '../format';
import { messages } from '../l10n/messages';
import { useOrg } from '../state';
import { ProblemBanner } from './ProblemBanner';

export interface RateEditorProps {
  personId: string;
  name: string;
  scale: Scale;
  current: number;
  version: number;
  onSaved: (history: AssessmentHistory) => void;
  onClose: () => void;
}

export function useWho(): (a: Pick<Assessment, 'by' | 'by_name' | 'source'> | null) => string {
  const t = useMessages(messages);
  const me = useSession()?.user.id;
  return (a) => {
    if (!a) return t('chart.someone');
    if (a.source === 'rule') return t('chart.byRule');
    if (me && a.by === `user:${me}`) return a.by_name ? `${a.by_name} (${t('chart.you')})` : t('chart.you');
    return a.by_name || t('chart.someone');
  };
}

export function RateEditor({ personId, name, scale, current, version, onSaved, onClose }: RateEditorProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const org = useOrg();
  const who = useWho();
  const [value, setValue] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [base, setBase] = useState(version);
  const [conflict, setConflict] = useState<Assessment | null>(null);
  const levels = Array.from({ length: scale.max_level + 1 }, (_, i) => i);
  const form = useRef<HTMLFormElement>(null);
  // Opened under a row: bring it into view for the thumb (one-handed use).
  useEffect(() => form.current?.scrollIntoView?.({ block: 'nearest' }), []);

  const save = async (etagVersion: number) => {
    if (value === null || busy) return;
    setBusy(true);
    setProblem(null);
    const r = await addAssessment(
      org,
      personId,
      { value, note: note.trim() || undefined, scale_id: scale.id },
      etagOf(etagVersion),
    );
    if (r.ok) {
      setBusy(false);
      setConflict(null);
      onSaved(r.value);
      return;
    }
    if (r.problem.status === 412) {
      const now = await getAssessments(org, personId);
      setBusy(false);
      if (now.ok) {
        setBase(now.value.version);
        setConflict(now.value.effective ?? now.value.history[now.value.history.length - 1] ?? null);
        return;
      }
      setProblem(now.problem);
      return;
    }
    setBusy(false);
    setProblem(r.problem);
  };

  const takeTheirs = () => {
    void getAssessments(org, personId).then((h) => {
      if (h.ok) onSaved(h.value);
      else onClose();
    });
  };

  return (
    <form
      ref={form}
      class="camp-rate"
      data-testid="rate-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save(base);
      }}
    >
      <fieldset class="camp-rate__levels">
        <legend class="camp-rate__legend">
          {t('rate.title', { name })} · {t('rate.current', { label: levelLabel(t, scale, current) })}
        </legend>
        {levels.map((l) => (
          <label key={l} class={`camp-rate__level camp-r${l}${value === l ? ' camp-rate__level--on' : ''}`}>
            <input
              type="radio"
              name={`rating-${personId}`}
              value={String(l)}
              checked={value === l}
              onChange={() => setValue(l)}
            />
            <span>{levelLabel(t, scale, l)}</span>
          </label>
        ))}
      </fieldset>
      <label class="hs-field">
        <span class="hs-field__label">{t('rate.note')}</span>
        <textarea
          class="hs-input camp-rate__note"
          name="rating-note"
          rows={2}
          maxLength={2000}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </label>
      {conflict && value !== null && (
        <Banner tone="warning" title={t('rate.conflictTitle', { name })}>
          <p data-testid="conflict-theirs">
            {t('rate.conflictTheirs', {
              who: who(conflict),
              label: levelLabel(t, scale, conflict.value),
              date: formatInstant(conflict.assessed_at, lang),
            })}
          </p>
          <p data-testid="conflict-yours">{t('rate.conflictYours', { label: levelLabel(t, scale, value) })}</p>
        </Banner>
      )}
      {problem && <ProblemBanner problem={problem} />}
      <Actions>
        {conflict ? (
          <>
            <Button type="submit" disabled={busy || value === null} name="keep-mine">
              {busy ? t('rate.saving') : t('rate.keepMine')}
            </Button>
            <Button variant="secondary" onClick={takeTheirs} name="use-theirs">
              {t('rate.useTheirs')}
            </Button>
          </>
        ) : (
          <Button type="submit" disabled={busy || value === null} name="save-rating">
            {busy ? t('rate.saving') : t('rate.save')}
          </Button>
        )}
        <Button variant="quiet" onClick={onClose}>
          {t('cancel')}
        </Button>
      </Actions>
    </form>
  );
}
