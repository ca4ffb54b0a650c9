// SPDX-License-Identifier: AGPL-3.0-or-later
import { useMessages } from '../../i18n/hooks';
import { Page } from '../../ui';
import { messages } from '../l10n/messages';
import { Link } from '../router';

export function NotFound() {
  const t = useMessages(messages);
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
