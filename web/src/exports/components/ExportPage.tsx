// SPDX-License-Identifier: AGPL-3.0-or-later
// /people/export (journey J8.3; security-model.md §2.12): a reason, the
// fields (name and phone ticked by default, the rest opt-in), optionally one
// campaign, then "Create export". The server asks for a step-up when the
// last one is over 5 minutes old; the shared client shows the step-up dialog
// and retries once (http/client.ts), so this page only sees the result: a
// single-use download link that expires after 10 minutes. The file is a
// plain link with Content-Disposition: attachment, so the browser saves it
// and the page never holds its contents.
//
// Admins also get the export log (who, when, why, fields, rows), loaded only
// when asked for, since reading it is audited.
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { listUsers } from '../../admin/api';
import { isOrgAdmin, useSession } from '../../auth/state';
import { listCampaigns, type Campaign } from '../../campaigns/api';
import type { Problem } from '../../http/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/hooks';
import { errorKey, errorVars } from '../../i18n/problems';
import { Banner, Button, buttonClass, Card, Checkbox, Page, Select, Table, TextField, type Column } from '../../ui';
import { exportableCampaigns } from '../access';
import {
  createExport,
  kDefaultFields,
  kExportFields,
  kReasonMax,
  kReasonMin,
  listExports,
  type ExportCreated,
  type ExportField,
  type ExportLogEntry,
} from '../api';
import { messages } from '../l10n/messages';
import '../exports.css';

/** Loaded by ExportRoute, which has checked mayExport. */
export function ExportPage() {
  const t = useMessages(messages);
  const session = useSession();
  const org = session?.org.slug ?? '';
  const admin = isOrgAdmin(session);
  return (
    <Page title={t('title')} lead={t('lead')}>
      <ExportForm org={org} />
      {admin && <ExportLog org={org} />}
    </Page>
  );
}

function ProblemBanner({ problem }: { problem: Problem }) {
  const t = useMessages(messages);
  return <Banner tone="error" title={t(`errors.${errorKey(messages.en.errors, problem)}`, errorVars(problem))} />;
}

function ExportForm({ org }: { org: string }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const session = useSession();
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [campaign, setCampaign] = useState('');
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<ReadonlySet<ExportField>>(new Set(kDefaultFields));
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [ready, setReady] = useState<ExportCreated | null>(null);
  const [downloaded, setDownloaded] = useState(false);

  useEffect(() => {
    if (!org) return;
    const abort = new AbortController();
    // Only the campaigns this person may export are offered (the server
    // would answer 404 for the others).
    const allowed = exportableCampaigns(session?.roles);
    void listCampaigns(org, abort.signal).then((r) => {
      if (!r.ok || abort.signal.aborted) return;
      setCampaigns(r.value.campaigns.filter((c) => allowed === null || allowed.includes(c.id)));
    });
    return () => abort.abort();
  }, [org, session]);

  const reasonOk = reason.trim().length >= kReasonMin;
  const fieldsOk = fields.size > 0;

  const toggle = (f: ExportField, on: boolean) => {
    const next = new Set(fields);
    if (on) next.add(f);
    else next.delete(f);
    setFields(next);
  };

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setChecked(true);
    if (!reasonOk || !fieldsOk) return;
    setBusy(true);
    setProblem(null);
    const result = await createExport(org, {
      reason: reason.trim(),
      fields: kExportFields.filter((f) => fields.has(f)),
      ...(campaign ? { campaign } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setDownloaded(false);
    setReady(result.value);
  };

  const again = () => {
    setReady(null);
    setDownloaded(false);
    setReason('');
    setChecked(false);
    setProblem(null);
  };

  if (ready) {
    const names = ready.fields.map((f) => t(`fieldNames.${f}`)).join(', ');
    return (
      <div data-testid="export-ready">
        <Card title={t('ready.title')}>
          <div class="hs-stack">
            <p>{t('ready.rows', { count: ready.rows, fields: names })}</p>
            {(ready.left_out?.restricted_use ?? 0) > 0 && (
              <Banner tone="info" title={t('ready.leftOut', { count: ready.left_out?.restricted_use ?? 0 })}>
                <p>{t('ready.leftOutWhy')}</p>
              </Banner>
            )}
            {downloaded ? (
              <Banner tone="success" title={t('ready.downloaded')} />
            ) : (
              <>
                <p>{t('ready.expires', { time: formatDateTime(ready.expires_at, lang) })}</p>
                <p>
                  <a
                    class={`${buttonClass('primary')} exp-download`}
                    href={ready.download_url}
                    download
                    data-testid="export-download"
                    onClick={() => setDownloaded(true)}
                  >
                    {t('ready.download')}
                  </a>
                </p>
              </>
            )}
            <p>
              <Button variant="secondary" onClick={again}>
                {t('ready.another')}
              </Button>
            </p>
          </div>
        </Card>
      </div>
    );
  }

  return (
    <form class="hs-stack" onSubmit={submit} noValidate>
      <Banner tone="info" title={t('rules.title')}>
        <ul class="exp-rules">
          <li>{t('rules.scope')}</li>
          <li>{t('rules.audit')}</li>
          <li>{t('rules.link')}</li>
          <li>{t('rules.decoys')}</li>
        </ul>
      </Banner>
      {problem && <ProblemBanner problem={problem} />}
      <Select
        label={t('form.scope')}
        name="export-campaign"
        value={campaign}
        onValue={setCampaign}
        options={[{ value: '', label: t('form.scopeAll') }, ...campaigns.map((c) => ({ value: c.id, label: c.name }))]}
      />
      <TextField
        label={t('form.reason')}
        name="export-reason"
        hint={t('form.reasonHint')}
        required
        minLength={kReasonMin}
        maxLength={kReasonMax}
        value={reason}
        onValue={setReason}
        error={checked && !reasonOk ? t('form.reasonShort') : undefined}
      />
      <fieldset class="exp-fields">
        <legend class="exp-fields__legend">{t('form.fields')}</legend>
        <p class="exp-fields__hint">{t('form.fieldsHint')}</p>
        <div class="exp-fields__grid">
          {kExportFields.map((f) => (
            <Checkbox
              key={f}
              name={`export-field-${f}`}
              label={t(`fieldNames.${f}`)}
              checked={fields.has(f)}
              onChecked={(on) => toggle(f, on)}
            />
          ))}
        </div>
        {checked && !fieldsOk && (
          <p class="exp-fields__error" role="alert">
            {t('form.fieldsNone')}
          </p>
        )}
      </fieldset>
      <p>
        <Button type="submit" disabled={busy}>
          {busy ? t('form.submitting') : t('form.submit')}
        </Button>
      </p>
    </form>
  );
}

function ExportLog({ org }: { org: string }) {
  const t = useMessages(messages);
  const lang = useLanguage();
  const [entries, setEntries] = useState<ExportLogEntry[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [people, setPeople] = useState<ReadonlyMap<string, string>>(new Map());

  const load = async () => {
    if (loading) return;
    setLoading(true);
    setProblem(null);
    const [log, users] = await Promise.all([listExports(org), listUsers(org)]);
    setLoading(false);
    if (users.ok) setPeople(new Map(users.value.users.map((u) => [u.id, u.name])));
    if (!log.ok) {
      setProblem(log.problem);
      return;
    }
    setEntries(log.value.exports);
  };

  const status = (e: ExportLogEntry) => {
    if (e.downloaded_at !== null) return t('log.status.downloaded');
    return e.expires_at > Date.now() ? t('log.status.pending') : t('log.status.expired');
  };
  const columns: Column<ExportLogEntry>[] = [
    { key: 'time', header: t('log.columns.time'), render: (e) => formatDateTime(e.created_at, lang) },
    { key: 'who', header: t('log.columns.who'), render: (e) => people.get(e.created_by) ?? e.created_by },
    { key: 'rows', header: t('log.columns.rows'), render: (e) => e.rows },
    {
      key: 'fields',
      header: t('log.columns.fields'),
      render: (e) => e.fields.map((f) => t(`fieldNames.${f}`)).join(', '),
    },
    { key: 'reason', header: t('log.columns.reason'), render: (e) => <span class="exp-reason">{e.reason}</span> },
    { key: 'status', header: t('log.columns.status'), render: status },
  ];

  return (
    <Card title={t('log.title')}>
      <div class="hs-stack">
        <p class="hs-muted">{t('log.lead')}</p>
        {problem && <ProblemBanner problem={problem} />}
        {entries === null ? (
          <p>
            <Button variant="secondary" disabled={loading} onClick={() => void load()}>
              {loading ? t('log.loading') : t('log.show')}
            </Button>
          </p>
        ) : (
          <Table
            caption={t('log.caption')}
            columns={columns}
            rows={entries}
            rowKey={(e) => e.id}
            empty={t('log.empty')}
          />
        )}
      </div>
    </Card>
  );
}
