// SPDX-License-Identifier: AGPL-3.0-or-later
// Elections, charges and deadlines (issue #4), on SQLite and PostgreSQL, in
// English and Spanish. An organizer records a petition and an election on a
// fresh unit, enters a tally whose challenged ballots are determinative and
// sees that outcome (R9), records a loss (R8), sees the election bar and
// the earliest date for the next petition (R10), adds a ULP charge 20 days
// before its 10(b) deadline and sees the 30-day warning in the deadlines
// view (R15), creates the calendar feed and downloads it without a cookie:
// it parses as RFC 5545 (CRLF, VEVENTs with UID, DTSTART;VALUE=DATE,
// SUMMARY) and names no worker. The pages fit 360 px.
// Dates are relative to today (UTC), as the server's are.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import { answerStepUp, apiFetch, assertClean, assertFitsWidth, firstSignIn, kLocale } from './flows.mjs';

const kCampaign = 'Harbor View Hotel housekeeping';

const kWords = {
  en: {
    determinative: 'Challenged ballots are determinative',
    notCertified: 'Not certified',
    electionBar: 'Election bar (12 months after a valid election)',
    earliest: 'Earliest date to file a new petition:',
    warning30: '30 days or less',
  },
  es: {
    determinative: 'Las papeletas impugnadas son determinantes',
    notCertified: 'No certificado',
    electionBar: 'Impedimento electoral (12 meses después de una elección válida)',
    earliest: 'Primera fecha para presentar una nueva petición:',
    warning30: '30 días o menos',
  },
};

function iso(d) {
  return d.toISOString().slice(0, 10);
}
function daysFromToday(n) {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + n);
  return d;
}
/** d moved by n months, clamped to the month's last day (R15's reading). */
function addMonthsClamped(d, n) {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

/** RFC 5545 content lines, unfolded; asserts CRLF everywhere. */
function icsLines(text) {
  assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
}

async function clickAndMaybeStepUp(page, button, ready, account, lang) {
  await button.click();
  const dialog = page.getByRole('dialog');
  // Signing in counts as a step-up, so the dialog shows only if that was
  // over 5 minutes ago; the loser of the race times out quietly.
  const which = await Promise.race([
    ready.waitFor({ timeout: 20_000 }).then(
      () => 'ready',
      () => 'timeout',
    ),
    dialog.waitFor({ timeout: 20_000 }).then(
      () => 'dialog',
      () => 'timeout',
    ),
  ]);
  assert.notEqual(which, 'timeout', 'neither the feed link nor the step-up dialog appeared');
  if (which === 'dialog') {
    await answerStepUp(page, account, lang);
    await ready.waitFor();
  }
}

for (const db of testDatabases()) {
  describe(`elections and deadlines [${db}]`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    let demo;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      demo = await server.demo();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    for (const lang of ['en', 'es']) {
      it(`an organizer records a lost election, sees the bar, a 10(b) warning and a clean feed (${lang})`, async () => {
        const w = kWords[lang];
        const login =
          lang === 'en'
            ? demo
            : await server.addUser({
                email: 'olga.organizer@example.org',
                name: 'Olga Organizer',
                role: 'staff_organizer',
                campaign: kCampaign,
              });
        const context = await newContext(browser, 'phone', { locale: kLocale[lang] });
        try {
          const page = await context.newPage();
          const watch = await watchPage(page);
          const account = await firstSignIn(page, server.url, login, lang);

          // A fresh unit in Harbor, so its history holds only this test's attempts.
          const campaigns = (await apiFetch(page, 'GET', '/api/orgs/demo/campaigns')).body.campaigns;
          const harbor = campaigns.find((c) => c.name === kCampaign).id;
          const employer = (await apiFetch(page, 'GET', `/api/orgs/demo/campaigns/${harbor}/employers`)).body.employers[0].id;
          const site = (await apiFetch(page, 'GET', `/api/orgs/demo/employers/${employer}`)).body.worksites[0].id;
          const made = await apiFetch(page, 'POST', `/api/orgs/demo/campaigns/${harbor}/units`, {
            employer_id: employer,
            name: `Front desk ${lang}`,
            worksite_ids: [site],
            size_override: 20,
          });
          assert.equal(made.status, 201, JSON.stringify(made.body));
          const unit = made.body.id;

          // A petition and an election on it.
          const caseNumber = lang === 'en' ? '19-RC-000301' : '19-RC-000302';
          const electionDay = iso(daysFromToday(-10));
          await page.goto(`${server.url}/units/${unit}/elections`);
          const petitionForm = page.getByTestId('petition-form');
          await petitionForm.waitFor();
          await petitionForm.locator('select[name="kind"]').selectOption('RC');
          await petitionForm.locator('input[name="case_number"]').fill(caseNumber);
          await petitionForm.locator('input[name="filed_on"]').fill(iso(daysFromToday(-40)));
          await petitionForm.locator('button[type="submit"]').click();
          const electionForm = page.getByTestId('election-form');
          await electionForm.locator('select[name="petition_id"] option').first().waitFor({ state: 'attached' });
          await electionForm.locator('input[name="election_on"]').fill(electionDay);
          await electionForm.locator('button[type="submit"]').click();
          const attempt = page.locator('li[data-attempt="1"]');
          await attempt.waitFor();
          await attempt.getByText(caseNumber).first().waitFor();

          // R9: 10 to 8 with 3 challenged: the challenges decide.
          const enterTally = async (yes, no, challenged) => {
            const details = attempt.locator('details.el-tally-entry');
            if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
            await details.locator('input[name="yes"]').fill(String(yes));
            await details.locator('input[name="no"]').fill(String(no));
            await details.locator('input[name="challenged"]').fill(String(challenged));
            await details.locator('input[name="tally_on"]').fill(electionDay);
            await details.locator('button[type="submit"]').click();
          };
          await enterTally(10, 8, 3);
          const outcome = attempt.getByTestId('outcome');
          await outcome.filter({ hasText: w.determinative }).waitFor();
          assert.equal(await outcome.getAttribute('data-outcome'), 'challenges_determinative');

          // The challenges are resolved against the union: a loss.
          await enterTally(8, 12, 0);
          await outcome.filter({ hasText: w.notCertified }).waitFor();

          // The Region sets the hearing: the organizer corrects the dates. A
          // colleague's edit in between is shown (412), the typed date is kept,
          // and saving again keeps both changes.
          const dates = attempt.getByTestId('election-dates');
          await dates.locator('summary').click();
          const hearing = iso(daysFromToday(-35));
          const notice = iso(daysFromToday(-38));
          await dates.locator('input[name="hearing_on"]').fill(hearing);
          const before = (await apiFetch(page, 'GET', `/api/orgs/demo/units/${unit}/elections`)).body.elections[0];
          const colleague = await apiFetch(
            page,
            'PATCH',
            `/api/orgs/demo/elections/${before.id}`,
            { notice_served_on: notice },
            { 'If-Match': `"v${before.version}"` },
          );
          assert.equal(colleague.status, 200, JSON.stringify(colleague.body));
          await dates.locator('button[type="submit"]').click();
          await dates.getByRole('alert').waitFor();
          assert.equal(await dates.locator('input[name="hearing_on"]').inputValue(), hearing, 'the typed date is kept');
          // The colleague's notice date comes in underneath.
          await page.waitForFunction(
            (v) => document.querySelector('li[data-attempt="1"] [data-testid="election-dates"] input[name="notice_served_on"]')?.value === v,
            notice,
          );
          await dates.locator('button[type="submit"]').click();
          await dates.locator('.hs-banner--success').waitFor();
          const after = (await apiFetch(page, 'GET', `/api/orgs/demo/units/${unit}/elections`)).body.elections[0];
          assert.equal(after.hearing_on, hearing);
          assert.equal(after.notice_served_on, notice, 'the colleague’s change is not lost');

          // R10: the election bar and the earliest day for the next petition.
          const bars = (await apiFetch(page, 'GET', `/api/orgs/demo/units/${unit}/bars`)).body;
          const bar = bars.in_force.find((b) => b.kind === 'election_bar');
          assert.ok(bar, JSON.stringify(bars));
          assert.equal(bar.runs_from, electionDay);
          assert.ok(bars.earliest_petition_date > iso(daysFromToday(0)), 'the next petition waits');
          await page.locator('li[data-bar="election_bar"]').getByText(w.electionBar).waitFor();
          const earliestText = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
            new Date(`${bars.earliest_petition_date}T00:00:00Z`),
          );
          const earliest = page.getByTestId('earliest-petition');
          assert.equal((await earliest.textContent()).trim(), `${w.earliest} ${earliestText}`);
          await assertFitsWidth(page, 360);

          // R15: a charge 20 days before its 10(b) deadline.
          const deadline = daysFromToday(20);
          const conduct = addMonthsClamped(deadline, -6);
          const tenB = addMonthsClamped(conduct, 6);
          const daysLeft = Math.round((tenB - daysFromToday(0)) / 86_400_000);
          assert.ok(daysLeft > 14 && daysLeft <= 30, `days left ${daysLeft}`);
          await page.goto(`${server.url}/campaigns/${harbor}/charges`);
          const chargeForm = page.getByTestId('charge-form');
          await chargeForm.waitFor();
          await chargeForm.locator('select[name="kind"]').selectOption('retaliatory_discharge');
          await chargeForm.locator('input[name="conduct_on"]').fill(iso(conduct));
          await chargeForm.locator('input[name="case_number"]').fill(`19-CA-00040${lang === 'en' ? 1 : 2}`);
          await chargeForm.locator('button[type="submit"]').click();
          const charge = page.locator('li[data-warning="30_days"]', { hasText: `19-CA-00040${lang === 'en' ? 1 : 2}` });
          await charge.waitFor();
          await charge.getByText(w.warning30).waitFor();
          await assertFitsWidth(page, 360);

          await page.goto(`${server.url}/campaigns/${harbor}/deadlines`);
          const item = page.locator(`li[data-kind="ten_b"][data-warning="30_days"]`, {
            hasText: `19-CA-00040${lang === 'en' ? 1 : 2}`,
          });
          await item.waitFor();
          await item.getByText(w.warning30).waitFor();
          await page.locator('li[data-kind="petition_allowed_from"]').first().waitFor();
          await assertFitsWidth(page, 360);

          // The calendar feed: created here, fetched as a calendar app would (no cookie).
          const feedUrl = page.getByTestId('feed-url');
          await clickAndMaybeStepUp(page, page.getByTestId('feed-create'), feedUrl, account, lang);
          const url = (await feedUrl.textContent()).trim();
          assert.match(url, new RegExp(`^${server.url}/api/calendar/[A-Za-z0-9_-]{43}\\.ics`));
          const res = await fetch(url);
          assert.equal(res.status, 200);
          assert.match(res.headers.get('content-type'), /^text\/calendar/);
          const text = await res.text();
          const lines = icsLines(text);
          assert.equal(lines[0], 'BEGIN:VCALENDAR');
          assert.equal(lines[lines.length - 1], 'END:VCALENDAR');
          assert.ok(lines.includes('VERSION:2.0'));
          const events = [];
          let current = null;
          for (const l of lines) {
            if (l === 'BEGIN:VEVENT') current = [];
            else if (l === 'END:VEVENT') {
              events.push(current);
              current = null;
            } else if (current) current.push(l);
          }
          assert.ok(events.length >= 3, `VEVENTs: ${events.length}`);
          for (const e of events) {
            assert.ok(e.some((l) => /^UID:.+@hotshop$/.test(l)), `UID in ${e.join('|')}`);
            assert.ok(e.some((l) => /^DTSTART;VALUE=DATE:\d{8}$/.test(l)), 'all-day DTSTART');
            assert.ok(e.some((l) => l.startsWith('SUMMARY:')), 'SUMMARY');
          }
          const unfolded = lines.join('\n'); // long SUMMARY lines are folded at 75 octets
          assert.ok(unfolded.includes(caseNumber), 'the election of this test is in the feed');
          assert.ok(lines.some((l) => l === `DTSTART;VALUE=DATE:${iso(tenB).replaceAll('-', '')}`), 'the 10(b) day');
          // No worker names: every name on every chart of the campaign.
          const units = (await apiFetch(page, 'GET', `/api/orgs/demo/campaigns/${harbor}/units`)).body.units;
          const names = new Set();
          for (const u of units) {
            const chart = (await apiFetch(page, 'GET', `/api/orgs/demo/units/${u.id}/chart`)).body;
            for (const d of chart.departments ?? []) {
              for (const s of d.shifts) for (const r of s.rows) names.add(r.name);
            }
          }
          assert.ok(names.size >= 3, 'the demo names were read');
          for (const name of names) assert.ok(!unfolded.includes(name), `a worker's name in the feed: ${name}`);
          await assertClean(watch, server.url);
        } finally {
          await context.close();
        }
      });
    }
  });
}
