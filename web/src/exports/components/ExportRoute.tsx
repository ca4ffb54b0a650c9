// SPDX-License-Identifier: AGPL-3.0-or-later
// The /people/export route: checks who may export, then loads the export
// page's code on demand, so the bundle every phone downloads first does not
// carry it (the 150 KB page budget). A failed load offers to try again.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NoAccess } from '../../app/components/NoAccess';
import { useSession } from '../../auth/state';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Page } from '../../ui';
import { mayExport } from '../access';
import { messages } from '../l10n/messages';

type Loaded = { page: ComponentType } | 'loading' | 'failed';

export function ExportRoute() {
  const session = useSession();
  if (!mayExport(session?.roles)) return <NoAccess />;
  return <Loader />;
}

function Loader() {
  const t = useMessages(messages);
  const [loaded, setLoaded] = useState<Loaded>('loading');
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoaded('loading');
    import('./ExportPage').then(
      (m) => live && setLoaded({ page: m.ExportPage }),
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
        <p>
          <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </Button>
        </p>
      </Page>
    );
  }
  const Page_ = loaded.page;
  return <Page_ />;
}
