// SPDX-License-Identifier: AGPL-3.0-or-later
// A volunteer organizer (security-model.md §3: no user admin) enrols TOTP,
// sees no admin navigation, gets the "no access" screen at /admin/*, and the
// server answers 404 to the admin API, exactly like a missing route.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import { apiFetch, assertClean, assertFitsWidth, firstSignIn, kLocale, kText, navLinks, waitForPath } from './flows.mjs';

for (const db of testDatabases()) {
  describe(`volunteer sees no admin [${db}]`, { timeout: 240_000 }, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      await server.demo();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('no admin nav, a no-access screen at /admin, 404 from the admin API (en then es, phone)', async () => {
      const login = await server.addUser({
        email: 'ana.volunteer@example.org',
        name: 'Ana Volunteer',
        role: 'volunteer_organizer',
        campaign: 'Harbor View Hotel housekeeping',
      });
      const context = await newContext(browser, 'phone', { locale: kLocale.en });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await firstSignIn(page, server.url, login, 'en');
        await waitForPath(page, '/');
        await page.getByTestId('my-roles').getByText('Volunteer organizer').waitFor();
        const links = await navLinks(page);
        assert.ok(links.length > 0, 'the volunteer has a nav');
        assert.ok(links.includes('My organizing') && links.includes('My devices'), `nav: ${links}`);
        assert.ok(!links.includes('Users') && !links.includes('Audit log'), `no admin nav: ${links}`);
        assert.equal(await page.locator('a[href^="/admin"]').count(), 0, 'no link to /admin anywhere');
        await assertFitsWidth(page, 360);

        for (const path of ['/admin/users', '/admin/audit', '/admin/anything']) {
          await page.goto(`${server.url}${path}`);
          await page.getByRole('heading', { level: 1, name: kText.en.noAccess }).waitFor();
          assert.equal(new URL(page.url()).pathname, path, 'stays on the address, shows no access');
          assert.equal(await page.locator('table').count(), 0, 'no admin data rendered');
        }
        for (const path of ['/api/orgs/demo/users', '/api/orgs/demo/audit']) {
          const r = await apiFetch(page, 'GET', path);
          assert.equal(r.status, 404, `GET ${path} as a volunteer`);
        }
        const missing = await apiFetch(page, 'GET', '/api/orgs/demo/no-such-route');
        assert.equal(missing.status, 404);

        // The same screen in Spanish.
        await page.getByRole('button', { name: 'Español' }).click();
        await page.getByRole('heading', { level: 1, name: kText.es.noAccess }).waitFor();
        await assertFitsWidth(page, 360);

        // My devices: this phone, marked.
        await page.goto(`${server.url}/me/devices`);
        await page.getByRole('heading', { level: 1, name: 'Mis dispositivos' }).waitFor();
        await page.getByText('Este dispositivo').waitFor();
        await assertFitsWidth(page, 360);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });
  });
}
