// SPDX-License-Identifier: AGPL-3.0-or-later
// A small indicator of whether the server answers GET /healthz, checked once
// on load.
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { getHealth, type Health } from '../api';
import { messages } from '../l10n/messages';

export function HealthStatus() {
  const t = useMessages(messages);
  const [health, setHealth] = useState<Health | 'checking'>('checking');
  useEffect(() => {
    const abort = new AbortController();
    void getHealth(abort.signal).then((h) => {
      if (!abort.signal.aborted) setHealth(h);
    });
    return () => abort.abort();
  }, []);
  return (
    <p class={`app-health app-health--${health}`} role="status" data-health={health}>
      <span class="app-health__dot" aria-hidden="true" />
      {t(`health.${health}`)}
    </p>
  );
}
