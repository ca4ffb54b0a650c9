// SPDX-License-Identifier: AGPL-3.0-or-later
// The org's Cemex switch (R14 is contested law: off until an org admin turns
// it on). Shown to org admins only; the server refuses everyone else.
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { Button, Card } from '../../ui';
import { getElectionSettings, putElectionSettings, type ElectionSettings } from '../api';
import { messages } from '../l10n/messages';
import { ProblemBanner } from './common';

export function CemexSetting({ org, onChange }: { org: string; onChange: () => void }) {
  const t = useMessages(messages);
  const [s, setS] = useState<ElectionSettings | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    void getElectionSettings(org, abort.signal).then((r) => {
      if (!abort.signal.aborted && r.ok) setS(r.value);
    });
    return () => abort.abort();
  }, [org]);
  if (!s) return null;
  const flip = async () => {
    if (busy) return;
    setBusy(true);
    const r = await putElectionSettings(org, s, !s.cemex_enabled);
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      setS(r.value);
      onChange();
    } else setProblem(r.problem);
  };
  return (
    <Card title={t('cemexSetting.title')} level={2}>
      <p>{s.cemex_enabled ? t('cemexSetting.on') : t('cemexSetting.off')}</p>
      <ProblemBanner problem={problem} />
      <Button variant="quiet" disabled={busy} onClick={() => void flip()} data-testid="cemex-toggle">
        {s.cemex_enabled ? t('cemexSetting.turnOff') : t('cemexSetting.turnOn')}
      </Button>
    </Card>
  );
}
