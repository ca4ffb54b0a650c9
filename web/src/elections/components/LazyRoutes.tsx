// SPDX-License-Identifier: AGPL-3.0-or-later
// The /elections, /deadlines and /charges routes: load the pages' code on
// demand (the 150 KB first-visit budget, journeys.md), with a retry when
// the load fails.
import type { ComponentType } from 'preact';
import type { RouteProps } from '../../app/routes';
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Page } from '../../ui';
import { messages } from '../l10n/messages';

type Pages = typeof import('./pages');
type Loaded = { page: ComponentType<RouteProps> } | 'loading' | 'failed';

function Lazy({ pick, params }: { pick: (m: Pages) => ComponentType<RouteProps>; params?: RouteProps['params'] }) {
  const t = useMessages(messages);
  const [loaded, setLoaded] = useState<Loaded>('loading');
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoaded('loading');
    import('./pages').then(
      (m) => live && setLoaded({ page: pick(m) }),
      () => live && setLoaded('failed'),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  if (loaded === 'loading') {
    return (
      <Page title={t('common.chooseTitle')}>
        <p role="status">{t('common.loading')}</p>
      </Page>
    );
  }
  if (loaded === 'failed') {
    return (
      <Page title={t('common.chooseTitle')}>
        <Banner tone="error" title={t('errors.unavailable')} />
        <Button onClick={() => setAttempt((n) => n + 1)}>{t('common.retry')}</Button>
      </Page>
    );
  }
  const Loaded = loaded.page;
  return <Loaded params={params} />;
}

export function ElectionsRoute({ params }: RouteProps) {
  return <Lazy pick={(m) => m.ElectionsPage} params={params} />;
}
export function DeadlinesRoute({ params }: RouteProps) {
  return <Lazy pick={(m) => m.DeadlinesPage} params={params} />;
}
export function ChargesRoute({ params }: RouteProps) {
  return <Lazy pick={(m) => m.ChargesPage} params={params} />;
}
