// SPDX-License-Identifier: AGPL-3.0-or-later
// The person's calendar feed: what it shows in plain words, and create,
// rotate (create again) and revoke. Creating and revoking ask for the
// password and a code again (the client's step-up dialog). The link is
// shown once, as the server returns it.
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Banner, Button, Card } from '../../ui';
import { createFeed, getFeed, revokeFeed, type FeedStatus } from '../api';
import { messages } from '../l10n/messages';
import { ProblemBanner } from './common';

export function FeedCard() {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [status, setStatus] = useState<FeedStatus | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    void getFeed(abort.signal).then((r) => {
      if (!abort.signal.aborted && r.ok) setStatus(r.value);
    });
    return () => abort.abort();
  }, []);
  const create = async () => {
    if (busy) return;
    setBusy(true);
    const r = await createFeed();
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      setRevoked(false);
      setStatus(r.value);
      const path = r.value.path ?? '';
      setUrl(`${window.location.origin}${path}${lang === 'es' ? '?lang=es' : ''}`);
    } else setProblem(r.problem);
  };
  const revoke = async () => {
    if (busy) return;
    setBusy(true);
    const r = await revokeFeed();
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      setUrl(null);
      setRevoked(true);
      setStatus({ active: false, created_at: null });
    } else setProblem(r.problem);
  };
  return (
    <Card title={t('feed.title')}>
      <p>{t('feed.explain')}</p>
      <ProblemBanner problem={problem} />
      {revoked && <Banner tone="success" title={t('feed.revoked')} />}
      {status && (
        <p>{status.active ? t('feed.on', { date: formatDateTime(status.created_at, lang) }) : t('feed.off')}</p>
      )}
      {url && (
        <div>
          <p class="hs-field__label">{t('feed.link')}</p>
          <p class="el-feed-link" data-testid="feed-url">
            {url}
          </p>
        </div>
      )}
      <div class="el-row">
        <Button disabled={busy} onClick={() => void create()} data-testid="feed-create">
          {status?.active ? t('feed.rotate') : t('feed.create')}
        </Button>
        {status?.active && (
          <Button variant="secondary" disabled={busy} onClick={() => void revoke()}>
            {t('feed.revoke')}
          </Button>
        )}
      </div>
    </Card>
  );
}
