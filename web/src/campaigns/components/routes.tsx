// SPDX-License-Identifier: AGPL-3.0-or-later
// The campaign workplace's routes as thin wrappers that load the screens'
// code on demand (one chunk for the whole workplace), so the bundle every
// phone downloads first stays small (the 150 KB page budget). A failed load
// offers to try again.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RouteProps } from '../../app/routes';
import { useMessages } from '../../i18n/hooks';
import { Banner, Button, Page } from '../../ui';
import { messages } from '../l10n/messages';

type Pages = typeof import('./pages');
type PageName = keyof Pages;

let pagesModule: Promise<Pages> | null = null;

function loadPages(): Promise<Pages> {
  pagesModule ??= import('./pages').catch((e: unknown) => {
    pagesModule = null;
    throw e;
  });
  return pagesModule;
}

function lazy(name: PageName): ComponentType<RouteProps> {
  return function LazyPage(props: RouteProps) {
    const t = useMessages(messages);
    const [page, setPage] = useState<ComponentType<RouteProps> | 'loading' | 'failed'>('loading');
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      let live = true;
      loadPages().then(
        (m) => live && setPage(() => m[name] as ComponentType<RouteProps>),
        () => live && setPage('failed'),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (page === 'loading') {
      return (
        <p class="app-loading" role="status">
          {t('loadingPage')}
        </p>
      );
    }
    if (page === 'failed') {
      return (
        <Page title={t('loadingPage')}>
          <Banner tone="error" title={t('errors.network')} />
          <p>
            <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t('retry')}
            </Button>
          </p>
        </Page>
      );
    }
    const Loaded = page;
    return <Loaded {...props} />;
  };
}

export const CampaignsRoute = lazy('CampaignsPage');
export const DashboardRoute = lazy('DashboardPage');
export const CommitteeRoute = lazy('CommitteePage');
export const ScalesRoute = lazy('ScalesPage');
export const ChartRoute = lazy('ChartPage');
export const CardsRoute = lazy('CardsPage');
export const CardSummaryRoute = lazy('CardSummaryPage');
export const TestsRoute = lazy('TestsPage');
export const ParticipationRoute = lazy('ParticipationPage');
export const PersonRoute = lazy('PersonPage');
export const RollupRoute = lazy('RollupPage');
export const MyUnitRoute = lazy('MyUnitPage');
export const UnitSetupRoute = lazy('UnitSetupPage');
