// SPDX-License-Identifier: AGPL-3.0-or-later
// A route whose feature is not built yet.
import { useMessages } from '../../i18n/hooks';
import { Banner, Page } from '../../ui';
import { messages } from '../l10n/messages';
import type { Route } from '../routes';

export function Placeholder({ route }: { route: Route }) {
  const t = useMessages(messages);
  return (
    <Page title={route.nav ? t(`nav.${route.nav}`) : route.path}>
      <Banner tone="info" title={t('placeholder.body')} />
    </Page>
  );
}
