// SPDX-License-Identifier: AGPL-3.0-or-later
// Deleting workplace objects in the campaign UI (issue #4; docs/api.md
// "Campaign workplace", Deleting), on the Phone (360 px):
//   - an organizer deletes an empty department from the unit's setup page:
//     confirm dialog naming it, gone at once and after a reload;
//   - a department someone renamed meanwhile: 412, "someone changed it",
//     the page reloads with the new name, nothing deleted;
//   - a worksite with workers (rollup): the server's 409 sentence shown as
//     written, the shop still there after a reload;
//   - an employer with worksites (dashboard): 409, kept;
//   - an empty worksite (rollup), unit and employer (dashboard): 204, gone
//     from the screen at once and after a reload;
//   - a viewer (es) and a unit-scoped worker-leader see no Delete button on
//     the dashboard, the rollup or the setup page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  addUnitLeader,
  postAll,
  addWorkers,
  apiFetch,
  apiGet,
  assertClean,
  assertFitsWidth,
  campaignIdByName,
  fakeName,
  fakePhone,
  firstSignIn,
  kLocale,
  mapWorkplace,
} from './flows.mjs';

const kCampaign = 'Copper Kettle Coffee, 12 shops';
const kEmployer = 'Lantern Bakery';
const kShop = 'Lantern Bakery Eastside';

async function setupTitle(page) {
  return (await page.getByRole('heading', { level: 1 }).textContent()).trim();
}

/** Confirms the open dialog (its title must be `title`) with its Delete button. */
async function confirmDelete(page, title) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: title, exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

for (const db of testDatabases()) {
  describe(`workplace delete in the campaign UI [${db}]`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    let context;
    let page;
    let watch;
    let admin;
    let campaign;
    let map;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      const demo = await server.demo();
      context = await newContext(browser, 'phone', { locale: kLocale.en });
      page = await context.newPage();
      watch = await watchPage(page);
      admin = await firstSignIn(page, server.url, demo, 'en');
      campaign = await campaignIdByName(page, kCampaign);
      map = await mapWorkplace(page, {
        campaign,
        employer: kEmployer,
        worksites: [{ name: kShop, region: 'East' }],
        departments: ['Ovens', 'Loading Dock', 'Front Counter'],
        shifts: ['Early'],
      });
      const shop = map.worksites[0];
      // Three workers in Ovens; Loading Dock and Front Counter stay empty.
      await addWorkers(
        page,
        shop.unit,
        [0, 1, 2].map((i) => ({ name: fakeName(i + 40), phone: fakePhone(40 + i), department_id: shop.areas.Ovens })),
      );
    });

    after(async () => {
      await context?.close();
      await browser?.close();
      await server?.stop();
    });

    it('an organizer deletes an empty department; a stale one is reloaded, not deleted', async () => {
      const shop = map.worksites[0];
      await page.goto(`${server.url}/units/${shop.unit}/setup`);
      const departments = page.getByTestId('areas-department');
      await departments.waitFor();
      assert.equal(await setupTitle(page), `Departments, shifts and job classes: ${kShop}`);
      assert.equal(await departments.getByTestId('area').count(), 3);

      // Cancel first: nothing is sent, nothing changes.
      const dock = departments.getByTestId('area').filter({ hasText: 'Loading Dock' });
      await dock.getByRole('button', { name: 'Delete Loading Dock', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('The department Loading Dock will be deleted from this unit.', { exact: false }).waitFor();
      await assertFitsWidth(page, 360);
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await departments.getByTestId('area').count(), 3);

      await dock.getByRole('button', { name: 'Delete Loading Dock', exact: true }).click();
      await confirmDelete(page, 'Delete the department Loading Dock?');
      const outcome = page.getByTestId('delete-outcome');
      await outcome.getByText('Loading Dock was deleted.', { exact: true }).waitFor();
      assert.equal(await outcome.getAttribute('data-tone'), 'success');
      await dock.waitFor({ state: 'detached' });
      await assertFitsWidth(page, 360);

      // Gone after a reload, and on the server.
      await page.reload();
      await departments.waitFor();
      assert.deepEqual(
        (await departments.getByTestId('area').locator('span').allTextContents()).sort(),
        ['Front Counter', 'Ovens'],
      );
      const unit = await apiGet(page, `/api/orgs/demo/units/${shop.unit}`);
      assert.equal(unit.status, 200);
      assert.deepEqual(unit.body.departments.map((d) => d.name).sort(), ['Front Counter', 'Ovens']);

      // Someone renames Front Counter while the page shows the old name: the
      // delete answers 412; the page says so and reloads; nothing deleted.
      const counter = unit.body.departments.find((d) => d.name === 'Front Counter');
      const renamed = await apiFetch(page, 'PATCH', `/api/orgs/demo/areas/${counter.id}`, { name: 'Pastry Counter' }, {
        'If-Match': `"v${counter.version}"`,
      });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      await departments
        .getByTestId('area')
        .filter({ hasText: 'Front Counter' })
        .getByRole('button', { name: 'Delete Front Counter', exact: true })
        .click();
      await confirmDelete(page, 'Delete the department Front Counter?');
      await outcome
        .getByText('Someone changed Front Counter since this page loaded, so nothing was deleted.', { exact: false })
        .waitFor();
      assert.equal(await outcome.getAttribute('data-tone'), 'warning');
      await departments.getByTestId('area').filter({ hasText: 'Pastry Counter' }).waitFor();
      const after412 = await apiGet(page, `/api/orgs/demo/units/${shop.unit}`);
      assert.deepEqual(after412.body.departments.map((d) => d.name).sort(), ['Ovens', 'Pastry Counter']);
      await assertClean(watch, server.url);
    });

    it('a worksite with workers and an employer with worksites: the 409 message, nothing removed', async () => {
      const shop = map.worksites[0];
      await page.goto(`${server.url}/employers/${map.employer}`);
      const row = page.getByTestId('rollup-shop').filter({ hasText: kShop });
      await row.waitFor();
      await row.getByRole('button', { name: `Delete ${kShop}`, exact: true }).click();
      await confirmDelete(page, `Delete the worksite ${kShop}?`);
      const outcome = page.getByTestId('delete-outcome');
      const detail = outcome.getByTestId('delete-detail');
      await detail.waitFor();
      assert.equal(await outcome.getAttribute('data-tone'), 'error');
      assert.equal(
        (await detail.textContent()).trim(),
        '3 workers are employed at this worksite; move or end their employment first. ' +
          '1 bargaining unit covers this worksite; take the worksite off those units first. Nothing was deleted.',
      );
      await outcome.getByText(`${kShop} was not deleted`, { exact: true }).waitFor();
      assert.equal(await row.count(), 1, 'the shop stays on the rollup');
      await assertFitsWidth(page, 360);
      await page.reload();
      await row.waitFor();
      assert.equal((await apiGet(page, `/api/orgs/demo/worksites/${shop.id}`)).status, 200);

      // The employer, on the campaign dashboard.
      await page.goto(`${server.url}/campaigns/${campaign}`);
      const employer = page.getByTestId('employer').filter({ hasText: kEmployer });
      await employer.waitFor();
      await employer.getByRole('button', { name: `Delete ${kEmployer}`, exact: true }).click();
      await confirmDelete(page, `Delete the employer ${kEmployer}?`);
      await detail.waitFor();
      assert.match(await detail.textContent(), /^1 worksite belongs to this employer; delete it first\. .*Nothing was deleted\.$/);
      assert.equal(await employer.count(), 1);
      await assertFitsWidth(page, 360);
      assert.equal((await apiGet(page, `/api/orgs/demo/employers/${map.employer}`)).status, 200);
      await assertClean(watch, server.url);
    });

    it('an empty worksite, unit and employer are deleted where they are shown', async () => {
      const [spare] = await postAll(page, [{ path: `/api/orgs/demo/campaigns/${campaign}/employers`, body: { name: 'Spare Employer' } }]);
      const [westside, drivers] = await postAll(page, [
        { path: `/api/orgs/demo/employers/${map.employer}/worksites`, body: { name: 'Lantern Bakery Westside', region: 'West' } },
        { path: `/api/orgs/demo/campaigns/${campaign}/units`, body: { employer_id: map.employer, name: 'Lantern Drivers' } },
      ]);

      // The worksite, from the rollup.
      await page.goto(`${server.url}/employers/${map.employer}`);
      const row = page.getByTestId('rollup-shop').filter({ hasText: 'Lantern Bakery Westside' });
      await row.waitFor();
      await row.getByRole('button', { name: 'Delete Lantern Bakery Westside', exact: true }).click();
      await confirmDelete(page, 'Delete the worksite Lantern Bakery Westside?');
      const outcome = page.getByTestId('delete-outcome');
      await outcome.getByText('Lantern Bakery Westside was deleted.', { exact: true }).waitFor();
      assert.equal(await row.count(), 0);
      await page.getByTestId('rollup-shop').filter({ hasText: kShop }).waitFor();
      await page.reload();
      await page.getByTestId('rollup-shop').filter({ hasText: kShop }).waitFor();
      assert.equal(await row.count(), 0, 'gone after a reload');
      assert.equal((await apiGet(page, `/api/orgs/demo/worksites/${westside.id}`)).status, 404);

      // The unit and the employer, from the dashboard.
      await page.goto(`${server.url}/campaigns/${campaign}`);
      const card = page.locator('.hs-card').filter({ has: page.getByRole('heading', { name: 'Lantern Drivers', exact: true }) });
      await card.waitFor();
      await card.getByRole('button', { name: 'Delete Lantern Drivers', exact: true }).click();
      await confirmDelete(page, 'Delete the bargaining unit Lantern Drivers?');
      await outcome.getByText('Lantern Drivers was deleted.', { exact: true }).waitFor();
      assert.equal(await card.count(), 0);
      const employer = page.getByTestId('employer').filter({ hasText: 'Spare Employer' });
      await employer.getByRole('button', { name: 'Delete Spare Employer', exact: true }).click();
      await confirmDelete(page, 'Delete the employer Spare Employer?');
      await outcome.getByText('Spare Employer was deleted.', { exact: true }).waitFor();
      assert.equal(await employer.count(), 0);
      await assertFitsWidth(page, 360);
      await page.reload();
      await page.getByTestId('employer').filter({ hasText: kEmployer }).waitFor();
      await page.locator('.hs-card').first().waitFor();
      assert.equal(await employer.count(), 0, 'employer gone after a reload');
      assert.equal(await card.count(), 0, 'unit gone after a reload');
      assert.equal((await apiGet(page, `/api/orgs/demo/units/${drivers.id}`)).status, 404);
      assert.equal((await apiGet(page, `/api/orgs/demo/employers/${spare.id}`)).status, 404);
      await assertClean(watch, server.url);
    });

    it('a viewer (es) and a unit worker-leader see no Delete button', async () => {
      const shop = map.worksites[0];
      const viewer = await server.addUser({ email: 'vera.viewer@example.org', name: 'Vera Viewer', role: 'viewer', campaign: kCampaign });
      const leader = await addUnitLeader(server, page, admin, {
        email: 'lio.leader@example.org',
        name: 'Lio Leader',
        campaignName: kCampaign,
        unit: shop.unit,
      });
      // An organizer sees the buttons on these same screens (the check below
      // would pass vacuously otherwise).
      await page.goto(`${server.url}/units/${shop.unit}/setup`);
      await page.getByTestId('areas-department').waitFor();
      assert.ok((await page.locator('button[name="delete"]').count()) >= 3);

      for (const [who, account, lang] of [
        ['viewer', viewer, 'es'],
        ['worker-leader', leader, 'en'],
      ]) {
        const ctx = await newContext(browser, 'phone', { locale: kLocale[lang] });
        try {
          const p = await ctx.newPage();
          const w = await watchPage(p);
          await firstSignIn(p, server.url, account, lang);
          await p.goto(`${server.url}/units/${shop.unit}/setup`);
          await p.getByTestId('areas-department').getByText('Ovens', { exact: true }).waitFor();
          if (lang === 'es') {
            assert.equal(await setupTitle(p), `Departamentos, turnos y categorías de puesto: ${kShop}`);
          }
          assert.equal(await p.locator('button[name="delete"]').count(), 0, `${who}: setup page`);
          await assertFitsWidth(p, 360);
          if (who === 'viewer') {
            await p.goto(`${server.url}/employers/${map.employer}`);
            await p.getByTestId('rollup-shop').first().waitFor();
            assert.equal(await p.locator('button[name="delete"]').count(), 0, `${who}: rollup`);
            await p.goto(`${server.url}/campaigns/${campaign}`);
            await p.getByTestId('employer').first().waitFor();
            await p.locator('.hs-card').first().waitFor();
            assert.equal(await p.locator('button[name="delete"]').count(), 0, `${who}: dashboard`);
          }
          // And the server agrees: the DELETE is refused.
          const unit = await apiGet(p, `/api/orgs/demo/units/${shop.unit}`);
          const ovens = unit.body.departments.find((d) => d.name === 'Ovens');
          const del = await apiFetch(p, 'DELETE', `/api/orgs/demo/areas/${ovens.id}`, undefined, { 'If-Match': `"v${ovens.version}"` });
          assert.ok([403, 404].includes(del.status), `${who}: DELETE answered ${del.status}`);
          await assertClean(w, server.url);
        } finally {
          await ctx.close();
        }
      }
    });
  });
}
