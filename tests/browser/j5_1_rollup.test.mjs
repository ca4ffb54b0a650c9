// SPDX-License-Identifier: AGPL-3.0-or-later
// J5.1 Roll-up (journeys.md): a staff organizer's employer view of 40 shops
// (workers, % assessed, support %, cards %, committee coverage, last
// contact) -> sort by cards % -> filter a region -> click through to the
// shop's wall chart. AC: the totals equal the per-shop charts; 12k workers
// render: 521 shops x 23 workers, measured (not asserted) as the time from
// navigation to the last row on screen. en on the Laptop, es on the Phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  addWorkers,
  apiGet,
  assertClean,
  assertFitsWidth,
  campaignIdByName,
  fakeName,
  fakePhone,
  firstSignIn,
  kLocale,
  mapWorkplace,
  postAll,
  signIn,
  waitForPath,
} from './flows.mjs';

const kCampaign = 'Copper Kettle Coffee, 12 shops';
const kRegions = ['North', 'South', 'West'];
const kText = {
  en: { sortLabel: 'Cards %' },
  es: { sortLabel: '% de tarjetas' },
};

function today() {
  return new Date().toISOString().slice(0, 10);
}

/** A rollup answer for 521 shops of 23 workers (11,983), for the render measure. */
function bigRollup(employer) {
  const shops = [];
  for (let i = 0; i < 521; i += 1) {
    const cards = i % 23;
    shops.push({
      worksite_id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      name: `Shop ${String(i + 1).padStart(3, '0')}`,
      region: kRegions[i % 3],
      time_zone: null,
      units: [],
      workers: 23,
      supporters: (i * 7) % 23,
      support_percent: Math.floor((((i * 7) % 23) * 100) / 23),
      cards,
      card_percent: Math.floor((cards * 100) / 23),
      assessed: 20,
      assessed_percent: 86,
      committee: i % 4,
      committee_needed: 3,
      committee_covered: i % 4 >= 3,
      last_contact_on: null,
    });
  }
  return {
    employer: { id: employer, name: 'Big Kettle' },
    as_of: today(),
    region: null,
    sort: 'name',
    order: 'asc',
    regions: kRegions,
    totals: { shops: 521, workers: 521 * 23, supporters: 0, support_percent: 0, cards: 0, card_percent: 0 },
    shops,
  };
}

for (const db of testDatabases()) {
  describe(`J5.1 employer rollup [${db}]`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    let demo;
    let admin;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      demo = await server.demo();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    for (const [lang, preset] of [
      ['en', 'laptop'],
      ['es', 'phone'],
    ]) {
      it(`40 shops: totals equal the shop charts, sort by cards %, filter a region, click through (${lang}, ${preset})`, async () => {
        const context = await newContext(browser, preset, { locale: kLocale[lang] });
        try {
          const page = await context.newPage();
          const watch = await watchPage(page);
          if (!admin) admin = await firstSignIn(page, server.url, demo, lang);
          else await signIn(page, server.url, admin);
          const campaign = await campaignIdByName(page, kCampaign);
          const shops = Array.from({ length: 40 }, (_, i) => ({
            name: `Kettle ${lang} #${String(i + 1).padStart(2, '0')}`,
            region: kRegions[i % 3],
          }));
          const map = await mapWorkplace(page, { campaign, employer: `Kettle ${lang}`, worksites: shops, departments: ['Floor'] });
          // 1 to 4 workers a shop; cards, ratings and committee on some.
          const cards = [];
          const ratings = [];
          const committee = [];
          let n = 0;
          for (const [i, w] of map.worksites.entries()) {
            const count = 1 + (i % 4);
            const people = Array.from({ length: count }, (_, k) => ({
              name: fakeName(n + k),
              phone: fakePhone(n + k),
              department_id: w.areas.Floor,
            }));
            n += count;
            const ids = await addWorkers(page, w.unit, people);
            ids.forEach((id, k) => {
              if ((i + k) % 3 === 0) cards.push({ path: `/api/orgs/demo/units/${w.unit}/cards`, body: { person_id: id, signed_on: today(), method: 'paper_photo', has_signature: true } });
              if ((i + k) % 2 === 0) ratings.push({ path: `/api/orgs/demo/people/${id}/assessments`, body: { value: 1 + ((i + k) % 5) } });
              if (k === 0 && i % 5 === 0) committee.push({ path: `/api/orgs/demo/campaigns/${campaign}/committee`, body: { person_id: id } });
            });
          }
          await postAll(page, [...cards, ...ratings, ...committee]);

          // The per-shop charts, through the API: workers (supervisors
          // aside) and cards that count.
          let chartWorkers = 0;
          let chartCards = 0;
          const perShop = new Map();
          for (const w of map.worksites) {
            const c = await apiGet(page, `/api/orgs/demo/units/${w.unit}/chart`);
            assert.equal(c.status, 200);
            const rows = c.body.departments.flatMap((d) => d.shifts.flatMap((s) => s.rows)).filter((r) => !r.supervisor);
            const signed = rows.filter((r) => r.card_signed).length;
            chartWorkers += rows.length;
            chartCards += signed;
            perShop.set(w.id, { workers: rows.length, cards: signed, unit: w.unit, region: w.region, name: w.name });
          }

          await page.goto(`${server.url}/employers/${map.employer}`);
          const table = page.getByTestId('rollup');
          await table.waitFor();
          assert.equal(await page.getByTestId('rollup-shop').count(), 40);
          const totalWorkers = Number(await page.getByTestId('total-workers').textContent());
          assert.equal(totalWorkers, chartWorkers, 'total workers = the sum of the shop charts');
          assert.match(await page.getByTestId('total-cards').textContent(), new RegExp(`\\(${chartCards}\\)`));
          // Every shop row equals its chart.
          for (const row of await page.getByTestId('rollup-shop').all()) {
            const site = await row.getAttribute('data-worksite');
            const want = perShop.get(site);
            assert.equal(Number(await row.getByTestId('shop-workers').textContent()), want.workers, want.name);
            assert.match(await row.getByTestId('shop-cards').textContent(), new RegExp(`\\(${want.cards}\\)`), want.name);
          }
          if (preset === 'phone') await assertFitsWidth(page, 360);

          // Sort by cards %, highest first.
          await page.locator('select[name="rollup-sort"]').selectOption({ label: kText[lang].sortLabel });
          await page.waitForURL((u) => u.searchParams.get('sort') === 'cards');
          await page.locator('[data-testid="rollup"][data-sort="cards"][data-order="desc"]').waitFor();
          const pcts = (await page.getByTestId('shop-cards').allTextContents()).map((s) => Number(s.split(' ')[0]));
          assert.deepEqual(pcts, [...pcts].sort((a, b) => b - a), 'cards % from highest');

          // Filter one region: only its shops, and totals over them.
          await page.locator('select[name="rollup-region"]').selectOption('South');
          await page.waitForURL((u) => u.searchParams.get('region') === 'South');
          await page.locator('[data-testid="rollup"][data-region="South"]').waitFor();
          assert.equal(await page.getByTestId('rollup-shop').count(), 13);
          const south = [...perShop.values()].filter((s) => s.region === 'South');
          assert.equal(Number(await page.getByTestId('total-workers').textContent()), south.reduce((a, s) => a + s.workers, 0));

          // Click through to a shop's wall chart: the same people.
          const first = page.getByTestId('rollup-shop').first();
          const site = await first.getAttribute('data-worksite');
          await first.locator('a').click();
          await waitForPath(page, `/units/${perShop.get(site).unit}/chart`);
          await page.getByTestId('wall-chart').waitFor({ state: 'attached' });
          await page.getByTestId('chart-row').first().waitFor();
          assert.equal(await page.getByTestId('chart-row').count(), perShop.get(site).workers);
          await assertClean(watch, server.url);

          // 12k workers in 521 shops: the page renders them all (measured).
          await page.route('**/api/orgs/demo/employers/*/rollup*', (route) =>
            route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(bigRollup(map.employer)) }),
          );
          const started = Date.now();
          await page.goto(`${server.url}/employers/${map.employer}`);
          await page.waitForFunction(() => document.querySelectorAll('[data-testid="rollup-shop"]').length === 521, null, {
            timeout: 60_000,
          });
          const ms = Date.now() - started;
          const longest = await page.evaluate(
            () =>
              new Promise((resolve) => {
                // The page answers input after the render: a frame arrives.
                const t0 = performance.now();
                requestAnimationFrame(() => resolve(performance.now() - t0));
              }),
          );
          assert.equal(await page.getByTestId('total-workers').textContent(), '11983');
          // Figures for the report (journeys.md: measure, don't assert time).
          console.log(`J5.1 [${db} ${lang} ${preset}] 521 shops / 11,983 workers: rendered in ${ms} ms; next frame after ${Math.round(longest)} ms`);
          await page.unroute('**/api/orgs/demo/employers/*/rollup*');
        } finally {
          await context.close();
        }
      });
    }
  });
}
