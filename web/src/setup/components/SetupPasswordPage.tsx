// SPDX-License-Identifier: AGPL-3.0-or-later
// /setup/password: after signing in with a one-time password, the person
// chooses their own (12–128 characters, not a common password). The
// one-time password typed at sign-in is reused from memory; after a reload
// the page asks for it.
import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { Redirect } from '../../app/components/Redirect';
import { kMaxPasswordLength, kMinPasswordLength, passwordLength } from '../../auth/components/codes';
import { landingPath, rememberOneTimePassword, setSession, setupPath, takeOneTimePassword, useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner, Button, Page, TextField } from '../../ui';
import { changePassword } from '../api';
import { messages } from '../l10n/messages';

export function SetupPasswordPage() {
  const t = useMessages(messages);
  const session = useSession();
  const [remembered] = useState(() => takeOneTimePassword());
  const [current, setCurrent] = useState('');
  const [askCurrent, setAskCurrent] = useState(remembered === null);
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: 'current' | 'new' | 'repeat'; text: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  if (!session) return null; // the guard sends anonymous readers to /login
  if (!session.needs.includes('password')) return <Redirect to={setupPath(session.needs) ?? landingPath(session)} />;

  const total = session.needs.includes('totp') ? 2 : 1;

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    setFieldError(null);
    const length = passwordLength(next);
    if (length < kMinPasswordLength) return setFieldError({ field: 'new', text: t('password.tooShort') });
    if (length > kMaxPasswordLength) return setFieldError({ field: 'new', text: t('password.tooLong') });
    if (next !== repeat) return setFieldError({ field: 'repeat', text: t('password.mismatch') });
    const currentPassword = askCurrent ? current : (remembered ?? '');
    setBusy(true);
    const result = await changePassword(currentPassword, next);
    setBusy(false);
    if (result.ok) {
      rememberOneTimePassword(null);
      setSession(result.value); // the guard moves on to /setup/totp or home
      return;
    }
    const p = result.problem;
    if (p.code === 'invalid_credentials' || (p.status === 400 && p.field === 'current_password')) {
      setAskCurrent(true);
      setCurrent('');
      setFieldError({ field: 'current', text: t('errors.invalid_credentials') });
      return;
    }
    if (p.status === 400) {
      setNext('');
      setRepeat('');
      setFieldError({
        field: 'new',
        text: p.detail ? `${t('password.rejected')} ${t('password.serverSays', { detail: p.detail })}` : t('password.rejected'),
      });
      return;
    }
    setProblem(p);
  };

  return (
    <Page title={t('password.title')} lead={t('password.lead')}>
      <p class="hs-muted">{t('steps.label', { step: 1, total })}</p>
      <form class="hs-stack" method="post" onSubmit={submit}>
        {problem && (
          <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
        )}
        {/* A hidden username helps password managers save the right login. */}
        <input type="email" name="username" autoComplete="username" value={session.user.email} hidden readOnly />
        {askCurrent && (
          <TextField
            label={t('password.current')}
            hint={t('password.currentHint')}
            name="current-password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={kMaxPasswordLength}
            value={current}
            onValue={setCurrent}
            error={fieldError?.field === 'current' ? fieldError.text : undefined}
          />
        )}
        <TextField
          label={t('password.new')}
          hint={t('password.rules')}
          name="new-password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={kMaxPasswordLength}
          value={next}
          onValue={setNext}
          error={fieldError?.field === 'new' ? fieldError.text : undefined}
        />
        <TextField
          label={t('password.repeat')}
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
          {busy ? t('password.submitting') : t('password.submit')}
        </Button>
      </form>
    </Page>
  );
}
