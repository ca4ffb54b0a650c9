// SPDX-License-Identifier: AGPL-3.0-or-later
// Sign-in with two-factor (docs/api.md "Session and account";
// security-model.md §2.5, §2.6): the demo admin's first sign-in (one-time
// password -> own password -> TOTP enrolment -> 10 recovery codes), sign out,
// sign in again with password + code; a wrong code and a replayed code are
// refused with translated messages; a recovery code works once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshTotp, launchBrowser, newContext, startServer, testDatabases, totpCode, watchPage } from './harness.mjs';
import {
  assertClean,
  assertFitsWidth,
  currentSession,
  firstSignIn,
  kLocale,
  kText,
  signOut,
  submitCode,
  submitPassword,
  waitForPath,
} from './flows.mjs';

for (const db of testDatabases()) {
  describe(`sign-in with two-factor [${db}]`, { timeout: 240_000 }, () => {
    let server;
    let browser;
    let admin;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      admin = await server.demo();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('first sign-in sets a password and enrols TOTP; then password + code signs in (en, laptop)', async () => {
      const context = await newContext(browser, 'laptop', { locale: kLocale.en });
      try {
        const page = await context.newPage();

        // Before setup nothing else is reachable: the one-time password leads
        // to the password page, then to enrolment.
        await page.goto(`${server.url}/login`);
        await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
        await submitPassword(page, admin.email, admin.password);
        await waitForPath(page, '/setup/password');
        await page.getByRole('heading', { level: 1, name: 'Choose your own password' }).waitFor();
        // A too-short password is refused in the page, with the rule.
        await page.locator('input[name="new-password"]').fill('short');
        await page.locator('input[name="repeat-password"]').fill('short');
        await page.locator('form button[type="submit"]').click();
        await page.getByText('Use at least 12 characters.').waitFor();
        await page.goto(`${server.url}/admin/users`);
        await waitForPath(page, '/setup/password'); // the guard keeps setup first (after a reload too)
      } finally {
        await context.close();
      }

      const context2 = await newContext(browser, 'laptop', { locale: kLocale.en });
      try {
        const page = await context2.newPage();
        const watch = await watchPage(page);
        const account = await firstSignIn(page, server.url, admin, 'en');
        assert.equal(account.recoveryCodes.length, 10);
        assert.equal(new Set(account.recoveryCodes).size, 10, 'recovery codes are distinct');
        await waitForPath(page, '/');
        const session = await currentSession(page);
        assert.deepEqual(session.needs, []);
        // Home shows the organization and the roles.
        await page.getByRole('heading', { level: 1, name: session.org.name }).waitFor();
        await page.getByTestId('my-roles').getByText('Organization admin').waitFor();
        assert.equal((await page.getByTestId('org-name').textContent()).trim(), session.org.name);

        await signOut(page, 'en');
        assert.equal((await page.request.get(`${server.url}/api/session`)).status(), 401, 'signed out on the server');

        // Sign in again: password, then the code the app shows now.
        await submitPassword(page, account.email, account.password);
        await page.getByText('Enter the code from your authenticator app to finish signing in.').waitFor();
        // A wrong code is refused with the translated message; the form stays on the code.
        const wrong = totpCode(account.secret, account.lastStep + 1000);
        await submitCode(page, wrong);
        await page.getByRole('alert').getByText(kText.en.totpInvalid).waitFor();
        await submitCode(page, await freshTotp(account));
        await page.getByTestId('user-name').waitFor();
        await waitForPath(page, '/');
        assert.deepEqual((await currentSession(page)).needs, []);
        await assertClean(watch, server.url);
      } finally {
        await context2.close();
      }
    });

    it('refuses a replayed code and accepts a recovery code once (es, phone)', async () => {
      const staff = await server.addUser({
        email: 'jo.staff@example.org',
        name: 'Jo Staff',
        role: 'staff_organizer',
        campaign: 'Harbor View Hotel housekeeping',
      });
      const context = await newContext(browser, 'phone', { locale: kLocale.es });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        // A wrong first code at enrolment is refused, in Spanish.
        const account = await firstSignIn(page, server.url, staff, 'es', { wrongCodeFirst: true });
        await assertFitsWidth(page, 360);
        await signOut(page, 'es');
        await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();

        await submitPassword(page, account.email, account.password);
        // The code used at enrolment is a replay: refused, in Spanish.
        await submitCode(page, totpCode(account.secret, account.lastStep));
        await page.getByRole('alert').getByText(kText.es.totpReplayed).waitFor();
        await assertFitsWidth(page, 360);
        // A recovery code signs in.
        const recovery = account.recoveryCodes[0];
        await submitCode(page, recovery);
        await page.getByTestId('user-name').waitFor();
        assert.deepEqual((await currentSession(page)).needs, []);

        // ...once. This is the 6th sign-in request for the account within a
        // minute (each sign-in with two-factor takes two), so the server's
        // per-account limit (5/min, security-model.md §2.9) answers 429 with
        // Retry-After: the page says how long to wait, in Spanish, and keeps
        // the code step; after that wait the used code is refused.
        await signOut(page, 'es');
        await submitPassword(page, account.email, account.password);
        await submitCode(page, recovery);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        let text = (await alert.textContent()).trim();
        const limited = /^Demasiados intentos\. Espera (\d+) segundos y vuelve a intentarlo\.$/.exec(text);
        if (limited) {
          await sleep((Number(limited[1]) + 1) * 1000);
          await submitCode(page, recovery);
          await page.getByRole('alert').getByText(kText.es.totpInvalid).waitFor();
          text = (await page.getByRole('alert').textContent()).trim();
        }
        assert.match(text, /^Ese código no es correcto\./, 'a used recovery code is refused');
        assert.equal(new URL(page.url()).pathname, '/login');
        assert.equal((await page.request.get(`${server.url}/api/session`)).status(), 401);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });
  });
}
