// SPDX-License-Identifier: AGPL-3.0-or-later
// The shell header: product name, language switch, who is signed in (name,
// organization, sign out) and the main navigation, filtered by role and
// collapsed behind a Menu button on phones.
import { useEffect, useState } from 'preact/hooks';
import { signOut, useSession } from '../../auth/state';
import { useMessages } from '../../i18n/hooks';
import { kProductName } from '../../ui';
import { messages } from '../l10n/messages';
import { Link } from '../router';
import { kRoutes, navVisible } from '../routes';
import { LanguageSwitch } from './LanguageSwitch';

export function Header({ path }: { path: string }) {
  const t = useMessages(messages);
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  useEffect(() => setOpen(false), [path]); // close the menu after navigating

  // While setup is pending there is nothing to navigate to.
  const ready = session && session.needs.length === 0;
  const roles = session ? session.roles.map((g) => g.role) : null;
  const items = session && !ready ? [] : kRoutes.filter((r) => navVisible(r, roles, session?.roles));

  const leave = async () => {
    if (leaving) return;
    setLeaving(true);
    await signOut();
    setLeaving(false);
  };

  return (
    <header class="app-header">
      <div class="app-header__bar">
        <Link href="/" class="app-brand">
          {kProductName}
        </Link>
        <div class="app-header__tools">
          <LanguageSwitch />
          {items.length > 0 && (
            <button
              type="button"
              class="app-menu-button"
              aria-expanded={open}
              aria-controls="app-nav"
              onClick={() => setOpen(!open)}
            >
              {t('nav.menu')}
            </button>
          )}
        </div>
      </div>
      {session && (
        <div class="app-user">
          <p class="app-user__who">
            <span class="app-user__name" data-testid="user-name">
              {session.user.name}
            </span>
            <span class="app-user__org" data-testid="org-name">
              {session.org.name}
            </span>
          </p>
          <button type="button" class="app-user__signout" onClick={() => void leave()} disabled={leaving}>
            {t('user.signOut')}
          </button>
        </div>
      )}
      {items.length > 0 && (
        <nav id="app-nav" class={`app-nav${open ? ' app-nav--open' : ''}`} aria-label={t('nav.label')}>
          <ul class="app-nav__list">
            {items.map((r) => (
              <li key={r.path}>
                <Link href={r.path} class="app-nav__link">
                  {t(`nav.${r.nav!}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
