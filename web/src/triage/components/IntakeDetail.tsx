// SPDX-License-Identifier: AGPL-3.0-or-later
// One request's details on the triage page (journeys J2.1-J2.3): what the
// worker wrote, how to reach them, its history (every step timestamped), and
// the pipeline steps a dispatcher takes (R22, docs/api.md "Intake"): mark
// triaged, record the first contact, mark assessed, send back to the queue
// (with a reason), refer, close (with a reason), reopen (with a reason), and
// open a campaign from a matched request. Finding and assigning an organizer
// is the matching feature's page (/intakes/:id/match), linked from here. The
// legal hold (R40) is shown to everyone and set or cleared by org admins only.
import type { ApiResult, Problem } from '../../http/client';
import { Link } from '../../app/router';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Actions, Banner, Button, buttonClass } from '../../ui';
import { decline, moveStage, openCampaign, setLegalHold, type Intake, type Stage } from '../api';
import { messages } from '../l10n/messages';

export interface DetailProps {
  org: string;
  intake: Intake;
  admin: boolean;
  /** Asks for a reason in a dialog, then runs `run` with it. */
  askReason: (title: string, confirm: string, run: (reason: string) => Promise<ApiResult<unknown>>) => void;
  /** A step finished (problem null when it worked): reload the request and the queue. */
  onDone: (problem: Problem | null) => void;
  onClose: () => void;
}

const kCanMatch: Stage[] = ['new', 'triaged'];
const kCanOpenCampaign: Stage[] = ['matched', 'first_contact', 'assessed'];
const kCanRefer: Stage[] = ['triaged', 'matched', 'first_contact', 'assessed'];
const kFinal: Stage[] = ['campaign_opened', 'referred', 'closed'];

export function IntakeDetail({ org, intake: d, admin, askReason, onDone, onClose }: DetailProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const step = async (r: Promise<ApiResult<unknown>>) => {
    const res = await r;
    onDone(res.ok ? null : res.problem);
  };
  return (
    <div data-testid="intake-detail" data-stage={d.stage}>
      <p data-testid="intake-stage">{t('detail.stage', { stage: t(`stage.${d.stage}`) })}</p>
      {d.legal_hold && (
        <Banner tone="warning" title={t('hold')}>
          <p data-testid="hold-status">{t('detail.holdReason', { reason: d.legal_hold_reason })}</p>
        </Banner>
      )}
      {d.campaign_id && (
        <p>
          <Link href={`/campaigns/${encodeURIComponent(d.campaign_id)}`} class={buttonClass('primary')}
            data-testid="campaign-link">{t('detail.toCampaign')}</Link>
        </p>
      )}
      <h3>{t('detail.story')}</h3>
      <p class="triage-story">{d.story}</p>
      <h3>{t('detail.contact')}</h3>
      <p>{[d.phone, d.email, d.best_time].filter(Boolean).join(' · ')}</p>
      <h3>{t('detail.workplace')}</h3>
      <p>{[d.employer, d.city, d.zip, d.size_band].filter(Boolean).join(' · ')}</p>
      {d.purge_after_ms && !d.legal_hold && <p>{t('detail.purge', { date: formatDateTime(d.purge_after_ms, lang) })}</p>}
      <h3>{t('detail.history')}</h3>
      <ol class="triage-history">
        {(d.events ?? []).map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <time dateTime={new Date(e.at_ms).toISOString()}>{formatDateTime(e.at_ms, lang)}</time>
            {' · '}{t(`event.${e.kind as keyof typeof messages.en.event}`)}
            {e.to_stage ? ` → ${t(`stage.${e.to_stage as Stage}`)}` : ''}
            {e.note ? ` · ${e.note}` : ''}
          </li>
        ))}
      </ol>
      <div class="triage-steps">
        {d.stage === 'new' && <Button onClick={() => void step(moveStage(org, d, 'triaged', ''))}>{t('actions.triaged')}</Button>}
        {kCanMatch.includes(d.stage) && !d.spam && (
          // The matching feature's page: rank organizers, assign one.
          <Link href={`/intakes/${encodeURIComponent(d.id)}/match`} class={buttonClass('primary')}
            data-testid="match-link">{t('actions.match')}</Link>
        )}
        {d.stage === 'matched' && (
          <Button onClick={() => void step(moveStage(org, d, 'first_contact', ''))}>{t('actions.firstContact')}</Button>
        )}
        {d.stage === 'first_contact' && (
          <Button onClick={() => void step(moveStage(org, d, 'assessed', ''))}>{t('actions.assessed')}</Button>
        )}
        {kCanOpenCampaign.includes(d.stage) && (
          <Button onClick={() => void step(openCampaign(org, d))}>{t('actions.openCampaign')}</Button>
        )}
        {d.stage === 'matched' && (
          <Button variant="secondary" onClick={() =>
            askReason(t('declineDialog.title'), t('declineDialog.confirm'), (reason) => decline(org, d, reason))}>
            {t('actions.decline')}
          </Button>
        )}
        {kCanRefer.includes(d.stage) && (
          <Button variant="secondary" onClick={() =>
            askReason(t('referDialog.title'), t('referDialog.confirm'), (reason) => moveStage(org, d, 'referred', reason))}>
            {t('actions.refer')}
          </Button>
        )}
        {!kFinal.includes(d.stage) && (
          <Button variant="secondary" onClick={() =>
            askReason(t('closeDialog.title'), t('closeDialog.confirm'), (reason) => moveStage(org, d, 'closed', reason))}>
            {t('actions.close')}
          </Button>
        )}
        {d.stage === 'closed' && (
          <Button variant="secondary" onClick={() =>
            askReason(t('reopenDialog.title'), t('reopenDialog.confirm'), (reason) => moveStage(org, d, 'triaged', reason))}>
            {t('actions.reopen')}
          </Button>
        )}
        {admin && !d.legal_hold && (
          <Button variant="secondary" onClick={() =>
            askReason(t('holdDialog.title'), t('holdDialog.confirm'), (reason) => setLegalHold(org, d, true, reason))}>
            {t('actions.hold')}
          </Button>
        )}
        {admin && d.legal_hold && (
          <Button variant="secondary" onClick={() => void step(setLegalHold(org, d, false, ''))}>{t('actions.unhold')}</Button>
        )}
      </div>
      <Actions>
        <Button variant="secondary" onClick={onClose}>{t('detail.close')}</Button>
      </Actions>
    </div>
  );
}
