// SPDX-License-Identifier: AGPL-3.0-or-later
// /units/:id/cards: the unit's cards (R1-R3) and adding one: a paper card's
// photo is hashed on the device (only the fingerprint is sent) or an
// e-signature with its time and evidence fingerprint. The date written on
// the card is required: an undated card is refused by the server and its
// answer shown translated (R2). Stale cards (over 12 months) are flagged
// with a re-sign prompt and still counted (R3).
// /units/:id/cards/summary: the employer-safe summary, counts only (R4),
// to print or save as PDF.
import { useId, useState } from 'preact/hooks';
import { Link } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import type { Problem } from '../../http/client';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { Banner, Button, Card, Page, Select } from '../../ui';
import { addCard, getCards, getChart, getMeters, type NewCard } from '../api';
import { countText, formatDay, percentText, sha256Hex } from '../format';
import { messages } from '../l10n/messages';
import { mayEditWorkers, todayIso, useGrants, useLoad, useOrg } from '../state';
import { Await } from './Loaded';
import { Meter } from './Meter';
import { ProblemBanner } from './ProblemBanner';

function DateField({
  label,
  name,
  value,
  onValue,
  hint,
  type = 'date',
  max,
}: {
  label: string;
  name: string;
  value: string;
  onValue: (v: string) => void;
  hint?: string;
  type?: 'date' | 'datetime-local';
  max?: string;
}) {
  const id = useId();
  return (
    <div class="hs-field">
      <label class="hs-field__label" for={id}>
        {label}
      </label>
      {hint && (
        <p class="hs-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        class="hs-input"
        type={type as 'date'}
        name={name}
        value={value}
        max={max}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </div>
  );
}

function AddCardForm({ unitId, onAdded }: { unitId: string; onAdded: () => void }) {
  const t = useMessages(messages);
  const org = useOrg();
  const chart = useLoad((o, signal) => getChart(o, unitId, { signal }), [unitId]);
  const [person, setPerson] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const [method, setMethod] = useState<'paper_photo' | 'e_signature'>('paper_photo');
  const [photoHash, setPhotoHash] = useState('');
  const [signedAt, setSignedAt] = useState('');
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [added, setAdded] = useState('');
  const fileId = useId();
  const rows =
    chart.state.status === 'ok'
      ? chart.state.value.departments.flatMap((d) => d.shifts.flatMap((s) => s.rows)).filter((r) => !r.supervisor)
      : [];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || !person) return;
    setBusy(true);
    setProblem(null);
    const body: NewCard = { person_id: person, method };
    if (signedOn) body.signed_on = signedOn;
    if (method === 'paper_photo') {
      if (photoHash) body.evidence_hash = photoHash;
      body.has_signature = true;
    } else {
      if (signedAt) body.signed_at = new Date(signedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
      if (evidence.trim()) body.evidence_hash = evidence.trim();
      body.has_signature = true;
    }
    const r = await addCard(org, unitId, body);
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setAdded(rows.find((x) => x.person_id === person)?.name ?? '');
    setPerson('');
    setSignedOn('');
    setPhotoHash('');
    setEvidence('');
    onAdded();
  };

  return (
    <Card title={t('cards.add')}>
      {rows.length === 0 && chart.state.status === 'ok' ? (
        <p>{t('cards.nobody')}</p>
      ) : (
        <form class="camp-form" onSubmit={submit} data-testid="add-card">
          <Select
            label={t('cards.signer')}
            name="card-person"
            value={person}
            options={[{ value: '', label: t('cards.choose') }, ...rows.map((r) => ({ value: r.person_id, label: r.name }))]}
            onValue={setPerson}
          />
          <DateField
            label={t('cards.signedOn')}
            name="card-signed-on"
            hint={t('cards.signedOnHint')}
            value={signedOn}
            onValue={setSignedOn}
            max={todayIso()}
          />
          <Select
            label={t('cards.method')}
            name="card-method"
            value={method}
            options={[
              { value: 'paper_photo', label: t('cards.paper') },
              { value: 'e_signature', label: t('cards.esign') },
            ]}
            onValue={(v) => setMethod(v as 'paper_photo' | 'e_signature')}
          />
          {method === 'paper_photo' ? (
            <div class="hs-field">
              <label class="hs-field__label" for={fileId}>
                {t('cards.photo')}
              </label>
              <p class="hs-field__hint">{t('cards.photoHint')}</p>
              <input
                id={fileId}
                type="file"
                name="card-photo"
                accept="image/*"
                capture="environment"
                class="hs-input"
                onChange={(e) => {
                  const f = e.currentTarget.files?.[0];
                  if (f) void sha256Hex(f).then(setPhotoHash);
                  else setPhotoHash('');
                }}
              />
              {photoHash && <p class="hs-mono camp-hash" data-testid="photo-hash">{photoHash.slice(0, 16)}…</p>}
            </div>
          ) : (
            <>
              <DateField label={t('cards.signedAt')} name="card-signed-at" type="datetime-local" value={signedAt} onValue={setSignedAt} />
              <div class="hs-field">
                <label class="hs-field__label" for={`${fileId}-ev`}>
                  {t('cards.evidence')}
                </label>
                <input
                  id={`${fileId}-ev`}
                  class="hs-input hs-mono"
                  name="card-evidence"
                  value={evidence}
                  onInput={(e) => setEvidence(e.currentTarget.value)}
                />
              </div>
            </>
          )}
          {problem && <ProblemBanner problem={problem} />}
          {added && !problem && <Banner tone="success" title={t('cards.added', { name: added })} />}
          <Button type="submit" disabled={busy || !person} name="add-card">
            {t('cards.save')}
          </Button>
        </form>
      )}
    </Card>
  );
}

export function CardsPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const unitId = params?.id ?? '';
  const editable = mayEditWorkers(useGrants());
  const cards = useLoad((org, signal) => getCards(org, unitId, { signal }), [unitId]);
  const meters = useLoad((org, signal) => getMeters(org, unitId, { signal }), [unitId]);
  const reload = () => {
    cards.reload();
    meters.reload();
  };
  const title = cards.state.status === 'ok' ? t('cards.title', { name: cards.state.value.unit.name }) : t('dashboard.cards');
  return (
    <Page title={title}>
      <nav class="camp-links hs-no-print" aria-label={title}>
        <Link href={`/units/${unitId}/chart`} class="camp-link">
          {t('dashboard.chart')}
        </Link>
        <Link href={`/units/${unitId}/cards/summary`} class="camp-link" data-testid="summary-link">
          {t('cards.summary')}
        </Link>
      </nav>
      <Await state={meters.state}>
        {(m) =>
          m.showing ? (
            <Meter
              testId="meter-showing"
              label={t('meters.showing')}
              detail={t('meters.showingDetail', {
                have: countText(m.showing.counted, t),
                need: m.showing.required,
                size: countText(m.unit_size, t),
              })}
              percent={m.showing.percent}
              goal={30}
              met={m.showing.met}
              metText={m.showing.met ? t('meters.showingMet') : `${percentText(m.showing.percent, t)}%`}
            />
          ) : null
        }
      </Await>
      {editable && <AddCardForm unitId={unitId} onAdded={reload} />}
      <Await state={cards.state} retry={cards.reload}>
        {(c) => (
          <table class="hs-table" data-testid="cards">
            <caption class="hs-table__caption">{t('cards.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cards.columns.name')}</th>
                <th scope="col">{t('cards.columns.signedOn')}</th>
                <th scope="col">{t('cards.columns.method')}</th>
                <th scope="col">{t('cards.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {c.cards.map((x) => (
                <tr key={x.id} data-testid="card-row" data-status={x.status}>
                  <td data-label={t('cards.columns.name')}>{x.name ?? t('none')}</td>
                  <td data-label={t('cards.columns.signedOn')}>{formatDay(x.signed_on, lang)}</td>
                  <td data-label={t('cards.columns.method')}>{t(`cards.methods.${x.method}`)}</td>
                  <td data-label={t('cards.columns.status')}>
                    <span class={x.status === 'counts' ? 'camp-ok' : 'camp-warn'}>{t(`cards.status.${x.status}`)}</span>
                    {x.resign_prompt && (
                      <p class="camp-tag camp-tag--warn" data-testid="resign-prompt">
                        {t('cards.resign', { name: x.name ?? t('none') })}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Await>
    </Page>
  );
}

export function CardSummaryPage({ params }: RouteProps) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const unitId = params?.id ?? '';
  // The meters carry counts only (no names, no person ids): R4 holds by
  // construction, whatever this screen renders.
  const meters = useLoad((org, signal) => getMeters(org, unitId, { signal }), [unitId]);
  return (
    <Page title={t('summary.title')} lead={t('summary.lead')}>
      <Await state={meters.state} retry={meters.reload}>
        {(m) => (
          <>
            <dl class="camp-facts camp-summary" data-testid="employer-safe-summary">
              <dt>{t('summary.unit')}</dt>
              <dd>{m.unit.name}</dd>
              <dt>{t('summary.asOf')}</dt>
              <dd>{formatDay(m.as_of, lang)}</dd>
              <dt>{t('summary.unitSize')}</dt>
              <dd>{countText(m.unit_size, t)}</dd>
              {m.showing && (
                <>
                  <dt>{t('summary.required')}</dt>
                  <dd data-testid="summary-required">{m.showing.required}</dd>
                  <dt>{t('summary.counted')}</dt>
                  <dd data-testid="summary-counted">{countText(m.showing.counted, t)}</dd>
                  <dt>{t('summary.percent')}</dt>
                  <dd>{percentText(m.showing.percent, t)}%</dd>
                  <dt>{t('summary.stale')}</dt>
                  <dd>{countText(m.showing.stale, t)}</dd>
                </>
              )}
              {m.majority && (
                <>
                  <dt>{t('summary.majority')}</dt>
                  <dd>{m.majority.need}</dd>
                </>
              )}
            </dl>
            <p class="hs-no-print">
              <Button onClick={() => window.print()} name="print-summary">
                {t('summary.print')}
              </Button>
            </p>
          </>
        )}
      </Await>
    </Page>
  );
}
