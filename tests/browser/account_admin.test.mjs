// SPDX-License-Identifier: AGPL-3.0-or-later
// The rest of the security core's screens: /me/devices (this device marked,
// sign out another device, new recovery codes), /admin/users (add and remove
// access, sign out everywhere), /admin/audit paging ("Load older").
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import { answerStepUp, assertClean, firstSignIn, kLocale, signIn } from './flows.mjs';

for (const db of testDatabases()) {
  describe(`devices, access and audit paging [${db}]`, { timeout: 300_000 }, () => {
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

    it('signs out another device, makes new recovery codes, manages access, pages the audit log', async () => {
      const demo = await server.demo();
      await server.addUser({
        email: 'zed.viewer@example.org',
        name: 'Zed Viewer',
        role: 'viewer',
        campaign: 'Harbor View Hotel housekeeping',
      });
      const laptop = await newContext(browser, 'laptop', { locale: kLocale.en });
      const phone = await newContext(browser, 'phone', { locale: kLocale.en });
      try {
        const page = await laptop.newPage();
        const watch = await watchPage(page);
        const admin = await firstSignIn(page, server.url, demo, 'en');
        const other = await phone.newPage();
        await signIn(other, server.url, admin);

        // Devices: two sessions, this one marked; sign the phone out.
        await page.goto(`${server.url}/me/devices`);
        await page.getByText('This device').waitFor();
        const devices = page.locator('.me-device');
        assert.equal(await devices.count(), 2);
        assert.equal(await page.locator('.me-device[data-current="true"]').count(), 1);
        await page.getByRole('button', { name: 'Sign out', exact: true }).last().click();
        await page.getByText('That device is signed out.').waitFor();
        assert.equal(await devices.count(), 1);
        assert.equal((await other.request.get(`${server.url}/api/session`)).status(), 401, 'the phone is signed out');

        // New recovery codes (step-up when the server asks for one).
        await page.getByRole('button', { name: 'Make new recovery codes' }).click();
        const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
        const codes = page.getByTestId('recovery-codes');
        await Promise.race([codes.waitFor(), dialog.waitFor()]);
        if (await dialog.isVisible()) await answerStepUp(page, admin, 'en');
        await codes.waitFor();
        const fresh = (await codes.locator('li').allTextContents()).map((s) => s.trim());
        assert.equal(fresh.length, 10);
        assert.ok(!fresh.some((c) => admin.recoveryCodes.includes(c)), 'new codes');
        await page.locator('input[name="codes-saved"]').check();
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
        await page.getByText('Only your new recovery codes work now.').waitFor();

        // Access: add a mentor grant, remove it, sign the person out everywhere.
        await page.goto(`${server.url}/admin/users`);
        const row = page.getByRole('row').filter({ hasText: 'zed.viewer@example.org' });
        await row.waitFor();
        await row.getByRole('button', { name: 'Add access' }).click();
        const grant = page.getByRole('dialog', { name: 'Add access for Zed Viewer' });
        await grant.getByLabel('Role').selectOption({ label: 'Mentor' });
        await grant.getByLabel('Campaign').selectOption({ label: 'Copper Kettle Coffee, 12 shops' });
        await grant.getByRole('button', { name: 'Add access' }).click();
        if (await page.getByRole('dialog', { name: 'Confirm it is you' }).isVisible()) await answerStepUp(page, admin, 'en');
        await page.getByText('Zed Viewer now has: Mentor · Campaign: Copper Kettle Coffee, 12 shops.').waitFor();
        await row.getByText('Mentor · Campaign: Copper Kettle Coffee, 12 shops').waitFor();
        await row.getByRole('button', { name: /^Remove Mentor/ }).click();
        await page.getByRole('dialog', { name: 'Remove this access?' }).getByRole('button', { name: 'Remove' }).click();
        await page.getByText('Zed Viewer no longer has: Mentor · Campaign: Copper Kettle Coffee, 12 shops.').waitFor();
        await row.getByText('Mentor').waitFor({ state: 'detached' });
        await row.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
        await page
          .getByRole('dialog', { name: 'Sign Zed Viewer out everywhere?' })
          .getByRole('button', { name: 'Sign out everywhere', exact: true })
          .click();
        await page.getByText('Zed Viewer is signed out everywhere.').waitFor();

        // Audit: 50 events a page, "Load older" until the first event (in Spanish).
        for (let i = 0; i < 60; i += 1) await page.request.get(`${server.url}/api/orgs/demo/users`);
        await page.goto(`${server.url}/admin/audit`);
        await page.getByRole('button', { name: 'Español' }).click();
        await page.getByRole('heading', { level: 1, name: 'Registro de auditoría' }).waitFor();
        const rows = page.locator('table tbody tr');
        assert.equal(await rows.count(), 50);
        const seqs = async () => (await page.locator('td[data-label="N.º"]').allTextContents()).map(Number);
        const firstPage = await seqs();
        await page.getByRole('button', { name: 'Cargar anteriores' }).click();
        await page.getByText('Este es el primer evento.').waitFor();
        const all = await seqs();
        assert.ok(all.length > 50, `more events after "Load older": ${all.length}`);
        assert.deepEqual(all.slice(0, 50), firstPage);
        assert.deepEqual([...all].sort((a, b) => b - a), all, 'newest first, no gaps in order');
        assert.equal(new Set(all).size, all.length, 'no event twice');
        await assertClean(watch, server.url);
      } finally {
        await laptop.close();
        await phone.close();
      }
    });
  });
}
