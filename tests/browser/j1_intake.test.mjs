// SPDX-License-Identifier: AGPL-3.0-or-later
// J1.1 Ask for help and J1.2 Ask again 5 days later (journeys.md), then the
// triage part of J2.1 (filters, spam, a duplicate suggestion merged by a
// person with a reason). The match/assign part of J2.1 is the matching
// feature's. Rosa: Spanish from Accept-Language, the 360 px phone preset on
// Slow 3G; Dana the dispatcher: laptop, English.
// Never: lose typed text; two intakes from a double tap; reveal that a
// phone is known; a new, un-aged intake hiding the delay; an auto-merge.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emulateSlow3G, launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import { apiFetch, assertClean, assertFitsWidth, firstSignIn, kLocale } from './flows.mjs';
import { kForbiddenField, ownerSql, submitIntake } from './intake.mjs';

const kRosaPhone = '(202) 555-0190';
const kDay = 86_400_000;

async function fillRosa(page) {
  await page.locator('input[name="name"]').fill('Rosa');
  await page.locator('input[name="phone"]').fill(kRosaPhone);
  await page.locator('input[name="best_time"]').fill('Tardes después de las 7');
  await page.locator('input[name="employer"]').fill('Harbor View Hotel');
  await page.locator('input[name="city"]').fill('Austin');
  await page.locator('input[name="zip"]').fill('78701');
  await page.locator('select[name="industry"]').selectOption('hotels');
  await page.locator('select[name="size_band"]').selectOption('11-50');
  await page.locator('textarea[name="story"]').fill('Nos recortaron las horas después de preguntar por las horas extra.');
}

for (const db of testDatabases()) {
  describe(`J1.1, J1.2, J2.1 intake and triage [${db}]`, { timeout: 600_000 }, () => {
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

    it('J1.1: Rosa asks for help in Spanish on a 360 px phone, through a dropped connection', async () => {
      const context = await newContext(browser, 'phone', { locale: kLocale.es });
      const page = await context.newPage();
      const watch = await watchPage(page);
      await emulateSlow3G(page);
      await page.goto(`${server.url}/talk/demo`);
      await page.getByRole('heading', { level: 1, name: 'Habla con un organizador' }).waitFor();
      const firstLoad = await watch.transferredBytes();
      assert.ok(firstLoad <= 150 * 1024, `the page transferred ${firstLoad} bytes (budget 150 KB)`);
      // A language switch, and no field for immigration status, birth country or SSN.
      await page.getByRole('button', { name: 'English', exact: true }).waitFor();
      const labels = await page.locator('label').allTextContents();
      const names = await page.locator('input, select, textarea').evaluateAll((els) => els.map((e) => e.name));
      assert.ok(!labels.some((l) => kForbiddenField.test(l)), `a forbidden field label: ${labels.join(' | ')}`);
      assert.ok(!names.some((n) => kForbiddenField.test(n)), `a forbidden field: ${names.join(', ')}`);

      await fillRosa(page);
      // A work email: the inline warning, in Spanish, says the boss can read it.
      await page.locator('input[name="email"]').fill('rosa@harborviewhotel.com');
      const warning = page.getByTestId('work-email-warning');
      await warning.waitFor();
      assert.match(await warning.textContent(), /Tu jefe puede leerlo/);
      await page.locator('input[name="email"]').fill('');
      await warning.waitFor({ state: 'hidden' });
      await page.locator('input[name="consent"]').check();
      // The text survives a reload.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Habla con un organizador' }).waitFor();
      assert.equal(await page.locator('input[name="name"]').inputValue(), 'Rosa');
      assert.match(await page.locator('textarea[name="story"]').inputValue(), /horas extra/);
      assert.ok(await page.locator('input[name="consent"]').isChecked());
      await assertFitsWidth(page, 360);

      // The connection drops while the request is on its way.
      let dropped = 0;
      await page.route('**/api/intake/demo/requests', async (route) => {
        dropped++;
        await context.setOffline(true);
        await route.abort('internetdisconnected');
      });
      await page.getByRole('button', { name: 'Enviar', exact: true }).click();
      const offline = page.getByTestId('intake-offline');
      await offline.getByText('Sin conexión, tu mensaje está guardado').waitFor({ timeout: 60_000 });
      assert.equal(dropped, 1);
      assert.equal(await page.locator('input[name="name"]').inputValue(), 'Rosa', 'nothing typed is lost');
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM intakes'), '0');
      await page.unroute('**/api/intake/demo/requests');
      await context.setOffline(false);
      // Reconnected: Retry, tapped twice in a hurry, sends one request.
      await offline.getByRole('button', { name: 'Reintentar', exact: true }).dblclick();
      const done = page.getByTestId('intake-done');
      await done.waitFor({ timeout: 60_000 });
      await done.getByText('Un organizador te contactará en menos de 48 horas.').waitFor();
      await done.getByText('Qué pasa ahora').waitFor();
      await done.getByText('Cómo dejar de recibir contacto').waitFor();
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM intakes'), '1', 'one intake from a double tap');
      // The saved draft is gone once sent.
      assert.equal(await page.evaluate(() => sessionStorage.length), 0);
      await assertFitsWidth(page, 360);
      console.log(`J1.1 [${db}]: first load ${firstLoad} bytes; whole journey ${await watch.transferredBytes()} bytes`);
      await assertClean(watch, server.url);
      await context.close();
    });

    it('J1.1: the answer is the same whether or not the phone is already known', async () => {
      const known = await submitIntake(server.url, { phone: '+12025550101', name: 'Probe' }); // Rosa Quintero (demo)
      const unknown = await submitIntake(server.url, { phone: '+12025550189', name: 'Probe' });
      assert.equal(known.status, 202);
      assert.deepEqual(known, unknown);
      assert.equal(await ownerSql(server, "SELECT count(*) FROM intakes WHERE person_id IS NOT NULL"), '0');
      // The two probes leave the queue again (Rosa's request stays, the oldest).
      const probes = 'SELECT id FROM intakes WHERE received_at_ms > (SELECT min(received_at_ms) FROM intakes)';
      await ownerSql(server, `DELETE FROM intake_events WHERE intake_id IN (${probes})`);
      await ownerSql(server, `DELETE FROM intake_submissions WHERE intake_id IN (${probes})`);
      await ownerSql(server, `DELETE FROM intakes WHERE id IN (${probes})`);
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM intakes'), '1');
    });

    it('J1.2: Rosa asks again 5 days later: one intake, "repeat request", already overdue', async () => {
      // Five days pass with no call: the row's clock moves back, no sleep.
      await ownerSql(
        server,
        `UPDATE intakes SET received_at_ms = received_at_ms - ${5 * kDay}, last_request_at_ms = last_request_at_ms - ${5 * kDay}, stage_changed_at_ms = stage_changed_at_ms - ${5 * kDay}`,
      );
      const received = await ownerSql(server, 'SELECT received_at_ms FROM intakes');
      const context = await newContext(browser, 'phone', { locale: kLocale.es });
      const page = await context.newPage();
      await page.goto(`${server.url}/talk/demo`);
      await fillRosa(page);
      await page.locator('input[name="consent"]').check();
      await page.getByRole('button', { name: 'Enviar', exact: true }).click();
      await page.getByTestId('intake-done').getByText('Un organizador te contactará en menos de 48 horas.').waitFor({ timeout: 60_000 });
      await context.close();
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM intakes'), '1', 'no new, un-aged intake');
      assert.equal(await ownerSql(server, 'SELECT received_at_ms FROM intakes'), received, 'the original time stays');
      assert.equal(await ownerSql(server, 'SELECT repeat_count FROM intakes'), '1');
    });

    it('J2.1: Dana triages: oldest first with badges, filters es + TX, marks spam, merges a duplicate with a reason', async () => {
      // More requests arrive: a loan advert, a worker whose phone is already
      // a demo person's (Rosa Quintero), and one in English from California.
      assert.equal((await submitIntake(server.url, { name: 'Cheap Loans', phone: '+12025550183', story: 'Loans!!' })).status, 202);
      assert.equal((await submitIntake(server.url, { name: 'R. Quintero', phone: '+12025550101' })).status, 202);
      assert.equal((await submitIntake(server.url, { name: 'Sam West', phone: '+12025550184', language: 'en', zip: '90012', industry: 'warehouses' })).status, 202);

      const dispatcher = await server.addUser({ email: 'dana@example.org', name: 'Dana Dispatcher', role: 'dispatcher' });
      const context = await newContext(browser, 'laptop', { locale: kLocale.en });
      const page = await context.newPage();
      const watch = await watchPage(page);
      await firstSignIn(page, server.url, dispatcher, 'en');
      await page.goto(`${server.url}/triage`);
      await page.getByRole('heading', { level: 1, name: 'Triage' }).waitFor();
      const rows = page.getByTestId('intake-row');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 4);
      // Oldest first: Rosa's, five days old, red and a repeat request.
      const first = rows.first();
      assert.match(await first.textContent(), /Rosa/);
      assert.equal(await first.getByTestId('sla-badge').getAttribute('data-badge'), 'red');
      await first.getByTestId('repeat-tag').waitFor();
      assert.equal(await rows.nth(1).getByTestId('sla-badge').getAttribute('data-badge'), 'green');

      // Filter: Spanish, Texas.
      await page.locator('select[name="language"]').selectOption('es');
      await page.locator('input[name="region"]').fill('TX');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="intake-row"]').length === 3);
      assert.ok(!(await page.locator('[data-testid="intake-row"]', { hasText: 'Sam West' }).count()));

      // Spam, with a reason.
      const loans = page.locator('[data-testid="intake-row"]', { hasText: 'Cheap Loans' });
      await loans.getByRole('button', { name: 'Mark as spam', exact: true }).click();
      const spamDialog = page.getByRole('dialog', { name: 'Mark as spam' });
      await spamDialog.locator('input[name="reason"]').fill('Loan advert');
      await spamDialog.getByRole('button', { name: 'Mark as spam', exact: true }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="intake-row"]').length === 2);

      // The duplicate suggestion: side by side, merged only with a click and a reason.
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM intakes WHERE person_id IS NOT NULL'), '0', 'no auto-merge');
      const quintero = page.locator('[data-testid="intake-row"]', { hasText: 'R. Quintero' });
      await quintero.getByRole('button', { name: 'Duplicates', exact: true }).click();
      const pair = page.getByTestId('duplicate-pair');
      await pair.waitFor();
      assert.match(await pair.textContent(), /R\. Quintero[\s\S]*Rosa Quintero/);
      await pair.getByRole('button', { name: 'Link to this person', exact: true }).click();
      const mergeDialog = page.getByRole('dialog', { name: 'Merge: why are these the same worker?' });
      await mergeDialog.getByRole('button', { name: 'Merge', exact: true }).click();
      await mergeDialog.getByText('A reason is required.').waitFor();
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM intakes WHERE person_id IS NOT NULL'), '0');
      await mergeDialog.locator('input[name="reason"]').fill('Same phone; she confirmed on the call');
      await mergeDialog.getByRole('button', { name: 'Merge', exact: true }).click();
      await mergeDialog.waitFor({ state: 'hidden' });
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM intakes WHERE person_id IS NOT NULL'), '1');
      // Each step is timestamped and audited.
      const audit = await ownerSql(server, "SELECT action FROM audit_events WHERE action IN ('intake.spam', 'intake.merged') ORDER BY seq");
      assert.deepEqual(audit.split('\n'), ['intake.spam', 'intake.merged']);
      // The free text is there for the dispatcher.
      await page.locator('[data-testid="intake-row"]', { hasText: 'Rosa' }).first().getByRole('button', { name: 'Open', exact: true }).click();
      await page.getByTestId('intake-detail').getByText('horas extra', { exact: false }).waitFor();
      const { status } = await apiFetch(page, 'GET', '/api/orgs/demo/intakes?overdue=1');
      assert.equal(status, 200);
      await assertClean(watch, server.url);
      await context.close();
    });
  });
}
