// SPDX-License-Identifier: AGPL-3.0-or-later
// The app shell: skip link, header, the current route's screen, footer.
// Holds the language (re-rendering every translated component when it
// changes, without remounting them) and the current path, and guards routes
// by session (routes.tsx `access`).
import i18next from 'i18next';
import { useEffect, useRef, useState } from 'preact/hooks';
import { StepUpDialog } from '../auth/components/StepUpDialog';
import { isOrgAdmin, landingPath, loadSession, safeNext, setupPath, useSessionState } from '../auth/state';
import { currentLanguage, type Language } from '../i18n';
import { LanguageContext, useMessages } from '../i18n/hooks';
import { Banner, Button, Page } from '../ui';
import { Header } from './components/Header';
import { HealthStatus } from './components/HealthStatus';
import { NoAccess } from './components/NoAccess';
import { NotFound } from './components/NotFound';
import { Placeholder } from './components/Placeholder';
import { Redirect } from './components/Redirect';
import { messages } from './l10n/messages';
import { usePath } from './router';
import { isAdminPath, matchRoute, type Access } from './routes';

function Loading() {
  const t = useMessages(messages);
  return (
    <p class="app-loading" role="status">
      {t('session.loading')}
    </p>
  );
}

function Unreachable() {
  const t = useMessages(messages);
  return (
    <Page title={t('session.unreachableTitle')}>
      <Banner tone="error" title={t('session.unreachable')} />
      <p>
        <Button variant="secondary" onClick={() => void loadSession()}>
          {t('session.retry')}
        </Button>
      </p>
    </Page>
  );
}

function loginPath(path: string): string {
  return `/login?next=${encodeURIComponent(path)}`;
}

function Screen({ path }: { path: string }) {
  const state = useSessionState();
  const match = matchRoute(path);
  const route = match?.route;
  const session = state.status === 'signed-in' ? state.session : null;
  const admin = isAdminPath(path);
  const access: Access = route?.access ?? (admin ? 'admin' : 'public');

  if (access !== 'public' || path === '/' || path === '/login') {
    if (state.status === 'loading') return <Loading />;
    if (state.status === 'unreachable') return <Unreachable />;
  }
  // Anyone signed in who still has setup to do sees only the setup pages
  // (the server answers 403 setup_required to everything else anyway).
  if (session && access !== 'setup' && path !== '/invite') {
    const setup = setupPath(session.needs);
    if (setup) return <Redirect to={setup} />;
  }
  if (access !== 'public' && !session) return <Redirect to={loginPath(path)} />;
  if (access === 'admin' && !isOrgAdmin(session)) return <NoAccess />;
  if (path === '/login' && session) {
    const next = safeNext(new URLSearchParams(window.location.search).get('next'));
    return <Redirect to={next ?? landingPath(session)} />;
  }
  if (!route) return <NotFound />;
  if (route.component) {
    const Component = route.component;
    // Keyed by path: another id is a fresh screen, not a stale one.
    return <Component key={path} params={match?.params ?? {}} />;
  }
  return <Placeholder route={route} />;
}

function Shell() {
  const t = useMessages(messages);
  const path = usePath();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // The server is asked who is signed in on load and on every navigation:
    // a suspended or expired session ends at the next step (J8.2).
    void loadSession();
    // After an in-app navigation, move focus to the new content so screen
    // readers announce it (not on first load: the browser handles that).
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  return (
    <div class="app">
      <a class="app-skip" href="#main">
        {t('skipToContent')}
      </a>
      <Header path={path} />
      <main id="main" class="app-main" tabIndex={-1} ref={main}>
        <Screen path={path} />
      </main>
      <footer class="app-footer">
        <p class="app-footer__license">{t('footer.license')}</p>
        <HealthStatus />
      </footer>
      <StepUpDialog />
    </div>
  );
}

export function App() {
  const [lang, setLang] = useState<Language>(currentLanguage);
  useEffect(() => {
    const onChange = () => setLang(currentLanguage());
    i18next.on('languageChanged', onChange);
    return () => i18next.off('languageChanged', onChange);
  }, []);
  return (
    <LanguageContext.Provider value={lang}>
      <Shell />
    </LanguageContext.Provider>
  );
}
