// SPDX-License-Identifier: AGPL-3.0-or-later
// The /triage route: loads the triage page's code on demand, so the public
// intake page and everyone else's first visit stay small (150 KB budget).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Page } from '../../ui';
import { messages } from '../l10n/messages';

type Loaded = { page: ComponentType } | 'loading' | 'failed';

export function TriageRoute() {
  const t = useMessages(messages);
  const [loaded, setLoaded] = useState<Loaded>('loading');
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoaded('loading');
    import('./TriagePage').then(
      (m) => live && setLoaded({ page: m.TriagePage }),
      () => live && setLoaded('failed'),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  if (loaded === 'loading') {
    return (
      <Page title={t('title')}>
        <p role="status">{t('loadingPage')}</p>
      </Page>
    );
  }
  if (loaded === 'failed') {
    return (
      <Page title={t('title')}>
        <Banner tone="error" title={t('errors.network')} />
        <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('retry')}
        </Button>
      </Page>
    );
  }
  const Loaded = loaded.page;
  return <Loaded />;
}
