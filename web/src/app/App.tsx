// SPDX-License-Identifier: AGPL-3.0-or-later
// The app shell: skip link, header, the current route's screen, footer.
// Holds the language (re-rendering every translated component when it
// changes, without remounting them) and the current path.
import i18next from 'i18next';
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLanguage, type Language } from '../i18n';
import { LanguageContext, useMessages } from '../i18n/hooks';
import { Header } from './components/Header';
import { HealthStatus } from './components/HealthStatus';
import { NotFound } from './components/NotFound';
import { Placeholder } from './components/Placeholder';
import { messages } from './l10n/messages';
import { usePath } from './router';
import { findRoute } from './routes';

function Screen({ path }: { path: string }) {
  const route = findRoute(path);
  if (!route) return <NotFound />;
  if (route.component) {
    const Component = route.component;
    return <Component />;
  }
  return <Placeholder route={route} />;
}

function Shell() {
  const t = useMessages(messages);
  const path = usePath();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
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
