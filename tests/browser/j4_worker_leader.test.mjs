// SPDX-License-Identifier: AGPL-3.0-or-later
// P4 Marcus, worker-leader scoped to his store (journeys.md J4.1-J4.3), on
// the Phone, in en and es (one leader each):
//   J4.1 /my/unit -> his store's chart only -> tap Lee -> 3 to 2 with the note
//        "will sign" -> the history shows Marcus and the time; <= 3 taps.
//   J4.2 another store's person URL reads exactly like a random id; no
//        Export in the nav; no staff-only notes, no card images.
//   J4.3 sticker day: ticks who wore it, grouped by shift and language; the
//        result against target and the gaps by shift.
// The leader's unit grant: see flows.mjs addUnitLeader.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  addUnitLeader,
  addWorkers,
  apiFetch,
  assertClean,
  assertFitsWidth,
  campaignIdByName,
  chartRow,
  fakeName,
  fakePhone,
  firstSignIn,
  kLocale,
  mapWorkplace,
  navLinks,
  postAll,
  waitForPath,
} from './flows.mjs';

const kCampaign = 'Copper Kettle Coffee, 12 shops';
const kStaffNote = 'STAFF ONLY: consultant hired, watch the break room';

const kText = {
  en: {
    supporter: '2 Supporter',
    notFound: 'There is nothing here, or it is not yours to see.',
    exportNav: 'Export people',
    stickers: 'Sticker or button day',
    result: /3 of 8 took part \(37%\), target 50% \(4\)/,
    met: 'Target not met',
    uncovered: 'Shift: Closers',
    group: 'Openers · English',
  },
  es: {
    supporter: '2 A favor',
    notFound: 'Aquí no hay nada, o no te corresponde verlo.',
    exportNav: 'Exportar personas',
    stickers: 'Día de calcomanías o botones',
    result: /Participaron 3 de 8 \(37%\), meta 50% \(4\)/,
    met: 'Meta no cumplida',
    uncovered: 'Turno: Closers',
    group: 'Openers · Inglés',
  },
};

for (const db of testDatabases()) {
  describe(`J4 worker-leader on his own unit [${db}]`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    let adminContext;
    let adminPage;
    let admin;
    let campaign;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      const demo = await server.demo();
      adminContext = await newContext(browser, 'laptop', { locale: kLocale.en });
      adminPage = await adminContext.newPage();
      admin = await firstSignIn(adminPage, server.url, demo, 'en');
      campaign = await campaignIdByName(adminPage, kCampaign);
    });

    after(async () => {
      await adminContext?.close();
      await browser?.close();
      await server?.stop();
    });

    for (const lang of ['en', 'es']) {
      it(`Marcus rates Lee, probes other stores, records a sticker day (${lang}, phone)`, async () => {
        const text = kText[lang];
        // Two stores: his (8 workers on Openers/Closers, en/es) and another.
        const map = await mapWorkplace(adminPage, {
          campaign,
          employer: `Copper Kettle ${lang}`,
          worksites: [
            { name: `Store 1234 ${lang}`, region: 'North' },
            { name: `Store 5678 ${lang}`, region: 'South' },
          ],
          departments: ['Floor'],
          shifts: ['Openers', 'Closers'],
        });
        const [mine, other] = map.worksites;
        const workers = [];
        for (let i = 0; i < 8; i += 1) {
          workers.push({
            name: i === 0 ? `Lee Park ${lang}` : fakeName(i + (lang === 'es' ? 20 : 0)),
            phone: fakePhone(60 + i),
            department_id: mine.areas.Floor,
            shift_id: i < 5 ? mine.areas.Openers : mine.areas.Closers,
            preferred_language: i % 2 === 0 ? 'en' : 'es',
          });
        }
        const ids = await addWorkers(adminPage, mine.unit, workers);
        const lee = ids[0];
        const [stranger] = await addWorkers(adminPage, other.unit, [{ name: `Other Store Worker ${lang}`, phone: fakePhone(90) }]);
        // Lee was undecided (3); staff keep a note on him.
        await postAll(adminPage, [{ path: `/api/orgs/demo/people/${lee}/assessments`, body: { value: 3 } }]);
        const leeNow = await apiFetch(adminPage, 'GET', `/api/orgs/demo/people/${lee}`);
        const patch = await adminPage.evaluate(
          async ({ path, etag, note }) => {
            const res = await fetch(path, {
              method: 'PATCH',
              headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'hotshop', 'If-Match': etag },
              body: JSON.stringify({ notes: note }),
            });
            return res.status;
          },
          { path: `/api/orgs/demo/people/${lee}`, etag: `"v${leeNow.body.version}"`, note: kStaffNote },
        );
        assert.equal(patch, 200, 'staff note saved');

        const marcus = await addUnitLeader(server, adminPage, admin, {
          email: `marcus.${lang}.${db}@example.org`,
          name: lang === 'en' ? 'Marcus Bell' : 'Marcos Bello',
          campaignName: kCampaign,
          unit: mine.unit,
        });

        const context = await newContext(browser, 'phone', { locale: kLocale[lang] });
        try {
          const page = await context.newPage();
          const watch = await watchPage(page);
          await firstSignIn(page, server.url, marcus, lang);
          // A worker-leader lands on his own unit.
          await waitForPath(page, '/my/unit');

          // J4.1: the chart of his store only, then 3 taps from opening.
          await page.goto(`${server.url}/my/unit`);
          await page.getByTestId('chart-row').first().waitFor();
          assert.equal(await page.getByTestId('chart-row').count(), 8, 'his store only');
          assert.equal(await page.getByText(`Other Store Worker ${lang}`).count(), 0);
          await assertFitsWidth(page, 360);
          let taps = 0;
          await chartRow(page, `Lee Park ${lang}`).getByTestId('open-row').tap();
          taps += 1;
          const editor = page.getByTestId('rate-editor');
          await editor.getByText(text.supporter, { exact: true }).tap();
          taps += 1;
          await editor.locator('textarea[name="rating-note"]').fill('will sign');
          await editor.locator('button[name="save-rating"]').tap();
          taps += 1;
          await editor.waitFor({ state: 'hidden' });
          assert.ok(taps <= 3, `${taps} taps`);
          assert.match(await chartRow(page, `Lee Park ${lang}`).getByTestId('rating-cell').textContent(), new RegExp(text.supporter));
          // The history: Marcus, with the time.
          await chartRow(page, `Lee Park ${lang}`).locator('a.camp-row__person').tap();
          const newest = page.getByTestId('assessment-history').getByTestId('assessment').first();
          await newest.waitFor();
          const line = await newest.textContent();
          assert.match(line, new RegExp(marcus.name));
          assert.match(line, /will sign/);
          assert.match(line, /\d{1,2}:\d{2}/);
          const hist = await apiFetch(page, 'GET', `/api/orgs/demo/people/${lee}/assessments`);
          assert.equal(hist.body.effective.value, 2);
          assert.equal(hist.body.effective.by, `user:${marcus.userId}`);

          // The page budget (journeys.md: <= 150 KB transferred), measured on
          // a cold cache: a fresh context with the same session cookie.
          const cold = await newContext(browser, 'phone', { locale: kLocale[lang] });
          try {
            await cold.addCookies(await context.cookies());
            const fresh = await cold.newPage();
            const coldWatch = await watchPage(fresh);
            await fresh.goto(`${server.url}/my/unit`);
            await fresh.getByTestId('chart-row').first().waitFor();
            const bytes = await coldWatch.transferredBytes();
            console.log(`J4.1 [${db} ${lang}] /my/unit on a cold cache: ${bytes} B transferred`);
            assert.ok(bytes <= 150 * 1024, `transferred ${bytes} B > 150 KB`);
          } finally {
            await cold.close();
          }

          // J4.2: no staff-only notes, no card images on his coworker's page.
          const body = await page.locator('main').textContent();
          assert.ok(!body.includes(kStaffNote), 'staff notes are not shown');
          assert.equal(await page.locator('main img').count(), 0, 'no card images');
          // Another store's person and a random id read the same.
          await page.goto(`${server.url}/people/${stranger}`);
          await page.getByRole('alert').getByText(text.notFound).waitFor();
          const strangerText = await page.locator('main').textContent();
          await page.goto(`${server.url}/people/${randomUUID()}`);
          await page.getByRole('alert').getByText(text.notFound).waitFor();
          const randomText = await page.locator('main').textContent();
          assert.equal(strangerText, randomText, 'no oracle for whether an id exists');
          for (const path of [`/api/orgs/demo/people/${stranger}`, `/api/orgs/demo/units/${other.unit}/chart`]) {
            const r = await apiFetch(page, 'GET', path);
            assert.equal(r.status, 404, `GET ${path}`);
          }
          assert.equal((await apiFetch(page, 'GET', `/api/orgs/demo/people/${randomUUID()}`)).status, 404);
          // The other store's chart URL: the same "nothing here".
          await page.goto(`${server.url}/units/${other.unit}/chart`);
          await page.getByRole('alert').getByText(text.notFound).waitFor();
          const links = await navLinks(page);
          assert.ok(!links.includes(text.exportNav), `no Export in ${links}`);
          assert.equal(await page.getByRole('button', { name: /export/i }).count(), 0);

          // J4.3: a sticker day on his unit (staff create it), he records it.
          const test = await postAll(adminPage, [
            {
              path: `/api/orgs/demo/units/${mine.unit}/structure-tests`,
              body: {
                kind: 'sticker_day',
                held_on: new Date().toISOString().slice(0, 10),
                target_percent: 50,
                targets: [{ kind: 'shift', name: 'Closers', percent: 50 }],
              },
            },
          ]);
          await page.goto(`${server.url}/units/${mine.unit}/tests`);
          await page.getByTestId('test-list').getByText(text.stickers).first().tap();
          await waitForPath(page, `/structure-tests/${test[0].id}`);
          const groups = page.getByTestId('participation-group');
          await groups.first().waitFor();
          // Grouped by shift and language.
          const legends = await page.locator('[data-testid="participation-group"] legend').allTextContents();
          assert.ok(legends.includes(text.group), `groups: ${legends}`);
          // Three openers wore it.
          for (const i of [0, 1, 2]) {
            const name = i === 0 ? `Lee Park ${lang}` : fakeName(i + (lang === 'es' ? 20 : 0));
            await page.locator(`input[name="took-${ids[i]}"]`).check();
            void name;
          }
          await page.getByTestId('test-result').filter({ hasText: text.result }).waitFor();
          assert.match(await page.getByTestId('test-result').textContent(), new RegExp(text.met));
          await page.getByTestId('test-uncovered').getByText(text.uncovered).waitFor();
          await assertFitsWidth(page, 360);
          await assertClean(watch, server.url);
        } finally {
          await context.close();
        }
      });
    }
  });
}
