// SPDX-License-Identifier: AGPL-3.0-or-later
// /referrals (security-model.md §3, journeys J2.3): referrals offered to
// this org by its partners. Before accepting, only the anonymous card
// (industry, city, size band) and which fields the worker agreed to share;
// after accepting, those fields, copied into this org. Admins also keep the
// partner list here (a partnership is active when both orgs list each other).
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey } from '../../i18n/problems';
import { messages as matchMessages } from '../../match/l10n/messages';
import type { Partner } from '../../match/api';
import { Banner, Button, Card, Page, TextField } from '../../ui';
import { addPartner, answer, listIncoming, listPartners, removePartner, type Incoming } from '../api';
import { messages } from '../l10n/messages';
import '../referrals.css';

type FieldKey = keyof (typeof matchMessages)['en']['refer']['field'];

export function ReferralsPage() {
  const t = useMessages(messages);
  const tm = useMessages(matchMessages);
  const lang = useLanguage();
  const session = useSession();
  const org = session?.org.slug ?? '';
  const isAdmin = !!session?.roles.some((g) => g.role === 'org_admin');
  const [rows, setRows] = useState<Incoming[] | null>(null);
  const [partners, setPartners] = useState<Partner[]>([]);
  const [slug, setSlug] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (!org) return;
    void listIncoming(org).then((r) => (r.ok ? setRows(r.value.referrals) : setProblem(r.problem)));
    void listPartners(org).then((r) => r.ok && setPartners(r.value.partners));
  }, [org, reload]);
  const refresh = (p: Problem | null) => {
    setProblem(p);
    setReload((n) => n + 1);
  };
  const errKey = problem ? errorKey(messages.en.errors, problem) : 'generic';
  return (
    <Page title={t('title')} lead={t('lead')}>
      {problem && <Banner tone="error" title={t(`errors.${errKey}`)} />}
      {rows && rows.length === 0 && <p role="status">{t('empty')}</p>}
      <ul class="ref-list">
        {(rows ?? []).map((r) => (
          <li key={r.id} class="ref-row" data-testid="referral-card" data-state={r.state}>
            <p><strong>{t('from', { org: r.from_org })}</strong> · {tm(`refer.state.${r.state}`)}</p>
            <p data-testid="anonymous-card">{t('card', { industry: r.card.industry || '—', city: r.card.city || '—', size: r.card.size_band || '—' })}</p>
            <p>{t('fields', { fields: r.fields.map((f) => tm(`refer.field.${f as FieldKey}`)).join(', ') })}</p>
            {r.state === 'offered' && <p>{t('expires', { at: formatDateTime(r.expires_at_ms, lang) })}</p>}
            {r.state === 'offered' && (
              <div class="ref-actions">
                <Button onClick={async () => {
                  const a = await answer(org, r.id, 'accept');
                  refresh(a.ok ? null : a.problem);
                }}>{t('accept')}</Button>
                <Button variant="secondary" onClick={async () => {
                  const a = await answer(org, r.id, 'decline');
                  refresh(a.ok ? null : a.problem);
                }}>{t('decline')}</Button>
              </div>
            )}
            {r.copy && (
              <dl class="ref-copy" data-testid="referral-copy">
                {Object.entries(r.copy.values).map(([k, v]) => (
                  <div key={k}><dt>{tm(`refer.field.${k as FieldKey}`)}</dt><dd data-field={k}>{v}</dd></div>
                ))}
                <p>{t('provenance', { org: r.copy.provenance.from_org, channel: tm(`refer.channels.${r.copy.provenance.consent_channel as 'phone'}`),
                  at: formatDateTime(r.copy.provenance.consent_at_ms, lang) })}</p>
              </dl>
            )}
          </li>
        ))}
      </ul>
      <Card title={t('partners.title')}>
        <ul class="ref-list">
          {partners.map((p) => (
            <li key={p.org_id} data-testid="partner" data-active={p.active ? 'yes' : 'no'}>
              {p.name} · {p.active ? t('partners.active') : t('partners.waiting')}
              {isAdmin && (
                <Button variant="secondary" onClick={async () => {
                  const r = await removePartner(org, p.org_id);
                  refresh(r.ok ? null : r.problem);
                }}>{t('partners.remove')}</Button>
              )}
            </li>
          ))}
        </ul>
        {isAdmin && (
          <div class="ref-actions">
            <TextField label={t('partners.slug')} name="partner-slug" maxLength={80} value={slug} onValue={setSlug} />
            <Button disabled={!slug.trim()} onClick={async () => {
              const r = await addPartner(org, slug.trim());
              if (r.ok) setSlug('');
              refresh(r.ok ? null : r.problem);
            }}>{t('partners.add')}</Button>
          </div>
        )}
      </Card>
    </Page>
  );
}
