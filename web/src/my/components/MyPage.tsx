// SPDX-License-Identifier: AGPL-3.0-or-later
// /my (journeys J3.1): the requests assigned to the signed-in organizer.
// Accept or decline (J2.2); once accepted, the worker's card with
// tap-to-call and the conversation log: the seven steps of the organizing
// conversation (intro, issues, agitation, plan to win, inoculation, ask,
// follow-up) and free notes. The log is kept on this device as it is typed
// and sent through an outbox (my/outbox.ts), so going offline, reloading or
// closing the tab loses nothing, and a "N pending" chip shows what has not
// reached the server yet. The call's time is the device's (the SLA stops there).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey } from '../../i18n/problems';
import { Banner, Button, Card, Checkbox, Page, TextArea, TextField } from '../../ui';
import { accept, decline, getCard, listMine, postConversation, type MyIntake, type Notification, type WorkerCard } from '../api';
import { messages } from '../l10n/messages';
import * as outbox from '../outbox';
import '../my.css';

const kSteps = ['intro', 'issues', 'agitation', 'plan', 'inoculation', 'ask', 'follow_up'] as const;
const kRetryMs = 5000;

/** Sends the outbox; returns how many are still pending. */
async function flush(onRefused: (p: Problem) => void): Promise<number> {
  for (const p of outbox.pending()) {
    const r = await postConversation(p.org, p.intake, p.record);
    if (r.ok) {
      outbox.remove(p.record.id);
    } else if (r.problem.status !== 0 && r.problem.status !== 408 && r.problem.status !== 429 && r.problem.status < 500) {
      outbox.remove(p.record.id);  // refused for good: say so, don't retry forever
      onRefused(r.problem);
    } else {
      break;  // offline or busy: keep it, try again later
    }
  }
  return outbox.pending().length;
}

function useOutbox(onSynced: () => void) {
  const [count, setCount] = useState(outbox.pending().length);
  const [refused, setRefused] = useState<Problem | null>(null);
  const run = useCallback(async () => {
    const before = outbox.pending().length;
    if (before === 0) return setCount(0);
    const left = await flush(setRefused);
    setCount(left);
    if (left < before) onSynced();
  }, [onSynced]);
  useEffect(() => {
    void run();
    const online = () => void run();
    window.addEventListener('online', online);
    const timer = window.setInterval(() => void run(), kRetryMs);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [run]);
  return { count, refused, run };
}

function ConversationLog({ org, card, onSaved }: { org: string; card: WorkerCard; onSaved: () => void }) {
  const t = useMessages(messages);
  const [draft, setDraft] = useState<outbox.Draft>(
    () => outbox.loadDraft(org, card.id) ?? { contacted_at_ms: Date.now(), steps: [], step_notes: {}, notes: '' },
  );
  const update = (d: outbox.Draft) => {
    setDraft(d);
    outbox.saveDraft(org, card.id, d);
  };
  return (
    <div class="my-log" data-testid="conversation-log">
      <h3>{t('log.title')}</h3>
      {kSteps.map((s) => (
        <div key={s} class="my-step">
          <Checkbox name={`step-${s}`} label={t(`steps.${s}`)} checked={draft.steps.includes(s)}
            onChecked={(on) => update({ ...draft, steps: on ? [...draft.steps, s] : draft.steps.filter((x) => x !== s) })} />
          {draft.steps.includes(s) && (
            <TextField name={`note-${s}`} label={t('log.stepNote', { step: t(`steps.${s}`) })} maxLength={4000}
              value={draft.step_notes[s] ?? ''}
              onValue={(v) => update({ ...draft, step_notes: { ...draft.step_notes, [s]: v } })} />
          )}
        </div>
      ))}
      <TextArea name="notes" label={t('log.notes')} maxLength={20000} value={draft.notes}
        onValue={(v) => update({ ...draft, notes: v })} />
      <Button onClick={() => {
        outbox.enqueue({
          org, intake: card.id,
          record: { id: outbox.newRecordId(), contacted_at_ms: draft.contacted_at_ms, steps: draft.steps,
            step_notes: draft.step_notes, notes: draft.notes },
        });
        outbox.clearDraft(org, card.id);
        setDraft({ contacted_at_ms: Date.now(), steps: [], step_notes: {}, notes: '' });
        onSaved();
      }}>{t('log.save')}</Button>
    </div>
  );
}

function CardView({ org, id, onChanged }: { org: string; id: string; onChanged: () => void }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [card, setCard] = useState<WorkerCard | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    void getCard(org, id).then((r) => r.ok && setCard(r.value));
  }, [org, id, reload]);
  if (!card) return <p role="status">{t('loading')}</p>;
  return (
    <div class="my-card" data-testid="worker-card">
      <p><strong>{card.name}</strong>{card.employer && ` · ${card.employer}`}</p>
      {card.phone && <p><a class="my-call" href={`tel:${card.phone}`} data-testid="tap-to-call">{t('call', { phone: card.phone })}</a></p>}
      {card.email && <p>{card.email}{card.work_email && ` · ${t('workEmail')}`}</p>}
      {card.best_time && <p>{t('bestTime', { time: card.best_time })}</p>}
      {card.story && <blockquote class="my-story">{card.story}</blockquote>}
      {card.first_contact_at_ms !== null && (
        <p data-testid="first-contact">{t('firstContact', { at: formatDateTime(card.first_contact_at_ms, lang) })}</p>
      )}
      <ul class="my-logs">
        {card.conversations.map((c) => (
          <li key={c.id} data-testid="logged-conversation">
            {formatDateTime(c.contacted_at_ms, lang)} · {c.steps.map((s) => t(`steps.${s as 'intro'}`)).join(', ')}
            {c.notes && <p>{c.notes}</p>}
          </li>
        ))}
      </ul>
      <ConversationLog org={org} card={card} onSaved={() => { onChanged(); setReload((n) => n + 1); }} />
    </div>
  );
}

export function MyPage() {
  const t = useMessages(messages);
  const lang = useLanguage();
  const session = useSession();
  const org = session?.org.slug ?? '';
  const [rows, setRows] = useState<MyIntake[] | null>(null);
  const [notes, setNotes] = useState<Notification[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [declining, setDeclining] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reload, setReload] = useState(0);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const box = useOutbox(refresh);
  useEffect(() => {
    if (!org) return;
    void listMine(org).then((r) => {
      if (r.ok) {
        setRows(r.value.intakes);
        setNotes(r.value.notifications);
      } else if (r.problem.status !== 0) setProblem(r.problem);
    });
  }, [org, reload]);
  const errKey = problem ? errorKey(messages.en.errors, problem) : 'generic';
  return (
    <Page title={t('title')} lead={t('lead')}>
      {box.count > 0 && <p class="my-chip" role="status" data-testid="pending-chip">{t('pending', { count: box.count })}</p>}
      {box.count === 0 && <p class="my-chip my-chip--ok" role="status" data-testid="synced-chip">{t('synced')}</p>}
      {box.refused && <Banner tone="error" title={t('errors.refused')} />}
      {problem && <Banner tone="error" title={t(`errors.${errKey}`)} />}
      {notes.length > 0 && (
        <Card title={t('notifications.title')}>
          <ul class="my-notes" data-testid="notifications">
            {notes.slice(0, 5).map((n) => (
              <li key={n.id} data-kind={n.kind}>{t(`notifications.${n.kind as 'assigned'}`)} · {formatDateTime(n.created_at_ms, lang)}</li>
            ))}
          </ul>
        </Card>
      )}
      {rows && rows.length === 0 && <p role="status">{t('empty')}</p>}
      <ul class="my-list">
        {(rows ?? []).map((i) => (
          <li key={i.id} class="my-row" data-testid="my-intake" data-id={i.id}>
            <p><strong>{i.name}</strong> · {[i.city, i.language, i.industry].filter(Boolean).join(' · ')}</p>
            <p>{t('due', { at: formatDateTime(i.first_contact_due_at_ms, lang) })}</p>
            {i.accepted_at_ms === null ? (
              <div class="my-actions">
                <Button onClick={async () => {
                  const r = await accept(org, i.id);
                  if (r.ok) {
                    setOpen(i.id);
                    refresh();
                  } else setProblem(r.problem);
                }}>{t('accept')}</Button>
                <Button variant="secondary" onClick={() => setDeclining(i.id)}>{t('decline')}</Button>
                {declining === i.id && (
                  <div class="my-decline">
                    <TextField name="reason" label={t('declineReason')} maxLength={500} value={reason} onValue={setReason} />
                    <Button disabled={!reason.trim()} onClick={async () => {
                      const r = await decline(org, i.id, reason.trim());
                      setDeclining(null);
                      setReason('');
                      if (!r.ok) setProblem(r.problem);
                      refresh();
                    }}>{t('declineConfirm')}</Button>
                  </div>
                )}
              </div>
            ) : (
              open === i.id ? <CardView org={org} id={i.id} onChanged={() => void box.run()} /> : (
                <Button variant="secondary" onClick={() => setOpen(i.id)}>{t('open')}</Button>
              )
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
