// SPDX-License-Identifier: AGPL-3.0-or-later
// J3.3 Mentor check-in (journeys.md): Ana (mentor grant on Sam's campaign)
// reads Sam's campaign and leaves a note; Sam sees it.
// Never: Sam sees other organizers' campaigns, or Ana edits assessments.
// The notes are on the campaign dashboard and the person page (web/src/notes
// NotesPanel; also alone at /notes?campaign=ID): the "facts, not opinions" hint (R40), the author and
// the time on each note; Ana (laptop, English), Sam (phone, Spanish).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import { apiFetch, assertClean, assertFitsWidth, firstSignIn, kLocale, signIn } from './flows.mjs';

const kHarbor = 'Harbor View Hotel housekeeping';
const kCopper = 'Copper Kettle Coffee, 12 shops';
const kNote = 'Sam: 3 housekeepers came to Thursday’s meeting. Lee asked about the night-shift schedule.';

for (const db of testDatabases()) {
  describe(`J3.3 mentor check-in [${db}]`, { timeout: 300_000 }, () => {
    let server;
    let browser;
    let ana;
    let sam;
    const ids = {};

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      const demo = await server.demo();
      // The admin names the two campaigns' ids (Copper Kettle is another organizer's).
      const adminContext = await newContext(browser, 'laptop', { locale: kLocale.en });
      try {
        const page = await adminContext.newPage();
        await firstSignIn(page, server.url, demo, 'en');
        const all = await apiFetch(page, 'GET', '/api/orgs/demo/campaigns');
        ids.harbor = all.body.campaigns.find((c) => c.name === kHarbor).id;
        ids.copper = all.body.campaigns.find((c) => c.name === kCopper).id;
      } finally {
        await adminContext.close();
      }
      ana = await server.addUser({ email: 'ana.mentor@example.org', name: 'Ana Mentor', role: 'mentor', campaign: kHarbor });
      sam = await server.addUser({
        email: 'sam.volunteer@example.org',
        name: 'Sam Volunteer',
        role: 'volunteer_organizer',
        campaign: kHarbor,
      });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('Ana reads Sam’s campaign and leaves a note, and never edits assessments (en, laptop)', async () => {
      const context = await newContext(browser, 'laptop', { locale: kLocale.en });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        ana = await firstSignIn(page, server.url, ana, 'en');
        const campaigns = await apiFetch(page, 'GET', '/api/orgs/demo/campaigns');
        assert.equal(campaigns.status, 200);
        assert.deepEqual(
          campaigns.body.campaigns.map((c) => c.name),
          [kHarbor],
          'a mentor reaches the campaigns of their mentees only',
        );
        assert.equal(campaigns.body.campaigns[0].id, ids.harbor);
        // She reads the campaign: its workplace and wall chart answer.
        const units = await apiFetch(page, 'GET', `/api/orgs/demo/campaigns/${ids.harbor}/units`);
        assert.equal(units.status, 200);
        ids.unit = units.body.units[0].id;
        const chart = await apiFetch(page, 'GET', `/api/orgs/demo/units/${ids.unit}/chart`);
        assert.equal(chart.status, 200, 'the wall chart reads');
        const rosa = chart.body.departments
          .flatMap((d) => d.shifts.flatMap((s) => s.rows))
          .find((r) => r.name === 'Rosa Quintero');
        assert.ok(rosa, 'Rosa is on the chart');
        ids.rosa = rosa.person_id;

        // The notes are on the campaign's dashboard.
        await page.goto(`${server.url}/campaigns/${ids.harbor}`);
        const panel = page.getByTestId('notes');
        await panel.getByText('Write facts, not opinions').waitFor();
        await panel.getByText('No notes yet.').waitFor();
        assert.equal(await panel.locator('input[name="note-staff-only"]').count(), 0, 'no staff-only box for a mentor');
        await panel.getByLabel('New note').fill(kNote);
        await panel.getByRole('button', { name: 'Add note' }).click();
        await panel.getByText('Note added.').waitFor();
        const item = panel.locator('.notes-item').filter({ hasText: kNote });
        await item.waitFor();
        await item.getByText(/^Ana Mentor, /).waitFor();
        // The note survives a reload: it is on the server.
        await page.reload();
        await page.getByTestId('notes').locator('.notes-item').filter({ hasText: kNote }).waitFor();

        // Never: Ana edits assessments (nor cards, employment or the committee).
        const before = await apiFetch(page, 'GET', `/api/orgs/demo/people/${ids.rosa}/assessments`);
        assert.equal(before.status, 200, 'she reads the history');
        const edits = [
          ['POST', `/api/orgs/demo/people/${ids.rosa}/assessments`, { value: 1 }],
          ['POST', `/api/orgs/demo/units/${ids.unit}/cards`, { person_id: ids.rosa, signed_on: '2026-01-05', method: 'paper_photo' }],
          ['POST', `/api/orgs/demo/campaigns/${ids.harbor}/committee`, { person_id: ids.rosa }],
        ];
        for (const [method, path, body] of edits) {
          const r = await apiFetch(page, method, path, body);
          assert.equal(r.status, 404, `${method} ${path} is refused like a missing object`);
        }
        const afterEdits = await apiFetch(page, 'GET', `/api/orgs/demo/people/${ids.rosa}/assessments`);
        assert.deepEqual(afterEdits.body.history, before.body.history, 'no assessment was added');
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });

    it('Sam sees Ana’s note, and never another organizer’s campaign (es, phone)', async () => {
      assert.ok(ids.harbor, 'the campaign from the first test');
      const context = await newContext(browser, 'phone', { locale: kLocale.es });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await firstSignIn(page, server.url, sam, 'es');
        await page.goto(`${server.url}/campaigns/${ids.harbor}`);
        const panel = page.getByTestId('notes');
        await panel.getByText('Escribe hechos, no opiniones').waitFor();
        const item = panel.locator('.notes-item').filter({ hasText: kNote });
        await item.waitFor();
        await item.getByText(/^Ana Mentor, /).waitFor();
        assert.equal(await item.getByRole('button').count(), 0, 'Sam cannot edit Ana’s note');
        await assertFitsWidth(page, 360);

        // Sam answers; his own note has an Edit button.
        await panel.getByLabel('Nota nueva').fill('Ana: gracias. Hablo con Lee el lunes.');
        await panel.getByRole('button', { name: 'Agregar nota' }).click();
        await panel.getByText('Nota agregada.').waitFor();
        const mine = panel.locator('.notes-item').filter({ hasText: 'Hablo con Lee el lunes' });
        await mine.getByRole('button', { name: /^Editar tu nota/ }).waitFor();

        // Never: Sam sees other organizers' campaigns.
        const campaigns = await apiFetch(page, 'GET', '/api/orgs/demo/campaigns');
        assert.deepEqual(
          campaigns.body.campaigns.map((c) => c.name),
          [kHarbor],
          'only his own campaign is listed',
        );
        const missing = '0190aaaa-0000-7000-8000-000000000000';
        for (const path of [`/api/orgs/demo/campaigns/${ids.copper}`, `/api/orgs/demo/campaigns/${ids.copper}/notes`]) {
          const real = await apiFetch(page, 'GET', path);
          const ghost = await apiFetch(page, 'GET', path.replace(ids.copper, missing));
          assert.equal(real.status, 404, `GET ${path}`);
          assert.deepEqual(real.body, ghost.body, 'identical to a missing campaign');
        }
        await page.goto(`${server.url}/notes?campaign=${ids.copper}`);
        await page.getByRole('alert').getByText('Estas notas no están aquí, o no tienes acceso a ellas.').waitFor();
        assert.ok(!(await page.content()).includes(kCopper), 'nothing of Copper Kettle on the page');
        await assertFitsWidth(page, 360);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });

    it('Ana sees Sam’s reply and cannot reach Copper Kettle’s notes (en, laptop)', async () => {
      const context = await newContext(browser, 'laptop', { locale: kLocale.en });
      try {
        const page = await context.newPage();
        // Ana signs in again on a new device: password + code.
        await signIn(page, server.url, ana);
        await page.goto(`${server.url}/notes?campaign=${ids.harbor}`);
        await page.getByTestId('notes').locator('.notes-item').filter({ hasText: 'Hablo con Lee el lunes' }).waitFor();
        // Copper Kettle's notes answer Ana like a missing campaign's.
        const real = await apiFetch(page, 'GET', `/api/orgs/demo/campaigns/${ids.copper}/notes`);
        const ghost = await apiFetch(page, 'GET', '/api/orgs/demo/campaigns/0190aaaa-0000-7000-8000-000000000000/notes');
        assert.equal(real.status, 404);
        assert.deepEqual(real.body, ghost.body);
      } finally {
        await context.close();
      }
    });
  });
}
