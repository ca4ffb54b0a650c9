// SPDX-License-Identifier: AGPL-3.0-or-later
// "Invite someone": email, name, role and scope. Creating the invitation
// needs a step-up (the client's dialog handles it). The one-time link is
// shown once, with a copy button, and is never stored.
import type { TargetedSubmitEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Campaign } from '../../campaigns/api';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner, Button, Card, TextField } from '../../ui';
import { createInvitation, type UnitChoice } from '../api';
import { messages } from '../l10n/messages';
import { defaultChoice, grantBody, GrantFields, withDefaults, type GrantChoice } from './GrantFields';

interface Created {
  name: string;
  url: string;
  expiresAt: number | string;
}

export interface InviteCardProps {
  org: string;
  campaigns: readonly Campaign[];
  units: readonly UnitChoice[];
  onInvited: () => void;
}

export function InviteCard({ org, campaigns, units, onInvited }: InviteCardProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [choice, setChoice] = useState<GrantChoice>(() => defaultChoice('volunteer_organizer', campaigns));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const linkBox = useRef<HTMLInputElement>(null);

  // Campaigns and units may arrive after the first render.
  const effective: GrantChoice = withDefaults(choice, campaigns, units);

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    const grant = grantBody(effective);
    if (!grant) return;
    setBusy(true);
    const result = await createInvitation(org, { email: email.trim(), name: name.trim(), ...grant });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setCreated({
      name: name.trim(),
      url: new URL(result.value.link, window.location.origin).toString(),
      expiresAt: result.value.invitation.expires_at,
    });
    setCopy('idle');
    setEmail('');
    setName('');
    onInvited();
  };

  const copyLink = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopy('copied');
    } catch {
      linkBox.current?.select();
      setCopy('failed');
    }
  };

  if (created) {
    return (
      <Card title={t('invite.linkFor', { name: created.name })}>
        <div class="hs-stack" data-testid="invitation-created">
          <div class="hs-field">
            <label class="hs-field__label" for="admin-invite-link">
              {t('invite.link')}
            </label>
            <input
              id="admin-invite-link"
              ref={linkBox}
              class="hs-input hs-mono"
              readOnly
              value={created.url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <div class="hs-actions">
            <Button onClick={() => void copyLink()}>{t('invite.copy')}</Button>
            <span role="status" class="admin-copy-status">
              {copy === 'copied' ? t('invite.copied') : copy === 'failed' ? t('invite.copyFailed') : ''}
            </span>
          </div>
          <p>{t('invite.expires', { time: formatDateTime(created.expiresAt, lang) })}</p>
          <p class="hs-muted">{t('invite.private')}</p>
          <Button variant="secondary" onClick={() => setCreated(null)}>
            {t('invite.another')}
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <Card title={t('invite.title')}>
      <form class="hs-stack" method="post" onSubmit={submit}>
        <p class="hs-muted">{t('invite.lead')}</p>
        {problem && (
          <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />
        )}
        <TextField
          label={t('invite.email')}
          name="invite-email"
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          value={email}
          onValue={setEmail}
          error={problem?.field === 'email' ? t('errors.invalid_input') : undefined}
        />
        <TextField
          label={t('invite.name')}
          name="invite-name"
          autoComplete="off"
          required
          maxLength={200}
          value={name}
          onValue={setName}
        />
        <GrantFields value={effective} campaigns={campaigns} units={units} onChange={setChoice} idPrefix="invite" />
        <Button type="submit" disabled={busy || !grantBody(effective)}>
          {busy ? t('invite.submitting') : t('invite.submit')}
        </Button>
      </form>
    </Card>
  );
}
