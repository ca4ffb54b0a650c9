// SPDX-License-Identifier: AGPL-3.0-or-later
// /setup/totp: two-factor enrolment before any data is shown. Gets a pending
// secret (POST /api/me/totp/setup), shows its QR code as an <img> data URI
// (never injected markup) and the key in groups of 4, confirms the first
// code (POST /api/me/totp/confirm), then shows the 10 recovery codes once.
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Redirect } from '../../app/components/Redirect';
import { navigate } from '../../app/router';
import { normalizeCode } from '../../auth/components/codes';
import { landingPath, setSession, setupPath, useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner, Button, Page, TextField } from '../../ui';
import { confirmTotp, setupTotp, type TotpSetup } from '../api';
import { messages } from '../l10n/messages';
import '../setup.css';
import { RecoveryCodes } from './RecoveryCodes';

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP". */
export function groupSecret(secret: string): string {
  return (secret.replace(/[\s=]/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** The SVG as a data: URI for <img> (CSP img-src allows data:). */
export function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

export function SetupTotpPage() {
  const t = useMessages(messages);
  const session = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const started = useRef(false);

  const needsTotp = !!session?.needs.includes('totp');
  const needsPassword = !!session?.needs.includes('password');

  const start = async () => {
    setLoadProblem(null);
    const result = await setupTotp();
    if (result.ok) setSetup(result.value);
    else setLoadProblem(result.problem);
  };

  useEffect(() => {
    if (started.current || !needsTotp || needsPassword || codes) return;
    started.current = true;
    void start();
  }, [needsTotp, needsPassword, codes]);

  if (!session) return null;
  if (codes) {
    return (
      <Page title={t('recovery.title')}>
        <RecoveryCodes codes={codes} onDone={() => navigate(landingPath(session), { replace: true })} />
      </Page>
    );
  }
  if (needsPassword || !needsTotp) return <Redirect to={setupPath(session.needs) ?? landingPath(session)} />;

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const result = await confirmTotp(normalizeCode(code));
    setBusy(false);
    setCode('');
    if (result.ok) {
      setCodes(result.value.recovery_codes); // first, so the page stays on the codes
      setSession(result.value.session);
      return;
    }
    // A wrong first code may come back as 400 invalid_input on field "code".
    const p = result.problem;
    setProblem(p.status === 400 && (p.field === 'code' || !p.field) ? { ...p, code: 'totp_invalid' } : p);
  };

  return (
    <Page title={t('totp.title')} lead={t('totp.lead')}>
      {loadProblem && (
        <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, loadProblem)}`, errorVars(loadProblem))}>
          <Button variant="secondary" onClick={() => void start()}>
            {t('totp.retry')}
          </Button>
        </Banner>
      )}
      {!setup && !loadProblem && <p role="status">{t('totp.preparing')}</p>}
      {setup && (
        <div class="hs-stack">
          <ol class="setup-steps">
            <li>{t('totp.app')}</li>
            <li>
              <p>{t('totp.scan')}</p>
              <img class="setup-qr" src={svgDataUri(setup.qr_svg)} alt={t('totp.qr')} width={200} height={200} />
              <p>{t('totp.manual')}</p>
              <p class="setup-secret hs-mono" aria-label={t('totp.secretLabel')} data-testid="totp-secret">
                {groupSecret(setup.secret_base32)}
              </p>
            </li>
          </ol>
          <form class="hs-stack" method="post" onSubmit={submit}>
            {problem && (
              <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
            )}
            <TextField
              label={t('totp.code')}
              name="totp-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              maxLength={8}
              value={code}
              onValue={setCode}
            />
            <Button type="submit" block disabled={busy}>
              {busy ? t('totp.submitting') : t('totp.submit')}
            </Button>
          </form>
        </div>
      )}
    </Page>
  );
}
