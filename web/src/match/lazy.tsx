// SPDX-License-Identifier: AGPL-3.0-or-later
// Loads a page's code on first visit (the matching, organizer, referral and
// movement pages), so the public intake page and everyone's first visit
// stay within the 150 KB budget.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../i18n/hooks';
import { Banner, Button, Page } from '../ui';
import { messages } from './l10n/messages';

type Loaded = { page: ComponentType } | 'loading' | 'failed';

export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  return function LazyPage() {
    const t = useMessages(messages);
    const [loaded, setLoaded] = useState<Loaded>('loading');
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      let live = true;
      setLoaded('loading');
      load().then((page) => live && setLoaded({ page }), () => live && setLoaded('failed'));
      return () => {
        live = false;
      };
    }, [attempt]);
    if (loaded === 'loading') return <Page title={t('loading')}><p role="status">{t('loading')}</p></Page>;
    if (loaded === 'failed') {
      return (
        <Page title={t('errors.network')}>
          <Banner tone="error" title={t('errors.network')} />
          <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>{t('retry')}</Button>
        </Page>
      );
    }
    const P = loaded.page;
    return <P />;
  };
}
