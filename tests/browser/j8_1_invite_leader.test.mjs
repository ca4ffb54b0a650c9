// SPDX-License-Identifier: AGPL-3.0-or-later
// J8.1 Invite a leader (journeys.md): the org admin invites a worker-leader
// scoped to one store's bargaining unit ("Store 1234": here Copper Kettle
// #101), copies the one-time link; the invitee opens it on a phone, sets a
// password and must enrol TOTP before any data answers (403
// setup_required), then lands on their own unit and reaches that unit's
// chart and nothing else. The link works once. (Expiry after 72 h: server
// tests.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  answerStepUp,
  apiFetch,
  assertClean,
  assertFitsWidth,
  currentSession,
  enrolTotp,
  firstSignIn,
  kLocale,
  navLinks,
  newPassword,
  waitForPath,
} from './flows.mjs';

const kCampaign = 'Copper Kettle Coffee, 12 shops';
const kUnit = 'Copper Kettle #101 Elm Street baristas and shift leads';

for (const db of testDatabases()) {
  describe(`J8.1 invite a worker-leader [${db}]`, { timeout: 300_000 }, () => {
    let server;
    let browser;
    let admin; // the signed-in admin's account, after first sign-in
    let adminContext;
    let adminPage;
    let link;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      const demo = await server.demo();
      adminContext = await newContext(browser, 'laptop', { locale: kLocale.en });
      await adminContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      adminPage = await adminContext.newPage();
      admin = await firstSignIn(adminPage, server.url, demo, 'en');
    });

    after(async () => {
      await adminContext?.close();
      await browser?.close();
      await server?.stop();
    });

    it('the admin invites a worker-leader for one store and copies the one-time link (en, laptop)', async () => {
      const page = adminPage;
      const watch = await watchPage(page);
      await page.goto(`${server.url}/admin/users`);
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      const form = page.locator('form', { has: page.locator('input[name="invite-email"]') });
      await form.getByLabel('Email').fill('marcus.leader@example.org');
      await form.getByLabel('Name').fill('Marcus Leader');
      // All 8 roles are offered, translated.
      const roles = (await form.getByLabel('Role').locator('option').allTextContents()).map((s) => s.trim());
      assert.deepEqual(roles, [
        'Organization admin',
        'Staff organizer',
        'Volunteer organizer',
        'Worker-leader',
        'Viewer',
        'Dispatcher',
        'Mentor',
        'Caller / texter',
      ]);
      await form.getByLabel('Role').selectOption({ label: 'Worker-leader' });
      // A worker-leader's scope is one bargaining unit, named with its campaign.
      await form.getByLabel('Unit').selectOption({ label: `${kUnit} (${kCampaign})` });
      assert.equal(await form.getByLabel('Scope').count(), 0, 'no org/campaign choice for a worker-leader');
      // Creating an invitation needs a step-up in the last 5 minutes. Signing
      // in counts as one, so this fresh session wouldn't be asked: the first
      // POST is answered 401 step_up_required here, as the server does for a
      // session older than 5 minutes. The dialog then uses the real
      // POST /api/session/step-up, and the client retries the call once.
      const posts = [];
      await page.route('**/api/orgs/demo/invitations', async (route) => {
        posts.push(JSON.parse(route.request().postData()));
        if (posts.length > 1) return route.fallback();
        return route.fulfill({
          status: 401,
          contentType: 'application/problem+json',
          body: JSON.stringify({ status: 401, code: 'step_up_required', detail: 'confirm it is you' }),
        });
      });
      await form.getByRole('button', { name: 'Create invitation link' }).click();
      await answerStepUp(page, admin, 'en');
      await page.getByTestId('invitation-created').waitFor();
      await page.unroute('**/api/orgs/demo/invitations');
      assert.equal(posts.length, 2, 'one retry after the step-up');
      assert.deepEqual(posts[1], posts[0], 'the same request retried');
      assert.equal(posts[0].role, 'worker_leader');
      assert.equal(posts[0].scope_kind, 'unit');
      assert.ok(posts[0].scope_id, 'scope_id is the unit id');
      const stepUp = watch.requests.filter((r) => r.url().endsWith('/api/session/step-up'));
      assert.equal(stepUp.length, 1, 'POST /api/session/step-up');
      assert.equal((await stepUp[0].response()).status(), 200, 'step-up accepted');

      const created = page.getByTestId('invitation-created');
      await created.waitFor();
      link = await created.getByLabel('Invitation link').inputValue();
      assert.match(link, new RegExp(`^${server.url}/invite#.+`), 'link is /invite#token on this server');
      await created.getByText('It works once and expires in 72 hours').waitFor();
      await created.getByRole('button', { name: 'Copy link' }).click();
      await created.getByText('Copied').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
      // The token never went into a request URL.
      const token = new URL(link).hash.slice(1);
      assert.ok(!watch.requests.some((r) => r.url().includes(token)), 'token not in any URL');
      await assertClean(watch, server.url);
    });

    it('the invitee sets a password and must enrol TOTP before any data (en, phone)', async () => {
      assert.ok(link, 'the invitation link from the previous test');
      const context = await newContext(browser, 'phone', { locale: kLocale.en });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await page.goto(link);
        await page.getByRole('heading', { level: 1, name: 'Join your organization on hotshop' }).waitFor();
        await page.getByText(/as Worker-leader\./).waitFor();
        await page.getByText('marcus.leader@example.org').waitFor();
        await assertFitsWidth(page, 360);
        const token = new URL(link).hash.slice(1);
        const lookup = watch.requests.find((r) => r.url().endsWith('/api/invitations/lookup'));
        assert.ok(lookup, 'POST /api/invitations/lookup');
        assert.equal(lookup.method(), 'POST');
        assert.equal(JSON.parse(lookup.postData()).token, token, 'token only in the POST body');

        const password = newPassword();
        await page.locator('input[name="new-password"]').fill(password);
        await page.locator('input[name="repeat-password"]').fill(password);
        await page.locator('form button[type="submit"]').click();
        await waitForPath(page, '/setup/totp');

        // No data before enrolment: the server answers 403 setup_required.
        const session = await currentSession(page);
        assert.deepEqual(session.needs, ['totp']);
        for (const path of ['/api/orgs/demo/campaigns', '/api/orgs/demo/users', '/api/me/devices']) {
          const r = await apiFetch(page, 'GET', path);
          assert.equal(r.status, 403, `GET ${path} before enrolment`);
          assert.equal(r.body?.code, 'setup_required', `GET ${path} code`);
        }
        // ...and the UI keeps the invitee on the setup page.
        await page.goto(`${server.url}/my/unit`);
        await waitForPath(page, '/setup/totp');
        assert.deepEqual(await navLinks(page), [], 'no navigation before enrolment');

        const account = await enrolTotp(page, 'en');
        // A worker-leader lands on their own unit.
        await waitForPath(page, '/my/unit');
        await page.getByRole('heading', { level: 1, name: 'My unit' }).waitFor();
        const links = await navLinks(page);
        assert.ok(links.includes('My unit'), `nav: ${links}`);
        assert.ok(!links.includes('Users') && !links.includes('Audit log'), `no admin nav: ${links}`);
        const after = await currentSession(page);
        assert.deepEqual(after.needs, []);
        assert.equal(after.roles.length, 1);
        assert.equal(after.roles[0].role, 'worker_leader');
        assert.equal(after.roles[0].scope_kind, 'unit');
        const unitId = after.roles[0].scope_id;
        const campaigns = await apiFetch(page, 'GET', '/api/orgs/demo/campaigns');
        assert.equal(campaigns.status, 200, 'data after enrolment');
        assert.deepEqual(
          campaigns.body.campaigns.map((c) => c.name),
          [kCampaign],
          'only the campaign of the unit',
        );
        assert.equal(after.roles[0].campaign_id, campaigns.body.campaigns[0].id);
        // Their store's chart, and nothing else of the campaign.
        const chart = await apiFetch(page, 'GET', `/api/orgs/demo/units/${unitId}/chart`);
        assert.equal(chart.status, 200, 'own unit chart');
        assert.equal(chart.body.unit.name, kUnit);
        assert.equal(chart.body.page.limit, 50, 'a worker-leader reads 50 rows a page');
        const units = await apiFetch(page, 'GET', `/api/orgs/demo/campaigns/${after.roles[0].campaign_id}/units`);
        assert.equal(units.status, 404, 'the campaign-wide unit list is beyond a unit grant');
        assert.equal(account.recoveryCodes.length, 10);
        await assertFitsWidth(page, 360);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });

    it('the same link fails the second time (es, phone)', async () => {
      assert.ok(link, 'the invitation link from the first test');
      const context = await newContext(browser, 'phone', { locale: kLocale.es });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await page.goto(link);
        await page.getByRole('heading', { level: 1, name: 'Este enlace de invitación no funciona' }).waitFor();
        assert.equal(await page.locator('input[name="new-password"]').count(), 0, 'no password form');
        const r = await apiFetch(page, 'POST', '/api/invitations/accept', {
          token: new URL(link).hash.slice(1),
          password: newPassword(),
        });
        assert.equal(r.status, 404, 'POST /api/invitations/accept with a used token');
        await assertFitsWidth(page, 360);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });

    it('the admin sees the new worker-leader with two-factor on (en, laptop)', async () => {
      const page = adminPage;
      await page.goto(`${server.url}/admin/users`);
      const row = page.getByRole('row').filter({ hasText: 'marcus.leader@example.org' });
      await row.waitFor();
      await row.getByText('Worker-leader').waitFor();
      await row.getByText(`Unit: ${kUnit}`).waitFor();
      assert.equal((await row.locator('td[data-label="Two-factor"]').textContent()).trim(), 'On');
    });
  });
}
