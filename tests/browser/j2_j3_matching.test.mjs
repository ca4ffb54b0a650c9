// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue #5's headline and the matching journeys (journeys.md): a worker
// submits in Spanish on a 360 px phone; a dispatcher matches the request
// to a Spanish-speaking organizer within the radius (J2.1 match part:
// ranked with reasons, greyed with reasons, assign -> matched); the
// organizer accepts and logs the conversation through a dropped connection
// and a closed tab (J3.1: "1 pending", reconnect -> synced, exactly one
// record after 3 retries; the SLA clock stops at first contact, at the
// device time); J2.2 (decline -> back in the queue, re-match in <= 3
// clicks); J2.3 (consent, anonymous card, accept, only the consented fields).
// Never: the free text to an unassigned organizer; lost notes; duplicate
// records; fields sent before consent or acceptance.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, repoRoot, startServer, testDatabases } from './harness.mjs';
import { apiFetch, assertFitsWidth, firstSignIn, kLocale } from './flows.mjs';
import { ownerSql, submitIntake } from './intake.mjs';

const bin = process.env.HOTSHOP_BIN || path.join(repoRoot, 'build', 'hotshop');

function runHotshop(args) {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`hotshop ${args[0]} failed: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

async function profile(page, userId, body) {
  const r = await apiFetch(page, 'GET', `/api/orgs/demo/organizers/${userId}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const res = await page.evaluate(async ({ userId, body, version }) => {
    const x = await fetch(`/api/orgs/demo/organizers/${userId}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'hotshop', 'If-Match': `"v${version}"` },
      body: JSON.stringify(body),
    });
    return x.status;
  }, { userId, body, version: r.body.version });
  assert.equal(res, 200);
}

const kNear = { home_zip: '78704', radius_km: 30, industries: ['hotels'], capacity: 3, training: ['charting'], completed_campaigns: 1 };

for (const db of testDatabases()) {
  describe(`Issue #5 headline, J2.1 match, J2.2, J2.3, J3.1 [${db}]`, { timeout: 900_000 }, () => {
    let server;
    let browser;
    let dana;    // dispatcher page (laptop)
    let danaCtx;
    let sam;     // Spanish-speaking organizer (phone)
    let samUser;
    let benUser; // eslint-disable-line no-unused-vars
    let anaUser;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      await server.demo();
      const d = await server.addUser({ email: 'dana@example.org', name: 'Dana Dispatcher', role: 'dispatcher' });
      danaCtx = await newContext(browser, 'laptop', { locale: kLocale.en });
      dana = await danaCtx.newPage();
      await firstSignIn(dana, server.url, d, 'en');
      samUser = await server.addUser({ email: 'sam@example.org', name: 'Sam Organizer', role: 'volunteer_organizer' });
      benUser = await server.addUser({ email: 'ben@example.org', name: 'Ben English', role: 'volunteer_organizer' });
      anaUser = await server.addUser({ email: 'ana@example.org', name: 'Ana Second', role: 'volunteer_organizer' });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    const userId = async (page) => (await apiFetch(page, 'GET', '/api/session')).body.user.id;

    it('headline + J2.1 + J3.1: Spanish on 360 px -> matched to a Spanish speaker in range -> accepted -> logged offline once; the SLA stops at first contact', async () => {
      // Rosa submits in Spanish on a 360 px phone.
      const rosaCtx = await newContext(browser, 'phone', { locale: kLocale.es });
      const rosa = await rosaCtx.newPage();
      await rosa.goto(`${server.url}/talk/demo`);
      await rosa.getByRole('heading', { level: 1, name: 'Habla con un organizador' }).waitFor();
      await rosa.locator('input[name="name"]').fill('Rosa');
      await rosa.locator('input[name="phone"]').fill('(202) 555-0190');
      await rosa.locator('input[name="employer"]').fill('Harbor View Hotel');
      await rosa.locator('input[name="city"]').fill('Austin');
      await rosa.locator('input[name="zip"]').fill('78701');
      await rosa.locator('select[name="industry"]').selectOption('hotels');
      await rosa.locator('select[name="size_band"]').selectOption('11-50');
      await rosa.locator('textarea[name="story"]').fill('Nos recortaron las horas después de preguntar por las horas extra.');
      await rosa.locator('input[name="consent"]').check();
      await assertFitsWidth(rosa, 360);
      await rosa.getByRole('button', { name: 'Enviar', exact: true }).click();
      await rosa.getByTestId('intake-done').waitFor({ timeout: 60_000 });
      await rosaCtx.close();
      const intake = await ownerSql(server, 'SELECT id FROM intakes');
      assert.equal(await ownerSql(server, 'SELECT language FROM intakes'), 'es');

      // Sam signs in on his phone (Spanish), so his account exists with an id.
      const samCtx = await newContext(browser, 'phone', { locale: kLocale.es });
      sam = await samCtx.newPage();
      await firstSignIn(sam, server.url, samUser, 'es');
      const samId = await userId(sam);
      const benId = await ownerSql(server, "SELECT id FROM users WHERE id IN (SELECT user_id FROM memberships) AND id <> '" + samId + "' AND id IN (SELECT user_id FROM grants WHERE role = 'volunteer_organizer') ORDER BY created_at_ms LIMIT 1");
      // Profiles: Sam speaks Spanish and lives 3 km away; Ben speaks English only.
      await profile(dana, samId, { ...kNear, languages: ['es', 'en'] });
      await profile(dana, benId, { ...kNear, languages: ['en'] });

      // J2.1: Dana opens the match page: ranked with reasons, greyed with reasons.
      await dana.goto(`${server.url}/match/${intake}`);
      const rows = dana.getByTestId('organizer-row');
      await rows.first().waitFor();
      const first = rows.first();
      assert.equal(await first.getAttribute('data-user'), samId);
      assert.equal(await first.getAttribute('data-assignable'), 'yes');
      const reasons = await first.getByTestId('reasons').textContent();
      assert.match(reasons, /speaks es/);
      assert.match(reasons, /\d+ km/);
      assert.match(reasons, /hotels/);
      assert.match(reasons, /1\/3 campaigns|0\/3 campaigns/);
      assert.match(reasons, /charting ✓/);
      const ben = dana.locator(`[data-testid="organizer-row"][data-user="${benId}"]`);
      assert.equal(await ben.getAttribute('data-assignable'), 'no');
      assert.match(await ben.getByTestId('reasons').textContent(), /does not speak es/);
      assert.equal(await ben.getByRole('button').count(), 0, 'a greyed organizer has no Assign button');
      // Never: the free text to an unassigned organizer.
      const peek = await apiFetch(sam, 'GET', `/api/orgs/demo/my/intakes/${intake}`);
      assert.equal(peek.status, 404);
      assert.equal((await apiFetch(sam, 'GET', `/api/orgs/demo/intakes/${intake}`)).status, 404);
      // Assign: one click -> matched.
      await first.getByRole('button', { name: 'Assign', exact: true }).click();
      await dana.getByText('Assigned to Sam Organizer').waitFor();
      await dana.locator('[data-testid="match-stage"][data-stage="matched"]').waitFor();

      // J3.1: Sam's /my: accept, the worker's card with tap-to-call.
      await sam.goto(`${server.url}/my`);
      await sam.getByTestId('notifications').waitFor();
      await sam.getByRole('button', { name: 'Aceptar', exact: true }).click();
      const card = sam.getByTestId('worker-card');
      await card.waitFor();
      assert.equal(await card.getByTestId('tap-to-call').getAttribute('href'), 'tel:+12025550190');
      assert.match(await card.textContent(), /horas extra/);
      await assertFitsWidth(sam, 360);
      // The conversation log: the 7 steps and free notes. Drop in the subway.
      await sam.locator('input[name="step-intro"]').check();
      await sam.locator('input[name="step-issues"]').check();
      await sam.locator('input[name="note-issues"]').fill('Recorte de horas tras preguntar por horas extra');
      await samCtx.setOffline(true);
      await sam.locator('textarea[name="notes"]').fill('Llamar de nuevo el viernes; conoce a 5 compañeras del turno de noche');
      await sam.getByRole('button', { name: 'Guardar la llamada', exact: true }).click();
      await sam.getByTestId('pending-chip').getByText('1 pendiente').waitFor();
      // The tab closes while offline; nothing reached the server.
      await sam.close();
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM conversation_logs'), '0');
      // Reconnect. The first 3 sends reach the server but their answers are
      // lost: the device retries, and the server keeps exactly one record.
      await samCtx.setOffline(false);
      let lost = 0;
      await samCtx.route('**/my/intakes/*/conversations', async (route) => {
        if (lost < 3) {
          lost++;
          await route.fetch();
          await route.abort('connectionreset');
        } else {
          await route.continue();
        }
      });
      const sam2 = await samCtx.newPage();
      await sam2.goto(`${server.url}/my`);
      await sam2.getByTestId('synced-chip').waitFor({ timeout: 90_000 });
      assert.equal(lost, 3, 'three sends lost their answer');
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM conversation_logs'), '1', 'exactly one record');
      assert.equal(await sam2.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hotshop.my.')).length), 0,
        'the outbox is cleared after sync');
      // The SLA clock stops at first contact, at the device time of the call.
      assert.equal(await ownerSql(server, 'SELECT stage FROM intakes'), 'first_contact');
      const contacted = await ownerSql(server, 'SELECT contacted_at_ms FROM conversation_logs');
      assert.equal(await ownerSql(server, 'SELECT first_contact_at_ms FROM intakes'), contacted);
      const synced = await ownerSql(server, 'SELECT created_at_ms FROM conversation_logs');
      assert.ok(Number(contacted) < Number(synced), 'the device time, not the sync time');
      const tri = await apiFetch(dana, 'GET', `/api/orgs/demo/intakes/${intake}`);
      assert.equal(tri.body.sla.badge, 'met');
      await samCtx.unroute('**/my/intakes/*/conversations');
    });

    it('J2.2: the organizer declines -> back in the queue with history; re-match in <= 3 clicks', async () => {
      await submitIntake(server.url, { name: 'Luz', phone: '+12025550191', language: 'es' });
      const intake = await ownerSql(server, "SELECT id FROM intakes WHERE stage = 'new'");
      const anaCtx = await newContext(browser, 'phone', { locale: kLocale.en });
      const ana = await anaCtx.newPage();
      await firstSignIn(ana, server.url, anaUser, 'en');
      const anaId = await userId(ana);
      await profile(dana, anaId, { ...kNear, languages: ['es'], home_zip: '78701' });
      // Dana assigns Ana (the nearest) from the match page.
      await dana.goto(`${server.url}/match/${intake}`);
      const anaRow = dana.locator(`[data-testid="organizer-row"][data-user="${anaId}"]`);
      await anaRow.getByRole('button', { name: 'Assign', exact: true }).click();
      await dana.locator('[data-testid="match-stage"][data-stage="matched"]').waitFor();
      // Ana declines on her phone, with a reason.
      await ana.goto(`${server.url}/my`);
      await ana.getByRole('button', { name: 'Decline', exact: true }).click();
      await ana.locator('input[name="reason"]').fill('Out of town this week');
      await ana.getByRole('button', { name: 'Send it back to the queue', exact: true }).click();
      await ana.getByText('Nothing assigned to you right now.').waitFor();
      assert.equal(await ownerSql(server, `SELECT stage FROM intakes WHERE id = '${intake}'`), 'triaged');
      // Re-match from the queue: open the request, "Find an organizer", Assign: 3 clicks.
      let clicks = 0;
      await dana.goto(`${server.url}/triage`);
      await dana.locator(`[data-testid="intake-row"][data-id="${intake}"]`).getByRole('button', { name: 'Open', exact: true }).click();
      clicks++;
      await dana.getByTestId('match-link').click();
      clicks++;
      await dana.waitForURL((u) => u.pathname === `/intakes/${intake}/match`);
      await dana.getByTestId('history').locator('[data-kind="declined"]').waitFor();
      const greyed = dana.locator(`[data-testid="organizer-row"][data-user="${anaId}"]`);
      assert.equal(await greyed.getAttribute('data-assignable'), 'no');
      assert.match(await greyed.getByTestId('reasons').textContent(), /declined this request before/);
      const next = dana.locator('[data-testid="organizer-row"][data-assignable="yes"]').first();
      await next.getByRole('button', { name: 'Assign', exact: true }).click();
      clicks++;
      await dana.locator('[data-testid="match-stage"][data-stage="matched"]').waitFor();
      assert.ok(clicks <= 3);
      assert.equal(await ownerSql(server, `SELECT count(*) FROM intake_events WHERE intake_id = '${intake}' AND kind = 'decline'`), '1');
      await anaCtx.close();
    });

    it('J2.3: consent -> anonymous card -> accept -> only the consented fields', async () => {
      await runHotshop(['org', 'add', '--db', server.dbUrl, '--key-file', server.keyFile, '--slug', 'center', '--name', 'Worker Center']);
      const lucia = await server.addUser({ email: 'lucia@example.org', name: 'Lucia Caseworker', role: 'org_admin', org: 'center' });
      const lCtx = await newContext(browser, 'laptop', { locale: kLocale.en });
      const lp = await lCtx.newPage();
      await firstSignIn(lp, server.url, lucia, 'en');
      // Both admins list each other (the demo admin through the owner: a row each side).
      assert.equal((await apiFetch(lp, 'POST', '/api/orgs/center/partners', { slug: 'demo' })).status, 201);
      const demoId = await ownerSql(server, "SELECT id FROM orgs WHERE slug = 'demo'");
      const centerId = await ownerSql(server, "SELECT id FROM orgs WHERE slug = 'center'");
      await ownerSql(server, `INSERT INTO partnerships (org_id, partner_org_id, added_by, added_at_ms) VALUES ('${demoId}', '${centerId}', '${demoId}', 0)`);
      await submitIntake(server.url, { name: 'Marta Salario', phone: '+12025550192', story: 'No me pagaron dos semanas', industry: 'restaurants' });
      const intake = await ownerSql(server, "SELECT id FROM intakes WHERE stage = 'new'");
      await dana.goto(`${server.url}/match/${intake}`);
      const form = dana.getByTestId('refer-form');
      await form.waitFor();
      await form.locator('select[name="partner"]').selectOption(centerId);
      await form.locator('select[name="channel"]').selectOption('phone');
      await form.locator('input[name="field-name"]').check();
      await form.locator('input[name="field-phone"]').check();
      const send = form.getByRole('button', { name: 'Send the referral', exact: true });
      assert.ok(await send.isDisabled(), 'nothing leaves before consent is recorded');
      await form.locator('input[name="consent"]').check();
      await send.click();
      await dana.getByText('Referral sent to Worker Center.').waitFor();
      // Lucia sees the anonymous card only.
      await lp.goto(`${server.url}/referrals`);
      const cardRow = lp.getByTestId('referral-card').first();
      await cardRow.waitFor();
      const before = await lp.locator('main').textContent();
      assert.match(await cardRow.getByTestId('anonymous-card').textContent(), /restaurants · Austin · 11-50/);
      for (const secret of ['Marta', '555-0192', '5550192', 'pagaron', 'Harbor']) assert.ok(!before.includes(secret), secret);
      assert.equal(await ownerSql(server, 'SELECT count(*) FROM referral_copies'), '0');
      await cardRow.getByRole('button', { name: 'Accept', exact: true }).click();
      const copy = lp.getByTestId('referral-copy');
      await copy.waitFor();
      assert.equal(await copy.locator('[data-field="name"]').textContent(), 'Marta Salario');
      assert.equal(await copy.locator('[data-field="phone"]').textContent(), '+12025550192');
      assert.equal(await copy.locator('[data-field="story"]').count(), 0, 'only the consented fields');
      assert.ok(!(await lp.locator('main').textContent()).includes('pagaron'));
      assert.equal(await ownerSql(server, `SELECT count(*) FROM referral_copies WHERE org_id = '${centerId}'`), '1');
      await lCtx.close();
    });
  });
}
