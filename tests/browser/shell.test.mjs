// SPDX-License-Identifier: AGPL-3.0-or-later
// The web UI shell on a real server: language detection and the switch,
// Rosa's phone (360 px, no horizontal scroll, small page), the strict CSP,
// nothing third-party. Journeys: J1.1 step 1 (page in Spanish from
// Accept-Language, with a language switch) and its ACs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';

const kEnglishDescription = /hotshop helps workers organize a union/;
const kSpanishDescription = /hotshop ayuda a trabajadoras y trabajadores a organizar un sindicato/;
const kPageBudgetBytes = 150 * 1024; // journeys.md J1.1: <= 150 KB transferred

async function assertFitsWidth(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `horizontal scroll: scrollWidth ${scrollWidth} > ${width}`);
}

async function assertClean(watch, origin) {
  assert.deepEqual(watch.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(watch.consoleErrors, [], 'console errors (CSP violations show here)');
  assert.deepEqual(await watch.cspViolations(), [], 'CSP violations');
  assert.deepEqual(watch.foreignRequests(origin), [], 'requests to another origin');
}

for (const db of testDatabases()) {
  describe(`web shell [${db}]`, { timeout: 120_000 }, () => {
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

    it('starts in English, switches to Spanish, and stays Spanish after a reload', async () => {
      const context = await newContext(browser, 'phone', { locale: 'en-US' });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await page.goto(`${server.url}/`);

        await page.getByRole('heading', { level: 1, name: 'hotshop' }).waitFor();
        await page.getByText(kEnglishDescription).waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        assert.ok(await page.getByRole('link', { name: 'Sign in' }).isVisible());
        assert.ok(await page.getByText('Free software under AGPL-3.0-or-later').isVisible());
        // The shell asked the server's /healthz and shows the answer.
        await page.locator('[data-health="ok"]').waitFor();
        await assertFitsWidth(page, 360);

        await page.getByRole('button', { name: 'Español' }).click();
        await page.getByText(kSpanishDescription).waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), 'es');
        assert.ok(await page.getByRole('link', { name: 'Iniciar sesión' }).isVisible());
        await assertFitsWidth(page, 360);

        await page.reload();
        await page.getByText(kSpanishDescription).waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), 'es');
        assert.equal(await page.evaluate(() => localStorage.getItem('hotshop.lang')), 'es');
        assert.ok(await page.getByRole('button', { name: 'English' }).isVisible());
        await assertFitsWidth(page, 360);

        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });

    it('starts in Spanish for Accept-Language es-MX', async () => {
      const context = await newContext(browser, 'phone', { locale: 'es-MX' });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await page.goto(`${server.url}/`);
        await page.getByText(kSpanishDescription).waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), 'es');
        assert.ok(await page.getByText('Software libre bajo la licencia AGPL-3.0-or-later').isVisible());
        await assertFitsWidth(page, 360);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });

    it('loads the welcome page on a phone within the 150 KB budget', async () => {
      const context = await newContext(browser, 'phone', { locale: 'es-MX' });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
        const bytes = await watch.transferredBytes();
        assert.ok(bytes <= kPageBudgetBytes, `transferred ${bytes} B > ${kPageBudgetBytes} B`);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });

    it('goes from the welcome page to a labelled sign-in form without reloading', async () => {
      for (const preset of ['phone', 'laptop']) {
        const context = await newContext(browser, preset, { locale: 'en-US' });
        try {
          const page = await context.newPage();
          const watch = await watchPage(page);
          await page.goto(`${server.url}/`);
          await page.getByRole('link', { name: 'Sign in' }).click();
          await page.waitForURL(`${server.url}/login`);
          await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
          assert.ok(await page.getByLabel('Email').isVisible(), `${preset}: email field`);
          assert.equal(await page.getByLabel('Password').getAttribute('type'), 'password');
          assert.ok(await page.getByRole('button', { name: 'Sign in' }).isVisible(), `${preset}: submit`);
          if (preset === 'phone') await assertFitsWidth(page, 360);
          // One document load: the router navigated in place.
          const documents = watch.requests.filter((r) => r.resourceType() === 'document');
          assert.equal(documents.length, 1, `${preset}: documents loaded`);
          await assertClean(watch, server.url);
        } finally {
          await context.close();
        }
      }
    });
  });
}
