// SPDX-License-Identifier: AGPL-3.0-or-later
// J3.2 Build with the worker (journeys.md), in en on the Phone and es on the
// Laptop, each on its own unit: the organizer adds 12 coworkers Rosa names
// (name, department, shift, personal phone) on the wall chart, rates some
// (default 0 = not assessed), marks Rosa and 2 others as the committee (a
// supervisor is refused, with the reason), the coverage shows the uncovered
// area ("Housekeeping · Nights: nobody"), and creates a structure test
// (majority petition, target 60%).
// AC: support % counts only supportive ratings over the unit, 0 excluded
// (R18); every assessment shows who and when; a supervisor is excluded from
// the committee (R20).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  assertClean,
  assertFitsWidth,
  campaignIdByName,
  chartRow,
  fakePhone,
  firstSignIn,
  kLocale,
  mapWorkplace,
  rateOnChart,
  apiFetch,
} from './flows.mjs';

const kCampaign = 'Harbor View Hotel housekeeping';

const kText = {
  en: {
    add: 'Add',
    addWorker: 'Add a coworker',
    supporter: '2 Supporter',
    leader: '1 Leader',
    undecided: '3 Undecided',
    nobody: 'Housekeeping · Nights: nobody',
    supervisorRefused: 'Vic Stone 12 is a supervisor: supervisors cannot be on the organizing committee (R20).',
    support: /3 supporters of 11 workers \(27%\)/,
    created: 'Test created.',
    petition: 'Majority petition',
    result: /0 of 11 took part \(0%\), target 60% \(7\)/,
    you: /you/,
  },
  es: {
    add: 'Agregar',
    addWorker: 'Agregar a un compañero',
    supporter: '2 A favor',
    leader: '1 Líder',
    undecided: '3 Indeciso',
    nobody: 'Housekeeping · Nights: nadie',
    supervisorRefused: 'Vic Stone 12 es supervisor: los supervisores no pueden estar en el comité organizador (R20).',
    support: /3 personas a favor de 11 trabajadores \(27%\)/,
    created: 'Prueba creada.',
    petition: 'Petición de mayoría',
    result: /Participaron 0 de 11 \(0%\), meta 60% \(7\)/,
    you: /tú/,
  },
};

// Rosa names 12 coworkers: 11 workers and a supervisor. The committee she
// forms has nobody from Housekeeping nights.
function coworkers(tag) {
  const people = [];
  const spots = [
    ['Housekeeping', 'Days'],
    ['Housekeeping', 'Days'],
    ['Housekeeping', 'Days'],
    ['Housekeeping', 'Days'],
    ['Laundry', 'Nights'],
    ['Laundry', 'Nights'],
    ['Laundry', 'Days'],
    ['Laundry', 'Days'],
    ['Housekeeping', 'Nights'],
    ['Laundry', 'Nights'],
    ['Housekeeping', 'Nights'],
  ];
  const first = ['Rosa', 'Lee', 'Marisol', 'Ines', 'Omar', 'Pilar', 'Quinn', 'Raul', 'Sofia', 'Tere', 'Ugo'];
  spots.forEach(([dept, shift], i) => people.push({ name: `${first[i]} ${tag} ${i + 1}`, dept, shift, phone: fakePhone(40 + i) }));
  people.push({ name: 'Vic Stone 12', dept: 'Housekeeping', shift: 'Days', phone: fakePhone(52), supervisor: true });
  return people;
}

for (const db of testDatabases()) {
  describe(`J3.2 build with the worker [${db}]`, { timeout: 600_000 }, () => {
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
      ['en', 'phone'],
      ['es', 'laptop'],
    ]) {
      it(`adds 12 coworkers, rates, forms a committee, sees the gap, plans a petition (${lang}, ${preset})`, async () => {
        const text = kText[lang];
        const context = await newContext(browser, preset, { locale: kLocale[lang] });
        try {
          const page = await context.newPage();
          const watch = await watchPage(page);
          if (!admin) admin = await firstSignIn(page, server.url, demo, lang);
          else {
            const { signIn } = await import('./flows.mjs');
            await signIn(page, server.url, admin);
          }
          const campaign = await campaignIdByName(page, kCampaign);
          const map = await mapWorkplace(page, {
            campaign,
            employer: `Harbor View ${lang}`,
            worksites: [{ name: `Harbor View annex ${lang}`, region: 'Bay', unit: `Annex housekeeping ${lang}` }],
            departments: ['Housekeeping', 'Laundry'],
            shifts: ['Days', 'Nights'],
          });
          const unit = map.worksites[0].unit;

          // 1. Twelve coworkers through the chart's form.
          await page.goto(`${server.url}/units/${unit}/chart`);
          await page.getByTestId('wall-chart').waitFor({ state: 'attached' });
          await page.locator('summary', { hasText: text.addWorker }).click();
          const form = page.getByTestId('add-worker');
          const people = coworkers(lang);
          for (const p of people) {
            await form.locator('input[name="worker-name"]').fill(p.name);
            await form.locator('input[name="worker-phone"]').fill(p.phone);
            await form.locator('select[name="worker-department"]').selectOption({ label: p.dept });
            await form.locator('select[name="worker-shift"]').selectOption({ label: p.shift });
            await form.locator('select[name="worker-language"]').selectOption(lang === 'es' ? 'es' : 'en');
            const sup = form.locator('input[name="worker-supervisor"]');
            if (p.supervisor) await sup.check();
            await form.locator('button[name="add-worker"]').click();
            await chartRow(page, p.name).waitFor();
          }
          assert.equal(await page.getByTestId('chart-row').count(), 12, '12 rows on the chart');
          // Every row starts at 0 = not assessed (neutral colour).
          assert.equal(await page.locator('.camp-row.camp-r0').count(), 12);
          if (preset === 'phone') await assertFitsWidth(page, 360);

          // 2. Ratings: Rosa 1, Lee 2, Marisol 2, Ines 3; the supervisor 1 (never counted).
          const n = (i) => people[i].name;
          await rateOnChart(page, n(0), text.leader, 'Named everyone');
          await rateOnChart(page, n(1), text.supporter);
          await rateOnChart(page, n(2), text.supporter);
          await rateOnChart(page, n(3), text.undecided);
          await rateOnChart(page, 'Vic Stone 12', text.leader);
          assert.equal(await page.locator('.camp-row.camp-r0').count(), 7, 'the others stay not assessed');
          // Who and when, on the row and on the person page.
          const rosaCell = chartRow(page, n(0)).getByTestId('rating-cell');
          assert.match(await rosaCell.textContent(), text.you);
          await chartRow(page, n(0)).locator('a.camp-row__person').click();
          const hist = page.getByTestId('assessment-history');
          await hist.waitFor();
          const first = hist.getByTestId('assessment').first();
          assert.match(await first.textContent(), /Named everyone/);
          assert.match(await first.textContent(), text.you);
          assert.match(await first.textContent(), /\d{1,2}:\d{2}/, 'the time it was made');

          // 3. Committee: Rosa + 2 others; the supervisor is refused with the reason.
          await page.goto(`${server.url}/campaigns/${campaign}/committee`);
          const add = page.getByTestId('add-committee');
          await add.locator('select[name="committee-person"] option', { hasText: n(0) }).waitFor({ state: 'attached' });
          for (const who of [n(0), n(1), n(4)]) {
            await add.locator('select[name="committee-person"]').selectOption({ label: who });
            await add.locator('button[name="add-committee"]').click();
            await page.getByTestId('committee-members').getByText(who).waitFor();
          }
          await add.locator('select[name="committee-person"]').selectOption({ label: 'Vic Stone 12' });
          await add.locator('button[name="add-committee"]').click();
          await page.getByRole('alert').getByText(text.supervisorRefused).waitFor();
          const meters = await apiFetch(page, 'GET', `/api/orgs/demo/units/${unit}/meters`);
          assert.equal(meters.status, 200);
          // R18: 3 supporters (Rosa 1, Lee 2, Marisol 2) of 11 (supervisor
          // excluded; Ines 3 and the 0s are not support).
          assert.equal(meters.body.support.unit.supporters, 3);
          assert.equal(meters.body.support.unit.workers, 11);
          assert.equal(meters.body.support.unit.percent, 27);
          assert.equal(meters.body.committee.supervisors_on_committee, 0);

          // 4. The dashboard: support %, the uncovered areas, the trend chart.
          await page.goto(`${server.url}/campaigns/${campaign}`);
          const card = page.getByTestId(`meters-${unit}`);
          await card.waitFor();
          assert.match(await card.getByTestId('support').textContent(), text.support);
          // R20: Housekeeping nights has two workers and nobody on the committee.
          await card.getByTestId('uncovered').getByText(text.nobody, { exact: true }).waitFor();
          await card.getByTestId('trend-chart').waitFor();
          if (preset === 'phone') await assertFitsWidth(page, 360);

          // 5. Week 3: a majority petition with a 60% target.
          await page.goto(`${server.url}/units/${unit}/tests`);
          const create = page.getByTestId('create-test');
          await create.locator('select[name="test-kind"]').selectOption('majority_petition');
          await create.locator('input[name="test-target"]').fill('60');
          await create.locator('button[name="create-test"]').click();
          await page.getByText(text.created).waitFor();
          const summary = page.getByTestId('tests-summary');
          await summary.waitFor();
          assert.match(await summary.getByTestId('test-result').textContent(), text.result);
          await assertClean(watch, server.url);
        } finally {
          await context.close();
        }
      });
    }
  });
}
