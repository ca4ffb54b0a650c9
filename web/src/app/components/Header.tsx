// SPDX-License-Identifier: AGPL-3.0-or-later
// The shell header: product name, language switch and the main navigation
// (collapsed behind a Menu button on phones).
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/hooks';
import { kProductName } from '../../ui';
import { messages } from '../l10n/messages';
import { Link } from '../router';
import { kRoutes } from '../routes';
import { LanguageSwitch } from './LanguageSwitch';

export function Header({ path }: { path: string }) {
  const t = useMessages(messages);
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]); // close the menu after navigating

  return (
    <header class="app-header">
      <div class="app-header__bar">
        <Link href="/" class="app-brand">
          {kProductName}
        </Link>
        <div class="app-header__tools">
          <LanguageSwitch />
          <button
            type="button"
            class="app-menu-button"
            aria-expanded={open}
            aria-controls="app-nav"
            onClick={() => setOpen(!open)}
          >
            {t('nav.menu')}
          </button>
        </div>
      </div>
      <nav id="app-nav" class={`app-nav${open ? ' app-nav--open' : ''}`} aria-label={t('nav.label')}>
        <ul class="app-nav__list">
          {kRoutes.map((r) =>
            r.nav ? (
              <li key={r.path}>
                <Link href={r.path} class="app-nav__link">
                  {t(`nav.${r.nav}`)}
                </Link>
              </li>
            ) : null,
          )}
        </ul>
      </nav>
    </header>
  );
}
