// SPDX-License-Identifier: AGPL-3.0-or-later
// /invite#<token>: the token is read from the fragment (never sent in a URL),
// looked up (POST /api/invitations/lookup), and the invitee sets a password
// (POST /api/invitations/accept). The new session still needs two-factor,
// so the next screen is /setup/totp: no data before enrolment (J8.1).
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../../app/router';
import { messages as appMessages } from '../../app/l10n/messages';
import { kMaxPasswordLength, kMinPasswordLength, passwordLength } from '../../auth/components/codes';
import { setSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner, Button, Card, Page, TextField } from '../../ui';
import { acceptInvitation, lookupInvitation, type InvitationInfo } from '../api';
import { messages } from '../l10n/messages';

function tokenFromHash(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
}

type Lookup = { status: 'checking' } | { status: 'missing' } | { status: 'invalid' } | { status: 'error'; problem: Problem } | { status: 'ok'; info: InvitationInfo };

export function InvitePage() {
  const t = useMessages(messages);
  const tApp = useMessages(appMessages);
  const lang = useLanguage();
  const [token] = useState(tokenFromHash);
  const [lookup, setLookup] = useState<Lookup>(token ? { status: 'checking' } : { status: 'missing' });
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: 'password' | 'repeat'; text: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const check = async () => {
    if (!token) return;
    setLookup({ status: 'checking' });
    const result = await lookupInvitation(token);
    if (result.ok) setLookup({ status: 'ok', info: result.value });
    else if (result.problem.status === 404) setLookup({ status: 'invalid' });
    else setLookup({ status: 'error', problem: result.problem });
  };

  useEffect(() => {
    void check();
  }, []);

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    setFieldError(null);
    const length = passwordLength(password);
    if (length < kMinPasswordLength) return setFieldError({ field: 'password', text: t('tooShort') });
    if (length > kMaxPasswordLength) return setFieldError({ field: 'password', text: t('tooLong') });
    if (password !== repeat) return setFieldError({ field: 'repeat', text: t('mismatch') });
    setBusy(true);
    const result = await acceptInvitation(token, password);
    setBusy(false);
    if (result.ok) {
      setPassword('');
      setRepeat('');
      setSession(result.value);
      navigate('/setup/totp', { replace: true }); // drops the token from the address bar
      return;
    }
    const p = result.problem;
    if (p.status === 404) {
      setLookup({ status: 'invalid' });
      return;
    }
    if (p.status === 400) {
      setPassword('');
      setRepeat('');
      setFieldError({
        field: 'password',
        text: p.detail ? `${t('rejected')} ${t('serverSays', { detail: p.detail })}` : t('rejected'),
      });
      return;
    }
    setProblem(p);
  };

  if (lookup.status === 'missing') {
    return (
      <Page title={t('noToken.title')}>
        <p>{t('noToken.body')}</p>
      </Page>
    );
  }
  if (lookup.status === 'invalid') {
    return (
      <Page title={t('invalid.title')}>
        <p>{t('invalid.body')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('title')}>
      {lookup.status === 'checking' && <p role="status">{t('checking')}</p>}
      {lookup.status === 'error' && (
        <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, lookup.problem)}`, errorVars(lookup.problem))} />
      )}
      {lookup.status === 'ok' && (
        <>
          <Card>
            <p>{t('invited', { org: lookup.info.org_name, role: tApp(`roles.${lookup.info.role}`) })}</p>
            <p>{t('email', { email: lookup.info.email })}</p>
            <p class="hs-muted">{t('expires', { time: formatDateTime(lookup.info.expires_at, lang) })}</p>
            <p>{t('next')}</p>
          </Card>
          <form class="hs-stack" method="post" onSubmit={submit}>
            {problem && (
              <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
            )}
            <input type="email" name="username" autoComplete="username" value={lookup.info.email} hidden readOnly />
            <TextField
              label={t('password')}
              hint={t('rules')}
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              maxLength={kMaxPasswordLength}
              value={password}
              onValue={setPassword}
              error={fieldError?.field === 'password' ? fieldError.text : undefined}
            />
            <TextField
              label={t('repeat')}
              name="repeat-password"
              type="password"
              autoComplete="new-password"
              required
              maxLength={kMaxPasswordLength}
              value={repeat}
              onValue={setRepeat}
              error={fieldError?.field === 'repeat' ? fieldError.text : undefined}
            />
            <Button type="submit" block disabled={busy}>
              {busy ? t('submitting') : t('submit')}
            </Button>
          </form>
        </>
      )}
    </Page>
  );
}
