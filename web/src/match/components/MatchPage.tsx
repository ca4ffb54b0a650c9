// SPDX-License-Identifier: AGPL-3.0-or-later
// /intakes/<intake>/match and /match/<intake> (journeys J2.1 match part, J2.2, J2.3): the organizers
// ranked for one request, each with its reasons ("habla es · 8 km · hotels
// · 1/3 campaigns · charting ✓"), greyed ones with why; one click assigns.
// Re-matching after a decline is the same page: open, assign. Below, the
// referral to a partner org with the worker's recorded consent.
import { useEffect, useState } from 'preact/hooks';
import { usePath } from '../../app/router';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { type Translate, useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey } from '../../i18n/problems';
import { Banner, Button, Card, Checkbox, Page, Select } from '../../ui';
import {
  assign, getPartners, getRanking, getReferrals, offerReferral, withdrawReferral,
  type OutgoingReferral, type Partner, type Ranking, type Reason,
} from '../api';
import { messages } from '../l10n/messages';
import '../match.css';

const kFields = ['name', 'phone', 'email', 'language', 'best_time', 'employer', 'city', 'zip', 'industry', 'size_band',
  'story'] as const;
const kChannels = ['in_person', 'phone', 'text', 'email', 'web_form'] as const;

export function reasonText(t: Translate<(typeof messages)['en']>, r: Reason): string {
  const vars = { text: r.text ?? '', km: r.km ?? 0, limit_km: r.limit_km ?? 0, count: r.count ?? 0, limit: r.limit ?? 0 };
  return t(`reason.${r.code as keyof (typeof messages)['en']['reason']}`, vars);
}

function Referrals({ org, intake }: { org: string; intake: string }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [partners, setPartners] = useState<Partner[]>([]);
  const [list, setList] = useState<OutgoingReferral[]>([]);
  const [partner, setPartner] = useState('');
  const [channel, setChannel] = useState('phone');
  const [fields, setFields] = useState<string[]>([]);
  const [consent, setConsent] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    void getPartners(org).then((r) => r.ok && setPartners(r.value.partners.filter((p) => p.active)));
    void getReferrals(org, intake).then((r) => r.ok && setList(r.value.referrals));
  }, [org, intake, reload]);
  const active = partners.filter((p) => p.active);
  const errKey = problem ? errorKey(messages.en.errors, problem) : 'generic';
  return (
    <Card title={t('refer.title')}>
      <p>{t('refer.lead')}</p>
      {problem && <Banner tone="error" title={t(`errors.${errKey}`)} />}
      {note && <Banner tone="success" title={note} />}
      {active.length === 0 ? <p>{t('refer.none')}</p> : (
        <div class="match-refer" data-testid="refer-form">
          <Select label={t('refer.partner')} name="partner" value={partner} onValue={setPartner}
            options={[{ value: '', label: '—' }, ...active.map((p) => ({ value: p.org_id, label: p.name }))]} />
          <Select label={t('refer.channel')} name="channel" value={channel} onValue={setChannel}
            options={kChannels.map((c) => ({ value: c, label: t(`refer.channels.${c}`) }))} />
          <fieldset class="match-fields">
            <legend>{t('refer.fields')}</legend>
            {kFields.map((f) => (
              <Checkbox key={f} name={`field-${f}`} label={t(`refer.field.${f}`)} checked={fields.includes(f)}
                onChecked={(on) => setFields((cur) => (on ? [...cur, f] : cur.filter((x) => x !== f)))} />
            ))}
          </fieldset>
          <Checkbox name="consent" label={t('refer.consent')} checked={consent} onChecked={setConsent} />
          <Button disabled={!consent || !partner || fields.length === 0} onClick={async () => {
            const r = await offerReferral(org, intake, partner, fields, channel);
            if (r.ok) {
              setNote(t('refer.sent', { name: r.value.partner_name }));
              setProblem(null);
              setConsent(false);
            } else setProblem(r.problem);
            setReload((n) => n + 1);
          }}>{t('refer.send')}</Button>
        </div>
      )}
      <ul class="match-history" data-testid="referrals">
        {list.map((r) => (
          <li key={r.id} data-testid="referral-row" data-state={r.state}>
            {t('refer.row', { name: r.partner_name, state: t(`refer.state.${r.state as 'offered'}`) })}
            {' · '}{formatDateTime(r.offered_at_ms, lang)}
            {(r.state === 'offered' || r.state === 'accepted') && (
              <Button variant="secondary" onClick={async () => {
                const w = await withdrawReferral(org, intake, r.id);
                setProblem(w.ok ? null : w.problem);
                setReload((n) => n + 1);
              }}>{t('refer.withdraw')}</Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function MatchPage() {
  const t = useMessages(messages);
  const lang = useLanguage();
  const session = useSession();
  const org = session?.org.slug ?? '';
  const intake = usePath().split('/')[2] ?? '';
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState('');
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (!org || !intake) return;
    void getRanking(org, intake).then((r) => (r.ok ? setRanking(r.value) : setProblem(r.problem)));
  }, [org, intake, reload]);
  const errKey = problem ? errorKey(messages.en.errors, problem) : 'generic';
  if (!ranking) {
    return (
      <Page title={t('title')}>
        {problem ? <Banner tone="error" title={t(`errors.${errKey}`)} /> : <p role="status">{t('loading')}</p>}
      </Page>
    );
  }
  const i = ranking.intake;
  return (
    <Page title={t('title')} lead={t('lead')}>
      {problem && <Banner tone="error" title={t(`errors.${errKey}`)} />}
      {done && <Banner tone="success" title={done} />}
      <p data-testid="match-request">{t('request', { city: i.city, language: i.language, industry: i.industry, size: i.size_band })}</p>
      <p data-testid="match-stage" data-stage={i.stage}>{t('stage', { stage: i.stage })}</p>
      <p>{t('summary', { assignable: ranking.assignable, total: ranking.total })}</p>
      <ul class="match-list">
        {ranking.organizers.map((o) => (
          <li key={o.user_id} class={`match-row${o.assignable ? '' : ' match-row--greyed'}`} data-testid="organizer-row"
            data-assignable={o.assignable ? 'yes' : 'no'} data-user={o.user_id}>
            <div class="match-row__head">
              <strong>{o.name}</strong>
              {!o.assignable && <span class="match-tag">{t('notAssignable')}</span>}
            </div>
            <p class="match-reasons" data-testid="reasons">
              {o.reasons.map((r) => (
                <span key={`${r.code}-${r.text ?? ''}`} class={`match-reason${r.blocks ? ' match-reason--blocks' : ''}`}
                  data-code={r.code}>{reasonText(t, r)}</span>
              ))}
            </p>
            {o.assignable && (
              <Button onClick={async () => {
                const r = await assign(org, intake, i.version, o.user_id);
                if (r.ok) {
                  setDone(t('assigned', { name: o.name }));
                  setProblem(null);
                } else setProblem(r.problem);
                setReload((n) => n + 1);
              }}>{t('assign')}</Button>
            )}
          </li>
        ))}
      </ul>
      {ranking.history.length > 0 && (
        <Card title={t('history.title')}>
          <ul class="match-history" data-testid="history">
            {ranking.history.map((h) => (
              <li key={h.id} data-kind={h.end_kind || 'open'}>
                {t('history.row', { name: h.organizer_name, kind: t(`history.${(h.end_kind || 'open') as 'open'}`) })}
                {' · '}{formatDateTime(h.assigned_at_ms, lang)}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Referrals org={org} intake={intake} />
    </Page>
  );
}
