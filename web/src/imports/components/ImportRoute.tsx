// SPDX-License-Identifier: AGPL-3.0-or-later
// The /people/import route: checks who may import, then loads the import
// page's code on demand. The wizard is only for org admins and org-wide
// staff organizers, so it is kept out of the bundle every phone downloads
// on its first visit (the 150 KB page budget, journeys.md: Rosa's prepaid
// phone). A failed load offers to try again.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NoAccess } from '../../app/components/NoAccess';
import { useSession } from '../../auth/state';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Page } from '../../ui';
import { mayImport } from '../access';
import { messages } from '../l10n/messages';

type Loaded = { page: ComponentType } | 'loading' | 'failed';

export function ImportRoute() {
  const session = useSession();
  if (!mayImport(session?.roles)) return <NoAccess />;
  return <Loader />;
}

function Loader() {
  const t = useMessages(messages);
  const [loaded, setLoaded] = useState<Loaded>('loading');
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoaded('loading');
    import('./ImportPage').then(
      (m) => live && setLoaded({ page: m.ImportPage }),
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
  const Loaded = loaded.page;
  return <Loaded />;
}
