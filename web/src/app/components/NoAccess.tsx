// SPDX-License-Identifier: AGPL-3.0-or-later
// Shown instead of a page the person's roles don't reach (e.g. /admin/* to a
// volunteer). It says nothing about what the page would have shown.
import { useMessages } from '../../i18n/hooks';
import { Page } from '../../ui';
import { messages } from '../l10n/messages';
import { Link } from '../router';

export function NoAccess() {
  const t = useMessages(messages);
  return (
    <Page title={t('noAccess.title')}>
      <p>{t('noAccess.body')}</p>
      <p>
        <Link href="/">{t('noAccess.home')}</Link>
      </p>
    </Page>
  );
}
