// SPDX-License-Identifier: AGPL-3.0-or-later
// Ten recovery codes, shown once: a print button and an "I saved them"
// checkbox that must be ticked before continuing. The codes live only in
// this component's memory.
import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { Actions, Button, Card, Checkbox } from '../../ui';
import { messages } from '../l10n/messages';

export interface RecoveryCodesProps {
  codes: readonly string[];
  onDone: () => void;
}

export function RecoveryCodes({ codes, onDone }: RecoveryCodesProps) {
  const t = useMessages(messages);
  const [saved, setSaved] = useState(false);
  return (
    <Card title={t('recovery.title')}>
      <div class="hs-stack">
        <p>{t('recovery.lead')}</p>
        <ol class="setup-codes hs-mono" aria-label={t('recovery.listLabel')} data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c} class="setup-codes__code">
              {c}
            </li>
          ))}
        </ol>
        <div class="hs-no-print hs-stack">
          <Actions>
            <Button variant="secondary" onClick={() => window.print()}>
              {t('recovery.print')}
            </Button>
          </Actions>
          <Checkbox name="codes-saved" label={t('recovery.saved')} checked={saved} onChecked={setSaved} />
          <Button block disabled={!saved} onClick={onDone}>
            {t('recovery.continue')}
          </Button>
        </div>
      </div>
    </Card>
  );
}
