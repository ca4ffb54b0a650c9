// SPDX-License-Identifier: AGPL-3.0-or-later
// Sign-in form. Posts to /api/session; on failure keeps the email, clears the
// password and shows the reason in the reader's language.
import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { navigate } from '../../app/router';
import type { MessageKey } from '../../i18n/messages';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Page, TextField } from '../../ui';
import { login } from '../api';
import { messages } from '../l10n/messages';

// Password length cap from the security model (ASVS 2.1.2: deny > 128).
const kMaxPasswordLength = 128;

type ErrorKey = MessageKey<(typeof messages)['en']['errors']>;
const kKnownErrors = new Set<string>(Object.keys(messages.en.errors));

export function LoginPage() {
  const t = useMessages(messages);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorKey | null>(null);

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return; // a double tap sends one request
    setBusy(true);
    setError(null);
    const result = await login({ email: email.trim(), password });
    setBusy(false);
    if (result.ok) {
      navigate('/my');
      return;
    }
    setPassword('');
    const code = result.problem.code;
    setError(kKnownErrors.has(code) ? (code as ErrorKey) : 'generic');
  };

  return (
    <Page title={t('login.title')} lead={t('login.lead')}>
      <form class="hs-stack" method="post" onSubmit={submit}>
        {error && <Banner tone="error" title={t(`errors.${error}`)} />}
        <TextField
          label={t('login.email')}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onValue={setEmail}
        />
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
        <Button type="submit" block disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </Button>
      </form>
    </Page>
  );
}
