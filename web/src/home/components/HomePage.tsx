// SPDX-License-Identifier: AGPL-3.0-or-later
// The start page. Not signed in: what hotshop is, a way to ask for help, a
// way to sign in. Signed in: the organization and the person's roles.
import { messages as appMessages } from '../../app/l10n/messages';
import { Link } from '../../app/router';
import { scopeLabel } from '../../admin/components/grants';
import { isOrgAdmin, useSession } from '../../auth/state';
import { listCampaigns } from '../../campaigns/api';
import { useMessages } from '../../i18n/hooks';
import { Banner, buttonClass, Card, kProductName, Page } from '../../ui';
import { messages } from '../l10n/messages';
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../../auth/api';
import '../home.css';

function SignedInHome({ session }: { session: Session }) {
  const t = useMessages(messages);
  const tApp = useMessages(appMessages);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const slug = session.org.slug;
  const needsNames = session.roles.some((g) => g.scope_kind !== 'org');
  const failed = session.notices?.failed_sign_ins_since_last_visit ?? 0;

  useEffect(() => {
    if (!needsNames) return;
    const abort = new AbortController();
    void listCampaigns(slug, abort.signal).then((r) => {
      if (r.ok && !abort.signal.aborted) setNames(new Map(r.value.campaigns.map((c) => [c.id, c.name])));
    });
    return () => abort.abort();
  }, [slug, needsNames]);

  return (
    <Page title={session.org.name} lead={t('signedIn.welcome', { name: session.user.name })}>
      {failed > 0 && (
        <Banner tone="warning" title={t('signedIn.failedSignIns', { count: failed })}>
          <p>{t('signedIn.failedSignInsBody')}</p>
        </Banner>
      )}
      <Card title={t('signedIn.roles')}>
        {session.roles.length === 0 ? (
          <p>{t('signedIn.noRoles')}</p>
        ) : (
          <ul class="home-roles" data-testid="my-roles">
            {session.roles.map((g) => (
              <li key={g.id}>
                <strong>{tApp(`roles.${g.role}`)}</strong> · {scopeLabel(tApp, g, names)}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('signedIn.account')}>
        <p>{t('signedIn.accountBody')}</p>
        <Link href="/me/devices" class={buttonClass('secondary')}>
          {tApp('nav.devices')}
        </Link>
      </Card>
      {isOrgAdmin(session) && (
        <Card title={t('signedIn.admin')}>
          <div class="hs-actions">
            <Link href="/admin/users" class={buttonClass('secondary')}>
              {tApp('nav.adminUsers')}
            </Link>
            <Link href="/admin/audit" class={buttonClass('secondary')}>
              {tApp('nav.adminAudit')}
            </Link>
          </div>
        </Card>
      )}
    </Page>
  );
}

export function HomePage() {
  const t = useMessages(messages);
  const session = useSession();
  if (session) return <SignedInHome session={session} />;
  return (
    <Page title={kProductName} lead={t('description')}>
      {/* The "ask for help" card returns with the intake form (issue #5): a
          worker must never be sent to a page that can't take their request. */}
      <Card title={t('signIn.title')}>
        <p>{t('signIn.body')}</p>
        <Link href="/login" class={buttonClass('secondary')}>
          {t('signIn.action')}
        </Link>
      </Card>
    </Page>
  );
}
