// SPDX-License-Identifier: AGPL-3.0-or-later
// /organizers (issue #5): volunteer organizer profiles. Admins and
// dispatchers edit home ZIP and radius, languages, industries, capacity,
// training modules and mentor; a new organizer without a mentor is flagged.
// An organizer sees their own profile and switches their availability.
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../auth/state';
import type { Problem } from '../../http/client';
import { useMessages } from '../../i18n/hooks';
import { errorKey } from '../../i18n/problems';
import { Banner, Button, Card, Checkbox, Page, Select, TextField } from '../../ui';
import { getOrganizer, listOrganizers, putAvailability, putOrganizer, type Profile, type ProfileInput } from '../api';
import { messages } from '../l10n/messages';
import '../organizers.css';

const kTraining = ['charting', 'conversation', 'campaign_arc', 'inoculation'] as const;
const kLanguages = ['es', 'en', 'zh', 'vi', 'tl', 'ar', 'ht', 'pt'] as const;

function Editor({ org, profile, people, onSaved }: {
  org: string; profile: Profile; people: { user_id: string; name: string }[]; onSaved: (p: Profile) => void;
}) {
  const t = useMessages(messages);
  const [p, setP] = useState<ProfileInput>({ ...profile });
  const [industries, setIndustries] = useState(profile.industries.join(', '));
  const [problem, setProblem] = useState<Problem | null>(null);
  const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : 0);
  const errKey = problem ? errorKey(messages.en.errors, problem) : 'generic';
  return (
    <div class="org-editor" data-testid="profile-editor">
      {problem && <Banner tone="error" title={t(`errors.${errKey}`, { field: problem.field ?? '' })} />}
      <TextField label={t('fields.zip')} name="home_zip" inputMode="numeric" maxLength={10} value={p.home_zip}
        onValue={(v) => setP({ ...p, home_zip: v })} />
      <TextField label={t('fields.radius')} name="radius_km" inputMode="numeric" maxLength={4} value={String(p.radius_km)}
        onValue={(v) => setP({ ...p, radius_km: num(v) })} />
      <TextField label={t('fields.capacity')} name="capacity" inputMode="numeric" maxLength={2} value={String(p.capacity)}
        onValue={(v) => setP({ ...p, capacity: num(v) })} />
      <TextField label={t('fields.completed')} name="completed_campaigns" inputMode="numeric" maxLength={4}
        value={String(p.completed_campaigns)} onValue={(v) => setP({ ...p, completed_campaigns: num(v) })} />
      <fieldset class="org-checks"><legend>{t('fields.languages')}</legend>
        {kLanguages.map((l) => (
          <Checkbox key={l} name={`lang-${l}`} label={l} checked={p.languages.includes(l)}
            onChecked={(on) => setP({ ...p, languages: on ? [...p.languages, l] : p.languages.filter((x) => x !== l) })} />
        ))}
      </fieldset>
      <TextField label={t('fields.industries')} hint={t('fields.industriesHint')} name="industries" maxLength={400}
        value={industries} onValue={setIndustries} />
      <fieldset class="org-checks"><legend>{t('fields.training')}</legend>
        {kTraining.map((m) => (
          <Checkbox key={m} name={`training-${m}`} label={t(`training.${m}`)} checked={p.training.includes(m)}
            onChecked={(on) => setP({ ...p, training: on ? [...p.training, m] : p.training.filter((x) => x !== m) })} />
        ))}
      </fieldset>
      <Select label={t('fields.mentor')} name="mentor_id" value={p.mentor_id ?? ''}
        onValue={(v) => setP({ ...p, mentor_id: v || null })}
        options={[{ value: '', label: t('noMentor') },
          ...people.filter((x) => x.user_id !== profile.user_id).map((x) => ({ value: x.user_id, label: x.name }))]} />
      <Checkbox name="available" label={t('fields.available')} checked={p.available} onChecked={(v) => setP({ ...p, available: v })} />
      <Button onClick={async () => {
        const body = { ...p, industries: industries.split(',').map((s) => s.trim()).filter(Boolean) };
        const r = await putOrganizer(org, profile.user_id, profile.version, body);
        if (r.ok) onSaved(r.value);
        else setProblem(r.problem);
      }}>{t('save')}</Button>
    </div>
  );
}

function Summary({ p }: { p: Profile }) {
  const t = useMessages(messages);
  return (
    <p class="org-summary">
      {t('summary', { zip: p.home_zip || '—', radius: p.radius_km, languages: p.languages.join(', ') || '—',
        load: p.load, capacity: p.capacity })}
      {p.training.length > 0 && ` · ${p.training.map((m) => `${t(`training.${m as 'charting'}`)} ✓`).join(' · ')}`}
      {p.needs_mentor && <span class="org-flag" data-testid="needs-mentor"> · {t('needsMentor')}</span>}
      {!p.available && <span class="org-flag"> · {t('paused')}</span>}
    </p>
  );
}

export function OrganizersPage() {
  const t = useMessages(messages);
  const session = useSession();
  const org = session?.org.slug ?? '';
  const me = session?.user.id ?? '';
  const [list, setList] = useState<Profile[] | null>(null);
  const [others, setOthers] = useState<{ user_id: string; name: string }[]>([]);
  const [mine, setMine] = useState<Profile | null>(null);
  const [editing, setEditing] = useState<Profile | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (!org) return;
    void listOrganizers(org).then((r) => {
      if (r.ok) {
        setList(r.value.organizers);
        setOthers(r.value.without_profile);
      } else {
        setList(null);
        void getOrganizer(org, me).then((o) => (o.ok ? setMine(o.value) : setProblem(o.problem)));
      }
    });
  }, [org, me, reload]);
  const errKey = problem ? errorKey(messages.en.errors, problem) : 'generic';
  const people = [...(list ?? []).map((p) => ({ user_id: p.user_id, name: p.name })), ...others];
  return (
    <Page title={t('title')} lead={t('lead')}>
      {problem && <Banner tone="error" title={t(`errors.${errKey}`, { field: problem.field ?? '' })} />}
      {mine && (
        <Card title={t('mine')}>
          <Summary p={mine} />
          <Checkbox name="my-available" label={t('fields.available')} checked={mine.available} onChecked={async (v) => {
            const r = await putAvailability(org, me, mine.version, v);
            if (r.ok) setMine(r.value);
            else setProblem(r.problem);
          }} />
        </Card>
      )}
      {editing && (
        <Card title={editing.name}>
          <Editor org={org} profile={editing} people={people} onSaved={() => { setEditing(null); setReload((n) => n + 1); }} />
        </Card>
      )}
      <ul class="org-list">
        {(list ?? []).map((p) => (
          <li key={p.user_id} class="org-row" data-testid="organizer" data-user={p.user_id}>
            <strong>{p.name}</strong>
            <Summary p={p} />
            <Button variant="secondary" onClick={() => setEditing(p)}>{t('edit')}</Button>
          </li>
        ))}
        {others.map((o) => (
          <li key={o.user_id} class="org-row">
            <strong>{o.name}</strong>
            <Button variant="secondary" onClick={async () => {
              const r = await getOrganizer(org, o.user_id);
              if (r.ok) setEditing(r.value);
              else setProblem(r.problem);
            }}>{t('create')}</Button>
          </li>
        ))}
      </ul>
    </Page>
  );
}
