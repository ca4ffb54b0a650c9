// SPDX-License-Identifier: AGPL-3.0-or-later
// The welcome page: what hotshop is, a way to ask for help, a way to sign in.
import { Link } from '../../app/router';
import { useMessages } from '../../i18n/hooks';
import { buttonClass, Card, kProductName, Page } from '../../ui';
import { messages } from '../l10n/messages';

export function HomePage() {
  const t = useMessages(messages);
  return (
    <Page title={kProductName} lead={t('description')}>
      <Card title={t('help.title')}>
        <p>{t('help.body')}</p>
        <Link href="/help" class={buttonClass('primary')}>
          {t('help.action')}
        </Link>
      </Card>
      <Card title={t('signIn.title')}>
        <p>{t('signIn.body')}</p>
        <Link href="/login" class={buttonClass('secondary')}>
          {t('signIn.action')}
        </Link>
      </Card>
    </Page>
  );
}
