// SPDX-License-Identifier: AGPL-3.0-or-later
// /me/devices: the person's signed-in devices, "this device" marked, a sign
// out per other device; and new recovery codes (needs a step-up).
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { RecoveryCodes } from '../../setup/components/RecoveryCodes';
import { Banner, Button, Card, Page } from '../../ui';
import { listDevices, regenerateRecoveryCodes, signOutDevice, type Device } from '../api';
import { messages } from '../l10n/messages';
import '../me.css';

export function DevicesPage() {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [making, setMaking] = useState(false);

  const load = async (signal?: AbortSignal) => {
    const result = await listDevices(signal);
    if (signal?.aborted) return;
    if (result.ok) setDevices(result.value.devices);
    else setProblem(result.problem);
  };

  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, []);

  const signOut = async (d: Device) => {
    if (busyId) return;
    setBusyId(d.id);
    setProblem(null);
    setNotice(null);
    const result = await signOutDevice(d.id);
    setBusyId(null);
    if (result.ok || result.problem.status === 404) {
      setNotice(result.ok ? t('devices.signedOut') : t('errors.not_found'));
      setDevices((list) => (list ? list.filter((x) => x.id !== d.id) : list));
    } else {
      setProblem(result.problem);
    }
  };

  const regenerate = async () => {
    if (making) return;
    setMaking(true);
    setProblem(null);
    setNotice(null);
    const result = await regenerateRecoveryCodes();
    setMaking(false);
    if (result.ok) setCodes(result.value.recovery_codes);
    else setProblem(result.problem);
  };

  const sorted = devices ? [...devices].sort((a, b) => Number(b.current) - Number(a.current)) : null;

  return (
    <Page title={t('devices.title')} lead={t('devices.lead')}>
      {problem && (
        <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
      )}
      {notice && <Banner tone="success" title={notice} />}
      {!sorted && !problem && <p role="status">{t('devices.loading')}</p>}
      {sorted && (
        <ul class="me-devices" aria-label={t('devices.listLabel')}>
          {sorted.map((d) => (
            <li key={d.id} class="me-device hs-card" data-current={d.current ? 'true' : undefined}>
              <p class="me-device__label">
                <span>{d.label || t('devices.unknownDevice')}</span>
                {d.current && <span class="me-badge">{t('devices.thisDevice')}</span>}
              </p>
              <p class="me-device__meta">{t('devices.since', { time: formatDateTime(d.created_at, lang) })}</p>
              {d.last_seen_at && (
                <p class="me-device__meta">{t('devices.lastSeen', { time: formatDateTime(d.last_seen_at, lang) })}</p>
              )}
              {!d.current && (
                <Button variant="secondary" disabled={busyId === d.id} onClick={() => void signOut(d)}>
                  {busyId === d.id ? t('devices.signingOut') : t('devices.signOut')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sorted && sorted.every((d) => d.current) && <p class="hs-muted">{t('devices.none')}</p>}
      {codes ? (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            setNotice(t('recovery.done'));
          }}
        />
      ) : (
        <Card title={t('recovery.title')}>
          <p>{t('recovery.body')}</p>
          <Button variant="secondary" disabled={making} onClick={() => void regenerate()}>
            {making ? t('recovery.working') : t('recovery.regenerate')}
          </Button>
        </Card>
      )}
    </Page>
  );
}
