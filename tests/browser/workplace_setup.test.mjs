// SPDX-License-Identifier: AGPL-3.0-or-later
// Workplace setup in the campaign UI (issue #4; journeys.md J3.2: an
// organizer adds coworkers with their department and shift), on the Phone
// (360 px), for a campaign just opened from a request for help:
//   - a staff organizer adds an employer (a name with a bidi override first:
//     the server's message next to the field, the text kept), a worksite in
//     America/Chicago (the time zone list defaults to this device's), a
//     bargaining unit on it;
//   - on the unit's setup page: departments Housekeeping and Front desk
//     (typed "Front dsk" and renamed inline), shifts Days and Nights; a
//     rename after a colleague's answers 412: the typed name stays, the page
//     says so and reloads, the next save works; the unit renamed and its
//     entered size set (a size that is not a number: the message at the field);
//   - a coworker added on the chart in Housekeeping / Nights shows on the wall
//     chart under "Housekeeping · Nights";
//   - a viewer (es) sees none of the add or rename controls.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import { ownerSql, submitIntake } from './intake.mjs';
import { apiFetch, apiGet, assertClean, assertFitsWidth, fakePhone, firstSignIn, kLocale } from './flows.mjs';

const kCampaign = 'Lakeshore Suites organizing';
const kEmployer = 'Lakeshore Laundry Services';
const kSite = 'Lakeshore laundry plant';
const kUnit = 'Laundry plant workers';

/** Opens a campaign the way J2.3 does: a request for help, assessed, opened. */
async function openNewCampaign(server, adminPage) {
  const sent = await submitIntake(server.url, { name: 'Nia Castillo', phone: '+12025550177', employer: 'Lakeshore Suites', city: 'Chicago' });
  assert.equal(sent.status, 202);
  const list = await apiGet(adminPage, '/api/orgs/demo/intakes');
  const intake = list.body.intakes.find((i) => i.name === 'Nia Castillo');
  assert.ok(intake, 'the request is in the queue');
  // Matching and the first contact are other journeys: the row is put at
  // "assessed" as they leave it.
  await ownerSql(server, `UPDATE intakes SET stage = 'assessed', version = version + 1 WHERE id = '${intake.id}'`);
  const fresh = await apiGet(adminPage, `/api/orgs/demo/intakes/${intake.id}`);
  const opened = await apiFetch(adminPage, 'POST', `/api/orgs/demo/intakes/${intake.id}/campaign`, { campaign_name: kCampaign }, {
    'If-Match': `"v${fresh.body.version}"`,
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  return opened.body.campaign_id;
}

async function fieldOf(form, name) {
  const input = form.locator(`[name="${name}"]`);
  const field = form.locator('.hs-field').filter({ has: form.page().locator(`[name="${name}"]`) });
  return { input, field, error: field.locator('.hs-field__error') };
}

for (const db of testDatabases()) {
  describe(`workplace setup in the campaign UI [${db}]`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    let campaign;
    let unitId;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      const demo = await server.demo();
      const ctx = await newContext(browser, 'laptop', { locale: kLocale.en });
      try {
        const page = await ctx.newPage();
        await firstSignIn(page, server.url, demo, 'en');
        campaign = await openNewCampaign(server, page);
      } finally {
        await ctx.close();
      }
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('an organizer maps the workplace, adds a coworker in Housekeeping / Nights, and sees them on the wall chart', async () => {
      const olga = await server.addUser({ email: 'olga.organizer@example.org', name: 'Olga Organizer', role: 'staff_organizer', campaign: kCampaign });
      // The device is in Denver: the worksite's time zone list starts there.
      const context = await newContext(browser, 'phone', { locale: kLocale.en, timezoneId: 'America/Denver' });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await firstSignIn(page, server.url, olga, 'en');

        // 1. The employer, from the dashboard; a refused name keeps the text.
        await page.goto(`${server.url}/campaigns/${campaign}`);
        const addEmployer = page.getByTestId('add-employer');
        await addEmployer.locator('summary').click();
        const name = await fieldOf(addEmployer, 'employer-name');
        const bad = `Lakeshore \u202Eevil`;
        await name.input.fill(bad);
        await addEmployer.locator('button[name="add-employer"]').click();
        await name.error.waitFor();
        // The server's own sentence, next to the field.
        assert.match(await name.error.textContent(), /U\+202E/);
        assert.equal(await name.input.getAttribute('aria-invalid'), 'true');
        assert.equal(await name.input.inputValue(), bad, 'the typed name is kept');
        const before = await apiGet(page, `/api/orgs/demo/campaigns/${campaign}/employers`);
        assert.equal(before.body.employers.length, 1, 'nothing added (only the one opened with the campaign)');
        await name.input.fill(kEmployer);
        await addEmployer.locator('button[name="add-employer"]').click();
        await addEmployer.getByText(`${kEmployer} was added.`, { exact: true }).waitFor();
        assert.equal(await name.error.count(), 0);
        const employer = page.getByTestId('employer').filter({ hasText: `All shops of ${kEmployer}` });
        await employer.waitFor();
        await assertFitsWidth(page, 360);

        // 2. A worksite in America/Chicago.
        const addSite = employer.getByTestId('add-worksite');
        await addSite.locator('summary').click();
        const zone = addSite.locator('select[name="worksite-time-zone"]');
        assert.equal(await zone.inputValue(), 'America/Denver', "the device's time zone by default");
        assert.equal(await zone.locator('option:checked').textContent(), 'America/Denver (this device)');
        await addSite.locator('input[name="worksite-name"]').fill(kSite);
        await addSite.locator('input[name="worksite-address"]').fill('100 Test Road');
        await addSite.locator('input[name="worksite-region"]').fill('Chicago');
        await zone.selectOption('America/Chicago');
        await addSite.locator('button[name="add-worksite"]').click();
        await addSite.getByText(`${kSite} was added.`, { exact: true }).waitFor();
        await employer.getByTestId('employer-worksites').getByText(`Worksites: ${kSite}`, { exact: true }).waitFor();
        const detail = await apiGet(page, `/api/orgs/demo/employers/${(await employer.getAttribute('data-id'))}`);
        const site = detail.body.worksites.find((w) => w.name === kSite);
        assert.ok(site, 'the worksite is the employer’s');
        const siteRead = await apiGet(page, `/api/orgs/demo/worksites/${site.id}`);
        assert.equal(siteRead.body.time_zone, 'America/Chicago');
        assert.equal(siteRead.body.region, 'Chicago');
        await assertFitsWidth(page, 360);

        // 3. A bargaining unit on it.
        const addUnit = employer.getByTestId('add-unit');
        await addUnit.locator('summary').click();
        await addUnit.locator('input[name="unit-name"]').fill(kUnit);
        await addUnit.getByLabel(kSite, { exact: true }).check();
        await addUnit.locator('button[name="add-unit"]').click();
        await addUnit.getByText(`${kUnit} was added.`, { exact: true }).waitFor();
        const card = page.locator('.hs-card').filter({ has: page.getByRole('heading', { name: kUnit, exact: true }) });
        await card.waitFor();
        if (process.env.WSSETUP_SHOTS) await page.screenshot({ path: '/tmp/wssetup-dash.png', fullPage: true });
        const units = await apiGet(page, `/api/orgs/demo/campaigns/${campaign}/units`);
        const unit = units.body.units.find((u) => u.name === kUnit);
        assert.deepEqual(unit.worksite_ids, [site.id]);
        assert.equal(unit.size_override, null);
        unitId = unit.id;
        await assertFitsWidth(page, 360);

        // 4. Its departments and shifts, from the setup page.
        await card.getByRole('link', { name: 'Departments, shifts and job classes', exact: true }).click();
        await page.getByTestId('unit-settings').waitFor();
        for (const [kind, names] of [
          ['department', ['Housekeeping', 'Front dsk']],
          ['shift', ['Days', 'Nights']],
        ]) {
          const form = page.getByTestId(`add-${kind}`);
          for (const n of names) {
            await form.locator(`input[name="new-${kind}"]`).fill(n);
            await form.locator(`button[name="add-${kind}"]`).click();
            await page.getByTestId(`areas-${kind}`).getByTestId('area').filter({ hasText: n }).waitFor();
            assert.equal(await form.locator(`input[name="new-${kind}"]`).inputValue(), '');
          }
        }
        // The same name twice: refused at the field, text kept.
        const deptForm = page.getByTestId('add-department');
        await deptForm.locator('input[name="new-department"]').fill('Housekeeping');
        await deptForm.locator('button[name="add-department"]').click();
        await deptForm.locator('.hs-field__error').waitFor();
        assert.equal(await deptForm.locator('input[name="new-department"]').inputValue(), 'Housekeeping');
        await assertFitsWidth(page, 360);

        // Rename "Front dsk" inline, after a colleague renamed it: 412.
        const departments = page.getByTestId('areas-department');
        const typo = departments.getByTestId('area').filter({ hasText: 'Front dsk' });
        const typoId = await typo.getAttribute('data-id');
        const shown = (await apiGet(page, `/api/orgs/demo/units/${unitId}`)).body.departments.find((d) => d.id === typoId);
        await typo.getByRole('button', { name: 'Rename Front dsk', exact: true }).click();
        const rename = typo.getByTestId('rename-area');
        await rename.locator('input[name="area-name"]').fill('Front desk');
        const theirs = await apiFetch(page, 'PATCH', `/api/orgs/demo/areas/${typoId}`, { name: 'Front Dsk' }, { 'If-Match': `"v${shown.version}"` });
        assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
        await rename.locator('button[name="save-name"]').click();
        await rename.getByText('A colleague changed this since the page loaded.', { exact: false }).waitFor();
        assert.equal(await rename.locator('input[name="area-name"]').inputValue(), 'Front desk', 'the typed name is kept');
        // Reloaded underneath: the label names the colleague's version.
        await rename.getByLabel('New name for Front Dsk', { exact: true }).waitFor();
        await assertFitsWidth(page, 360);
        await rename.locator('button[name="save-name"]').click();
        await rename.waitFor({ state: 'detached' });
        await departments.getByTestId('area').filter({ hasText: 'Front desk' }).locator('span').getByText('Front desk', { exact: true }).waitFor();

        // The unit's name and entered size: a size that is not a number first.
        const settings = page.getByTestId('unit-settings');
        const size = await fieldOf(settings, 'unit-size');
        await size.input.fill('lots');
        await settings.locator('button[name="save-unit"]').click();
        await size.error.waitFor();
        assert.equal(await size.input.inputValue(), 'lots');
        await size.input.fill('25');
        await settings.locator('input[name="unit-name"]').fill(`${kUnit}, Chicago`);
        // A colleague saved the unit meanwhile: 412, the typed values stay.
        const seen = (await apiGet(page, `/api/orgs/demo/units/${unitId}`)).body;
        const other = await apiFetch(page, 'PATCH', `/api/orgs/demo/units/${unitId}`, { eligibility: 'Non-supervisory laundry workers' }, {
          'If-Match': `"v${seen.version}"`,
        });
        assert.equal(other.status, 200, JSON.stringify(other.body));
        await settings.locator('button[name="save-unit"]').click();
        await settings.getByText('A colleague changed this since the page loaded.', { exact: false }).waitFor();
        assert.equal(await size.input.inputValue(), '25');
        assert.equal(await settings.locator('input[name="unit-name"]').inputValue(), `${kUnit}, Chicago`);
        assert.equal((await apiGet(page, `/api/orgs/demo/units/${unitId}`)).body.name, kUnit, 'nothing saved');
        if (process.env.WSSETUP_SHOTS) await page.screenshot({ path: '/tmp/wssetup-setup.png', fullPage: true });
        await settings.locator('button[name="save-unit"]').click();
        await settings.getByText('Saved.', { exact: true }).waitFor();
        await page.getByRole('heading', { level: 1, name: `Departments, shifts and job classes: ${kUnit}, Chicago` }).waitFor();
        const saved = await apiGet(page, `/api/orgs/demo/units/${unitId}`);
        assert.equal(saved.body.name, `${kUnit}, Chicago`);
        assert.equal(saved.body.size_override, 25);
        assert.deepEqual(saved.body.departments.map((d) => d.name).sort(), ['Front desk', 'Housekeeping']);
        assert.deepEqual(saved.body.shifts.map((d) => d.name).sort(), ['Days', 'Nights']);
        await page.reload();
        await page.getByTestId('areas-shift').getByText('Nights', { exact: true }).waitFor();
        assert.equal(await page.getByTestId('unit-settings').locator('input[name="unit-size"]').inputValue(), '25');

        // 5. A coworker in Housekeeping / Nights, through the chart's form.
        await page.goto(`${server.url}/units/${unitId}/chart`);
        await page.getByTestId('wall-chart').waitFor({ state: 'attached' });
        await page.locator('summary', { hasText: 'Add a coworker' }).click();
        const add = page.getByTestId('add-worker');
        await add.locator('input[name="worker-name"]').fill('Dolores Fuentes');
        await add.locator('input[name="worker-phone"]').fill(fakePhone(61));
        await add.locator('select[name="worker-department"]').selectOption({ label: 'Housekeeping' });
        await add.locator('select[name="worker-shift"]').selectOption({ label: 'Nights' });
        await add.locator('button[name="add-worker"]').click();
        const group = page.locator('tbody.camp-group').filter({ has: page.getByRole('rowheader', { name: 'Housekeeping · Nights', exact: true }) });
        await group.getByText('Dolores Fuentes', { exact: true }).waitFor();
        await assertFitsWidth(page, 360);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });

    it('a viewer (es) sees no add or rename controls', async () => {
      assert.ok(unitId, 'the unit from the organizer’s test');
      const vera = await server.addUser({ email: 'vera.viewer@example.org', name: 'Vera Viewer', role: 'viewer', campaign: kCampaign });
      const context = await newContext(browser, 'phone', { locale: kLocale.es });
      try {
        const page = await context.newPage();
        const watch = await watchPage(page);
        await firstSignIn(page, server.url, vera, 'es');
        await page.goto(`${server.url}/campaigns/${campaign}`);
        await page.getByTestId('employer').filter({ hasText: kEmployer }).waitFor();
        await page.locator('.hs-card').first().waitFor();
        assert.equal(await page.getByTestId('add-employer').count(), 0);
        assert.equal(await page.getByTestId('employer-setup').count(), 0);
        await page.goto(`${server.url}/units/${unitId}/setup`);
        await page.getByTestId('areas-department').getByText('Housekeeping', { exact: true }).waitFor();
        assert.equal(await page.getByTestId('unit-settings').count(), 0);
        assert.equal(await page.locator('button[name="rename"]').count(), 0);
        assert.equal(await page.locator('form').count(), 0, 'no add forms');
        await assertFitsWidth(page, 360);
        // And the server agrees.
        const unit = await apiGet(page, `/api/orgs/demo/units/${unitId}`);
        const post = await apiFetch(page, 'POST', `/api/orgs/demo/units/${unitId}/areas`, { kind: 'shift', name: 'Swing' });
        assert.ok([403, 404].includes(post.status), `POST area answered ${post.status}`);
        assert.equal(unit.status, 200);
        await assertClean(watch, server.url);
      } finally {
        await context.close();
      }
    });
  });
}
