// SPDX-License-Identifier: AGPL-3.0-or-later
// "Talk with an organizer" (journeys J1.1, J1.2): the public request form at
// /talk/<org>. No login. What the worker types is kept in this tab's
// storage until the request lands (draft.ts), so a dropped connection or a
// reload loses nothing; the proof of work is solved here before sending
// (pow.ts); a double tap sends one request (the button is disabled while
// sending and every attempt carries the same submission id). Never a field
// for immigration status, country of birth or SSN (R41).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { currentPath } from '../../app/router';
import type { Problem } from '../../http/client';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorVars } from '../../i18n/problems';
import { Banner, Button, Card, Checkbox, Page, Select, TextArea, TextField } from '../../ui';
import { getChallenge, sendRequest, type SolvedChallenge } from '../api';
import { clearDraft, emptyDraft, loadDraft, saveDraft, type Draft } from '../draft';
import { messages } from '../l10n/messages';
import { solvePow } from '../pow';
import { checkWorkEmail } from '../workEmail';
import '../intake.css';

const kConsentVersion = '2026-12-v1';
const kIndustries = [
  'hotels', 'restaurants', 'retail', 'warehouses', 'delivery', 'healthcare', 'cleaning', 'construction',
  'manufacturing', 'education', 'office', 'public_sector', 'other',
] as const;
const kSizeBands = ['1-10', '11-50', '51-200', '201-500', '500+'] as const;

type Phase = 'editing' | 'sending' | 'offline' | 'sent';
type FieldErrors = Partial<Record<'name' | 'phone' | 'email' | 'zip' | 'consent', string>>;

/** The org's short name from /talk/<org>. */
export function orgFromPath(path: string): string {
  return decodeURIComponent(path.replace(/\/+$/, '').split('/')[2] ?? '');
}

export function IntakePage() {
  const org = orgFromPath(currentPath());
  // /talk alone: no organization to write to, said at once (not after Send).
  return org ? <IntakeForm org={org} /> : <NoOrg />;
}

function NoOrg() {
  const t = useMessages(messages);
  return (
    <Page title={t('noOrg.title')}>
      <div data-testid="intake-no-org">
        <p>{t('noOrg.body')}</p>
      </div>
    </Page>
  );
}

function IntakeForm({ org }: { org: string }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(org) ?? emptyDraft(lang));
  const [phase, setPhase] = useState<Phase>('editing');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const solved = useRef<SolvedChallenge | null>(null);
  const sending = useRef(false);
  const honeypot = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (phase !== 'sent') saveDraft(org, draft);
  }, [org, draft, phase]);

  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const workEmail = useMemo(
    () => (draft.email.includes('@') ? checkWorkEmail(draft.email, draft.employer, draft.employerWebsite) : 'personal'),
    [draft.email, draft.employer, draft.employerWebsite],
  );

  function validate(): FieldErrors {
    const e: FieldErrors = {};
    if (!draft.name.trim()) e.name = t('errors.name');
    if (!draft.phone.trim() && !draft.email.trim()) e.phone = t('errors.contact');
    if (draft.zip.trim() && !/^\d{5}(-\d{4})?$/.test(draft.zip.trim())) e.zip = t('errors.zip');
    if (!draft.consent) e.consent = t('errors.consent');
    return e;
  }

  async function submit() {
    if (sending.current) return; // a double tap sends once
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    sending.current = true;
    setPhase('sending');
    setProblem(null);
    try {
      let pow = solved.current;
      if (!pow || pow.expires_at_ms < Date.now() + 60_000) {
        const c = await getChallenge(org);
        if (!c.ok) return fail(c.problem);
        const number = await solvePow(c.value.salt, c.value.bits);
        const { consent_version: _v, ...challenge } = c.value;
        pow = { ...challenge, number };
        solved.current = pow;
      }
      const r = await sendRequest(org, {
        submission_id: draft.submissionId,
        name: draft.name.trim(),
        phone: draft.phone.trim(),
        email: draft.email.trim(),
        employer: draft.employer.trim(),
        employer_website: draft.employerWebsite.trim(),
        city: draft.city.trim(),
        zip: draft.zip.trim(),
        industry: draft.industry,
        size_band: draft.sizeBand,
        story: draft.story,
        language: draft.language,
        best_time: draft.bestTime.trim(),
        consent: draft.consent,
        consent_version: kConsentVersion,
        website: honeypot.current?.value ?? '',
        pow,
      });
      if (!r.ok) return fail(r.problem);
      clearDraft(org);
      solved.current = null;
      setPhase('sent');
    } finally {
      sending.current = false;
    }
  }

  function fail(p: Problem) {
    if (p.status === 0) {
      setPhase('offline');
      return;
    }
    if (p.field === 'pow') solved.current = null;
    const field = p.field as keyof FieldErrors | undefined;
    if (field && ['name', 'phone', 'email', 'zip', 'consent'].includes(field)) {
      setErrors({ [field]: t(`errors.${field}`) });
    } else {
      setProblem(p);
    }
    setPhase('editing');
  }

  if (phase === 'sent') {
    return (
      <Page title={t('done.title')}>
        <div data-testid="intake-done">
          <Banner tone="success" title={t('done.sla')} />
          <Card title={t('done.nextTitle')}>
            <ol class="intake-next">
              <li>{t('done.next1')}</li>
              <li>{t('done.next2')}</li>
              <li>{t('done.next3')}</li>
            </ol>
          </Card>
          <Card title={t('done.stopTitle')}>
            <p>{t('done.stop')}</p>
          </Card>
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(emptyDraft(lang));
              setPhase('editing');
            }}
          >
            {t('done.again')}
          </Button>
        </div>
      </Page>
    );
  }

  const problemKey =
    problem && ['rate_limited', 'not_found'].includes(problem.code)
      ? (problem.code as 'rate_limited' | 'not_found')
      : problem?.field === 'pow'
        ? 'pow'
        : 'generic';
  const busy = phase === 'sending';
  const none = { value: '', label: t('choices.none') };

  return (
    <Page title={t('title')} lead={t('lead')}>
      <p class="intake-privacy">{t('privacy')}</p>
      {phase === 'offline' && (
        <div data-testid="intake-offline">
          <Banner tone="warning" title={t('offline.title')}>
            <p>{t('offline.body')}</p>
            <Button onClick={() => void submit()}>{t('offline.retry')}</Button>
          </Banner>
        </div>
      )}
      {problem && <Banner tone="error" title={t(`errors.${problemKey}`, errorVars(problem))} />}
      <form
        class="intake-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label={t('fields.name')} hint={t('fields.nameHint')} name="name" autoComplete="nickname"
          maxLength={200} value={draft.name} onValue={set('name')} error={errors.name} />
        <TextField label={t('fields.phone')} hint={t('fields.phoneHint')} name="phone" type="tel" inputMode="tel"
          autoComplete="tel" maxLength={40} value={draft.phone} onValue={set('phone')} error={errors.phone} />
        <TextField label={t('fields.email')} hint={t('fields.emailHint')} name="email" type="email"
          inputMode="email" autoComplete="email" maxLength={254} value={draft.email} onValue={set('email')}
          error={errors.email} />
        {workEmail !== 'personal' && (
          <p class="intake-warning" role="status" data-testid="work-email-warning">
            {t(workEmail === 'employer' ? 'workEmail.employer' : 'workEmail.workLike')}
          </p>
        )}
        <TextField label={t('fields.bestTime')} hint={t('fields.bestTimeHint')} name="best_time" maxLength={200}
          value={draft.bestTime} onValue={set('bestTime')} />
        <TextField label={t('fields.employer')} name="employer" autoComplete="organization" maxLength={200}
          value={draft.employer} onValue={set('employer')} />
        <TextField label={t('fields.employerWebsite')} name="employer_website" type="url" inputMode="url"
          maxLength={200} value={draft.employerWebsite} onValue={set('employerWebsite')} />
        <TextField label={t('fields.city')} name="city" maxLength={100} value={draft.city} onValue={set('city')} />
        <TextField label={t('fields.zip')} name="zip" inputMode="numeric" autoComplete="postal-code" maxLength={10}
          value={draft.zip} onValue={set('zip')} error={errors.zip} />
        <Select label={t('fields.industry')} name="industry" value={draft.industry} onValue={set('industry')}
          options={[none, ...kIndustries.map((v) => ({ value: v, label: t(`choices.industry.${v}`) }))]} />
        <Select label={t('fields.sizeBand')} name="size_band" value={draft.sizeBand} onValue={set('sizeBand')}
          options={[none, ...kSizeBands.map((v) => ({ value: v, label: t(`choices.sizeBand.${v}`) }))]} />
        <TextArea label={t('fields.story')} hint={t('fields.storyHint')} name="story" maxLength={6000}
          value={draft.story} onValue={set('story')} />
        <Select label={t('fields.language')} name="language" value={draft.language} onValue={set('language')}
          options={(['es', 'en'] as const).map((v) => ({ value: v, label: t(`choices.language.${v}`) }))} />
        <div class="intake-trap" aria-hidden="true">
          <label>
            {t('fields.honeypot')}
            <input ref={honeypot} name="website" tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        <Card title={t('consent.title')}>
          <p>{t('consent.body')}</p>
          <Checkbox label={t('consent.agree')} name="consent" checked={draft.consent} onChecked={set('consent')} />
          {errors.consent && <p class="hs-field__error">{errors.consent}</p>}
        </Card>
        <p class="intake-saved">{t('saved')}</p>
        <Button type="submit" block disabled={busy}>
          {busy ? t('sending') : t('send')}
        </Button>
      </form>
    </Page>
  );
}
