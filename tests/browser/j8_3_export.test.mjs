// SPDX-License-Identifier: AGPL-3.0-or-later
// J8.3 Export (journeys.md): "export requires step-up MFA and lands in the
// audit viewer. Never: an unaudited export." The admin opens Export people,
// gives a reason, keeps the minimal fields (name and phone), is asked to
// confirm with password and TOTP (the real 401 step_up_required of a session
// whose step-up is over 5 minutes old), downloads the file once, sees the
// link refused the second time, and finds export.created and
// export.downloaded in /admin/audit and the reason in the export log. A
// volunteer has no Export item and no access. The page fits 360 px in
// Spanish.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  answerStepUp,
  apiFetch,
  assertClean,
  assertFitsWidth,
  firstSignIn,
  kLocale,
  kText,
  navLinks,
  waitForPath,
} from './flows.mjs';

const run = promisify(execFile);
const kReason = 'Phone bank for the Harbor View vote';
const kCampaign = 'Harbor View Hotel housekeeping';

/**
 * Moves every session's last step-up back to the epoch, as if signing in
 * had been more than 5 minutes ago (signing in counts as a step-up): the
 * test's only way to reach the server's real 401 step_up_required without
 * waiting 5 minutes.
 */
async function ageStepUps(server) {
  const sql = 'UPDATE sessions SET step_up_at_ms = 0';
  if (server.db === 'sqlite') await run('sqlite3', [server.dbUrl.slice('sqlite:'.length), sql]);
  else await run('psql', [server.dbUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql]);
}

for (const db of testDatabases()) {
  describe(`J8.3 export [${db}]`, { timeout: 300_000 }, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('an admin steps up, exports name and phone once, and finds the export in the audit log', async () => {
      const demo = await server.demo();
      const volunteerLogin = await server.addUser({
        email: 'vera.volunteer@example.org',
        name: 'Vera Volunteer',
        role: 'volunteer_organizer',
        campaign: kCampaign,
      });
      const laptop = await newContext(browser, 'laptop', { locale: kLocale.en, acceptDownloads: true });
      const phone = await newContext(browser, 'phone', { locale: kLocale.en });
      try {
        const page = await laptop.newPage();
        const watch = await watchPage(page);
        const admin = await firstSignIn(page, server.url, demo, 'en');

        // The nav offers Export people to an admin.
        assert.ok((await navLinks(page)).includes('Export people'), 'nav shows Export people');
        await page.getByRole('link', { name: 'Export people', exact: true }).first().click();
        await waitForPath(page, '/people/export');
        await page.getByRole('heading', { name: 'Export people', level: 1 }).waitFor();

        // Minimal by default: name and phone ticked, nothing else.
        assert.equal(await page.locator('input[name="export-field-name"]').isChecked(), true);
        assert.equal(await page.locator('input[name="export-field-phone"]').isChecked(), true);
        for (const f of ['email', 'address', 'first_name', 'last_name', 'preferred_language', 'campaign', 'external_id']) {
          assert.equal(await page.locator(`input[name="export-field-${f}"]`).isChecked(), false, `${f} is opt-in`);
        }
        await page.getByText('The download link works once, only for you, for 10 minutes.').waitFor();

        // A reason is required before anything is sent.
        const posts = [];
        page.on('request', (r) => {
          if (r.method() === 'POST' && r.url().endsWith('/api/orgs/demo/exports')) posts.push(r);
        });
        await page.getByRole('button', { name: 'Create export', exact: true }).click();
        await page.getByText('Say why in at least 10 characters.').waitFor();
        assert.equal(posts.length, 0, 'no request without a reason');

        // The step-up: the server answers 401 step_up_required, the dialog
        // asks for the password and a fresh TOTP code, the call is retried.
        await ageStepUps(server);
        await page.locator('input[name="export-reason"]').fill(kReason);
        await page.getByRole('button', { name: 'Create export', exact: true }).click();
        await answerStepUp(page, admin, 'en');
        const ready = page.getByTestId('export-ready');
        await ready.waitFor({ timeout: 15_000 });
        assert.equal(posts.length, 2, 'one refused POST, one retry after the step-up');
        assert.equal((await posts[0].response()).status(), 401);
        assert.equal((await posts[1].response()).status(), 201);
        assert.deepEqual(JSON.parse(posts[1].postData()), { reason: kReason, fields: ['name', 'phone'] });
        await ready.getByText('People: 9. Fields: Name, Phone.').waitFor();

        // The download: once.
        const link = ready.getByTestId('export-download');
        const href = await link.getAttribute('href');
        assert.match(href, /^\/api\/orgs\/demo\/exports\/[0-9a-f-]{36}\/file$/);
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        assert.match(download.suggestedFilename(), /^hotshop-export-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
        const csv = await readFile(await download.path(), 'utf8');
        assert.ok(csv.startsWith('\uFEFFname,phone\r\n'), 'BOM and header');
        const rows = csv.slice(1).split('\r\n').filter(Boolean).slice(1);
        assert.equal(rows.length, 9 + 3, 'the 9 demo people and 3 decoy rows');
        assert.ok(rows.includes('Rosa Quintero,+12025550101'), 'E.164 phones as typed, no apostrophe');
        await ready.getByText('Downloaded. The link is used up').waitFor();
        const second = await apiFetch(page, 'GET', href);
        assert.equal(second.status, 410, 'a second download is refused');
        assert.equal(second.body.code, 'export_gone');

        // J8.3: the export lands in the audit viewer, with counts and field
        // names only.
        await page.getByRole('link', { name: 'Audit log', exact: true }).first().click();
        await waitForPath(page, '/admin/audit');
        const created = page.locator('tr', { has: page.locator('code', { hasText: /^export\.created$/ }) });
        const downloaded = page.locator('tr', { has: page.locator('code', { hasText: /^export\.downloaded$/ }) });
        await created.first().waitFor();
        await downloaded.first().waitFor();
        const id = href.split('/')[5];
        assert.match(await created.first().textContent(), new RegExp(`export:${id} rows=9 fields=name,phone`));
        assert.match(await downloaded.first().textContent(), new RegExp(`export:${id} rows=9`));
        const audit = await page.locator('table').textContent();
        assert.ok(!audit.includes('Rosa') && !audit.includes('+1202555') && !audit.includes(kReason), 'no values in the audit log');

        // The reason is in the export log, for admins.
        await page.getByRole('link', { name: 'Export people', exact: true }).first().click();
        await waitForPath(page, '/people/export');
        await page.getByRole('button', { name: 'Show the export log', exact: true }).click();
        const logRow = page.locator('tr', { hasText: kReason });
        await logRow.waitFor();
        assert.match(await logRow.textContent(), /Downloaded/);

        // At 360 px, in Spanish, the page still fits.
        await page.setViewportSize({ width: 360, height: 640 });
        await page.getByRole('button', { name: 'Español' }).click();
        await page.getByRole('heading', { name: 'Exportar personas', level: 1 }).waitFor();
        await page.getByText('Campos del archivo').waitFor();
        await assertFitsWidth(page, 360);
        await assertClean(watch, server.url);

        // A volunteer: no Export item, no page, and the API answers 404.
        const vpage = await phone.newPage();
        const vwatch = await watchPage(vpage);
        await firstSignIn(vpage, server.url, volunteerLogin, 'en');
        assert.ok(!(await navLinks(vpage)).includes('Export people'), 'no Export item for a volunteer');
        await vpage.goto(`${server.url}/people/export`);
        await vpage.getByText(kText.en.noAccess).waitFor();
        const refused = await apiFetch(vpage, 'POST', '/api/orgs/demo/exports', { reason: kReason, fields: ['name'] });
        assert.equal(refused.status, 404);
        const theirs = await apiFetch(vpage, 'GET', href);
        assert.equal(theirs.status, 404, "someone else's link is useless");
        await assertFitsWidth(vpage, 360);
        await assertClean(vwatch, server.url);
      } finally {
        await laptop.close();
        await phone.close();
      }
    });

    // R7: people of an NLRB voter list (tagged restricted-use by its import)
    // never leave in an export; the page says how many were left out and why.
    it('people from a voter list are left out of an export, and the page says so', async () => {
      const login = await server.addUser({ email: 'ada.admin@example.org', name: 'Ada Admin', role: 'org_admin' });
      const laptop = await newContext(browser, 'laptop', { locale: kLocale.en, acceptDownloads: true });
      try {
        const page = await laptop.newPage();
        const watch = await watchPage(page);
        await firstSignIn(page, server.url, login, 'en');
        // A demo election whose petition has a case number.
        let election = null;
        for (const c of (await apiFetch(page, 'GET', '/api/orgs/demo/campaigns')).body.campaigns) {
          for (const u of (await apiFetch(page, 'GET', `/api/orgs/demo/campaigns/${c.id}/units`)).body.units) {
            const h = (await apiFetch(page, 'GET', `/api/orgs/demo/units/${u.id}/elections`)).body;
            election ??= (h.elections ?? []).find((e) => e.case_number);
          }
        }
        assert.ok(election, 'the demo has an election with a case number');
        // Two new people and Rosa, already a demo person (matched and tagged).
        const csv =
          'last_name,first_name,phone,work_location\n' +
          'Arriaga,Nadia,202-555-0171,Front desk\n' +
          'Bello,Omar,202-555-0172,Front desk\n' +
          'Quintero,Rosa,202-555-0101,Housekeeping\n';
        const up = await page.evaluate(
          async ({ path, csv }) => {
            const r = await fetch(path, {
              method: 'POST',
              headers: { 'Content-Type': 'text/csv', 'X-Requested-With': 'hotshop' },
              body: csv,
            });
            return { status: r.status, body: await r.json() };
          },
          { path: `/api/orgs/demo/elections/${election.id}/voter-list?filename=voters.csv`, csv },
        );
        assert.equal(up.status, 202, JSON.stringify(up.body));
        let state = null;
        for (let i = 0; i < 200 && state !== 'completed' && state !== 'failed'; ++i) {
          await page.waitForTimeout(100);
          state = (await apiFetch(page, 'GET', `/api/orgs/demo/imports/${up.body.import_id}`)).body.state;
        }
        assert.equal(state, 'completed');

        await page.goto(`${server.url}/people/export`);
        await page.locator('input[name="export-reason"]').fill('Phone bank for the next meeting');
        await page.getByRole('button', { name: 'Create export', exact: true }).click();
        const ready = page.getByTestId('export-ready');
        await ready.waitFor({ timeout: 15_000 });
        await ready.getByText('People: 8. Fields: Name, Phone.').waitFor();
        await ready.getByText('Left out: 3 people from an NLRB voter list.').waitFor();
        const [download] = await Promise.all([page.waitForEvent('download'), ready.getByTestId('export-download').click()]);
        const file = await readFile(await download.path(), 'utf8');
        for (const name of ['Nadia', 'Omar', 'Rosa Quintero']) assert.ok(!file.includes(name), `${name} is not in the file`);
        await assertClean(watch, server.url);
      } finally {
        await laptop.close();
      }
    });
  });
}
