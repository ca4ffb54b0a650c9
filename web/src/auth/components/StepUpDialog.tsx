// SPDX-License-Identifier: AGPL-3.0-or-later
// Step-up: when an API call answers 401 step_up_required (exports, grants,
// invitations, erasure, new recovery codes), this dialog asks for the
// password and a code, POSTs /api/session/step-up, and the client retries
// the original call once (http/client.ts). Mounted once, in the shell.
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { setStepUpHandler, type Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Actions, Banner, Button, Dialog, TextField } from '../../ui';
import { stepUp } from '../api';
import { messages } from '../l10n/messages';
import { kMaxPasswordLength, normalizeCode } from './codes';

export function StepUpDialog() {
  const t = useMessages(messages);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Everyone waiting for this step-up (concurrent calls share one dialog).
  const waiting = useRef<((ok: boolean) => void)[]>([]);

  useEffect(() => {
    setStepUpHandler(
      () =>
        new Promise<boolean>((resolve) => {
          waiting.current.push(resolve);
          setOpen(true);
        }),
    );
    return () => setStepUpHandler(null);
  }, []);

  const finish = (ok: boolean) => {
    const resolvers = waiting.current;
    waiting.current = [];
    setOpen(false);
    setPassword('');
    setCode('');
    setProblem(null);
    for (const r of resolvers) r(ok);
  };

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const result = await stepUp(password, normalizeCode(code));
    setBusy(false);
    if (result.ok) {
      finish(true);
      return;
    }
    setCode('');
    if (result.problem.code === 'invalid_credentials') setPassword('');
    setProblem(result.problem);
  };

  return (
    <Dialog open={open} title={t('stepUp.title')} onClose={() => finish(false)}>
      <form class="hs-stack" onSubmit={submit}>
        <p>{t('stepUp.lead')}</p>
        {problem && (
          <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
        )}
        <TextField
          label={t('stepUp.password')}
          name="step-up-password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={kMaxPasswordLength}
          value={password}
          onValue={setPassword}
        />
        <TextField
          label={t('stepUp.code')}
          hint={t('code.hint')}
          name="step-up-code"
          autoComplete="one-time-code"
          required
          maxLength={32}
          value={code}
          onValue={setCode}
        />
        <Actions>
          <Button type="submit" disabled={busy}>
            {busy ? t('stepUp.submitting') : t('stepUp.submit')}
          </Button>
          <Button variant="quiet" onClick={() => finish(false)}>
            {t('stepUp.cancel')}
          </Button>
        </Actions>
      </form>
    </Dialog>
  );
}
