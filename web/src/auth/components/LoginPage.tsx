// SPDX-License-Identifier: AGPL-3.0-or-later
// Sign-in form. Posts email + password to /api/session; when the server
// answers 401 totp_required it asks for a code (TOTP or recovery code) and
// sends all three again. On success the session state routes on: to the
// setup pages while `needs` is not empty, else to where the person was going
// or their landing page. Errors are shown in the reader's language.
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner, Button, Page, TextField } from '../../ui';
import { login } from '../api';
import { rememberOneTimePassword, setSession } from '../state';
import { messages } from '../l10n/messages';
import { kMaxPasswordLength, normalizeCode } from './codes';

type Step = 'password' | 'code';

export function LoginPage() {
  const t = useMessages(messages);
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const codeBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (step === 'code') codeBox.current?.querySelector('input')?.focus();
  }, [step]);

  const restart = () => {
    setStep('password');
    setPassword('');
    setCode('');
    setProblem(null);
  };

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return; // a double tap sends one request
    setBusy(true);
    setProblem(null);
    const result = await login({
      email: email.trim(),
      password,
      ...(step === 'code' ? { code: normalizeCode(code) } : {}),
    });
    setBusy(false);
    if (result.ok) {
      const session = result.value;
      // Held in memory only, so "set your own password" needn't ask again.
      rememberOneTimePassword(session.needs.includes('password') ? password : null);
      setPassword('');
      setCode('');
      setSession(session); // the guard in App.tsx routes on
      return;
    }
    const p = result.problem;
    if (p.code === 'totp_required') {
      setStep('code');
      return;
    }
    setCode('');
    if (p.code === 'totp_invalid' || p.code === 'totp_replayed') {
      setProblem(p);
      return;
    }
    if (p.code !== 'rate_limited' && p.code !== 'network' && p.code !== 'unavailable') {
      setStep('password');
      setPassword('');
    }
    setProblem(p);
  };

  return (
    <Page title={t('login.title')} lead={t('login.lead')}>
      <form class="hs-stack" method="post" onSubmit={submit}>
        {problem && (
          <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
        )}
        <TextField
          label={t('login.email')}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          disabled={step === 'code'}
          value={email}
          onValue={setEmail}
        />
        {step === 'password' ? (
          <TextField
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={kMaxPasswordLength}
            value={password}
            onValue={setPassword}
          />
        ) : (
          <div class="hs-stack" ref={codeBox}>
            {!problem && <Banner tone="info" title={t('login.codeNeeded')} />}
            <TextField
              label={t('login.code')}
              hint={t('code.hint')}
              name="code"
              autoComplete="one-time-code"
              required
              maxLength={32}
              value={code}
              onValue={setCode}
            />
          </div>
        )}
        <Button type="submit" block disabled={busy}>
          {busy ? t('login.submitting') : step === 'code' ? t('login.submitCode') : t('login.submit')}
        </Button>
        {step === 'code' && (
          <Button variant="quiet" block onClick={restart}>
            {t('login.otherAccount')}
          </Button>
        )}
      </form>
    </Page>
  );
}
