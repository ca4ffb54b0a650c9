// SPDX-License-Identifier: AGPL-3.0-or-later
// Assessment scales (issue #4, R18): "0 = not assessed and never counted as
// support; labels configurable", and rule assessments ("a rule never
// overrides a newer human assessment"). On a phone the organizer opens the
// campaign's scales from the dashboard; a cleared name is refused next to
// the field (nothing changed); she renames level 2 and turns the card rule
// on, reloads and sees both; the wall chart and the person page say the new
// label, and a card signed afterwards puts the rule's level on the chart. A
// colleague's edit while she types gives 412: her words stay, theirs are
// shown, and saving puts hers over theirs. A viewer (es) has no link and
// sees the scales with nothing to edit; a unit worker-leader neither.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  addUnitLeader,
  addWorkers,
  apiFetch,
  apiGet,
  assertClean,
  assertFitsWidth,
  campaignIdByName,
  chartRow,
  fakePhone,
  firstSignIn,
  kLocale,
  mapWorkplace,
  waitForPath,
} from './flows.mjs';

const kCampaign = 'Harbor View Hotel housekeeping';

function isoDaysAgo(n) {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

async function defaultScale(page, campaign) {
  const r = await apiGet(page, `/api/orgs/demo/campaigns/${campaign}/assessment-scales`);
  assert.equal(r.status, 200);
  const s = r.body.scales.find((x) => x.is_default);
  assert.ok(s, 'the default scale');
  return s;
}

for (const db of testDatabases()) {
  describe(`assessment scales: labels and rules [${db}]`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    let demo;
    let context;
    let page;
    let campaign;
    let map;
    let ana;
    let ben;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      demo = await server.demo();
      context = await newContext(browser, 'phone', { locale: kLocale.en });
      page = await context.newPage();
      await firstSignIn(page, server.url, demo, 'en');
      campaign = await campaignIdByName(page, kCampaign);
      map = await mapWorkplace(page, {
        campaign,
        employer: 'Scales Hotel',
        worksites: [{ name: 'Scales Hotel downtown', region: 'Bay' }],
        departments: ['Housekeeping'],
      });
      const unit = map.worksites[0].unit;
      [ana, ben] = await addWorkers(page, unit, [
        { name: 'Ana Scales', phone: fakePhone(61), department_id: map.worksites[0].areas.Housekeeping },
        { name: 'Ben Scales', phone: fakePhone(62), department_id: map.worksites[0].areas.Housekeeping },
      ]);
      const rated = await apiFetch(page, 'POST', `/api/orgs/demo/people/${ana}/assessments`, { value: 2 });
      assert.equal(rated.status, 201);
    });

    after(async () => {
      await context?.close();
      await browser?.close();
      await server?.stop();
    });

    it('an organizer renames a level and turns the card rule on; the chart and person page follow', async () => {
      const watch = await watchPage(page);
      const unit = map.worksites[0].unit;
      await page.goto(`${server.url}/campaigns/${campaign}`);
      await page.getByTestId('scales-link').tap();
      await waitForPath(page, `/campaigns/${campaign}/scales`);
      const editor = page.locator(`[data-testid="scale-editor"]`).first();
      await editor.waitFor();
      const before = await defaultScale(page, campaign);
      assert.equal(await editor.getAttribute('data-scale'), before.id, 'the default scale comes first');
      assert.equal(await editor.locator('input[name="label-2"]').inputValue(), 'Supporter');
      assert.match(await editor.getByTestId('level-zero').textContent(), /0 Not assessed · always “not assessed”, never counts as support/);
      assert.match(await editor.getByTestId('support-levels').textContent(), /Counts as support: 1 Leader, 2 Supporter\./);
      assert.equal(await editor.locator('select[name="rule-card_signed"]').inputValue(), '', 'rules are off by default');
      await assertFitsWidth(page, 360);

      // 400: a cleared name is refused next to the field, nothing changes.
      await editor.locator('input[name="scale-name"]').fill('');
      await editor.locator('button[name="save-scale"]').tap();
      await editor.locator('.hs-field--invalid').getByText('Enter a name for the scale (up to 200 characters).').waitFor();
      assert.equal((await defaultScale(page, campaign)).version, before.version, 'a refused edit changes nothing');
      await editor.locator('input[name="scale-name"]').fill(before.name);

      // The edit: level 2 gets the org's own word, a signed card sets level 2.
      await editor.locator('input[name="label-2"]').fill('Solid yes');
      await editor.locator('select[name="rule-card_signed"]').selectOption('2');
      await editor.locator('button[name="save-scale"]').tap();
      await editor.getByText('Saved.', { exact: true }).waitFor();
      const saved = await defaultScale(page, campaign);
      assert.equal(saved.labels[2], 'Solid yes');
      assert.equal(saved.labels[1], 'leader', 'an untouched label keeps its translatable key');
      assert.deepEqual(saved.rules, { card_signed: 2, structure_test: null });
      const patches = watch.requests.filter((r) => r.method() === 'PATCH' && r.url().endsWith(`/assessment-scales/${before.id}`));
      assert.equal(patches.length, 2);
      assert.equal((await patches[0].response()).status(), 400);
      assert.equal(patches[1].headers()['if-match'], `"v${before.version}"`);

      // Reloaded: both are there.
      await page.reload();
      await page.locator('[data-testid="scale-editor"]').first().waitFor();
      assert.equal(await editor.locator('input[name="label-2"]').inputValue(), 'Solid yes');
      assert.equal(await editor.locator('select[name="rule-card_signed"]').inputValue(), '2');
      assert.equal(await editor.locator('select[name="rule-structure_test"]').inputValue(), '');

      // The wall chart and the person page say the new label.
      await page.goto(`${server.url}/units/${unit}/chart`);
      assert.match(await chartRow(page, 'Ana Scales').getByTestId('rating-cell').textContent(), /2 Solid yes/);
      await page.goto(`${server.url}/people/${ana}`);
      await page.getByTestId('assessment').first().getByText('2 Solid yes', { exact: true }).waitFor();

      // The rule works: Ben signs a card, the chart shows the rule's level.
      const card = await apiFetch(page, 'POST', `/api/orgs/demo/units/${unit}/cards`, {
        person_id: ben,
        signed_on: isoDaysAgo(1),
        method: 'paper_photo',
        has_signature: true,
      });
      assert.equal(card.status, 201);
      await page.goto(`${server.url}/units/${unit}/chart`);
      const benCell = await chartRow(page, 'Ben Scales').getByTestId('rating-cell').textContent();
      assert.match(benCell, /2 Solid yes/);
      assert.match(benCell, /rule/i);
      await assertClean(watch, server.url);
    });

    it('a colleague changes the scale while she types: 412 keeps her words and shows theirs', async () => {
      const watch = await watchPage(page);
      await page.goto(`${server.url}/campaigns/${campaign}/scales`);
      const editor = page.locator(`[data-testid="scale-editor"]`).first();
      await editor.waitFor();
      await editor.locator('input[name="label-3"]').fill('On the fence');
      // Meanwhile a colleague relabels level 4.
      const now = await defaultScale(page, campaign);
      const labels = [...now.labels];
      labels[4] = 'Not yet';
      const theirs = await apiFetch(page, 'PATCH', `/api/orgs/demo/assessment-scales/${now.id}`, { labels }, { 'If-Match': `"v${now.version}"` });
      assert.equal(theirs.status, 200);
      await editor.locator('button[name="save-scale"]').tap();
      await editor.getByText('A colleague changed this scale while you were editing.').waitFor();
      assert.equal(await editor.locator('input[name="label-3"]').inputValue(), 'On the fence', 'her words are not lost');
      assert.match(await editor.getByTestId('scale-theirs').textContent(), /4 Not yet/);
      await assertFitsWidth(page, 360);
      await editor.locator('button[name="save-scale"]').tap();
      await editor.getByText('Saved.', { exact: true }).waitFor();
      const after = await defaultScale(page, campaign);
      assert.equal(after.labels[3], 'On the fence');
      assert.equal(after.labels[4], 'Not yet', 'what she did not touch stays as the colleague left it');
      assert.equal(after.labels[2], 'Solid yes');
      assert.equal(await editor.locator('input[name="label-4"]').inputValue(), 'Not yet');
      // The colleague's PATCH, hers refused with 412, hers again over theirs.
      const patches = watch.requests.filter((r) => r.method() === 'PATCH');
      assert.deepEqual(await Promise.all(patches.map(async (r) => (await r.response()).status())), [200, 412, 200]);
      assert.equal(patches[2].headers()['if-match'], `"v${now.version + 1}"`, 'saved over their version');
      await assertClean(watch, server.url);
    });

    it('she adds a scale of the campaign’s own: an empty label is refused next to the labels', async () => {
      const watch = await watchPage(page);
      await page.goto(`${server.url}/campaigns/${campaign}/scales`);
      const form = page.getByTestId('new-scale');
      await form.waitFor();
      await form.locator('input[name="new-scale-name"]').fill('Turnout');
      await form.locator('select[name="new-scale-max"]').selectOption('3');
      await form.locator('input[name="new-label-1"]').fill('Always comes');
      await form.locator('input[name="new-label-2"]').fill('Sometimes');
      // Level 3 left empty: refused by the labels before anything is sent.
      await form.locator('button[name="add-scale"]').tap();
      await form.getByText('Give every level a label (up to 100 characters each).').waitFor();
      await form.locator('input[name="new-label-3"]').fill('Never');
      // No name: the server's 400 is shown next to the name.
      await form.locator('input[name="new-scale-name"]').fill('');
      await form.locator('button[name="add-scale"]').tap();
      await form.locator('.hs-field--invalid').getByText('Enter a name for the scale (up to 200 characters).').waitFor();
      await form.locator('input[name="new-scale-name"]').fill('Turnout');
      await form.locator('input[type="checkbox"][name="new-support-2"]').uncheck();
      await form.locator('select[name="rule-structure_test"]').selectOption('1');
      await form.locator('button[name="add-scale"]').tap();
      await page.getByText('The scale “Turnout” was added.').waitFor();
      const posts = watch.requests.filter((q) => q.method() === 'POST' && q.url().endsWith('/assessment-scales'));
      assert.deepEqual(await Promise.all(posts.map(async (q) => (await q.response()).status())), [400, 201]);
      const r = await apiGet(page, `/api/orgs/demo/campaigns/${campaign}/assessment-scales`);
      const made = r.body.scales.filter((x) => x.name === 'Turnout');
      assert.equal(made.length, 1, 'made once: the refused try made nothing');
      assert.equal(made[0].campaign_id, campaign);
      assert.deepEqual(made[0].labels, ['not_assessed', 'Always comes', 'Sometimes', 'Never']);
      assert.deepEqual(made[0].support_levels, [1]);
      assert.deepEqual(made[0].rules, { card_signed: null, structure_test: 1 });
      // It is listed, editable, and level 0 reads "not assessed".
      const editor = page.locator(`[data-testid="scale-editor"][data-scale="${made[0].id}"]`);
      assert.equal(await editor.locator('input[name="label-3"]').inputValue(), 'Never');
      assert.match(await editor.getByTestId('level-zero').textContent(), /^0 Not assessed/);
      assert.match(await editor.getByTestId('support-levels').textContent(), /Counts as support: 1 Always comes\./);
      await assertFitsWidth(page, 360);
      await assertClean(watch, server.url);
    });

    it('a viewer (es) and a unit worker-leader have no link and nothing to edit', async () => {
      const unit = map.worksites[0].unit;
      const viewer = await server.addUser({ email: 'vic.viewer@example.org', name: 'Vic Viewer', role: 'viewer', campaign: kCampaign });
      const leader = await addUnitLeader(server, page, demo, {
        email: 'lu.leader@example.org',
        name: 'Lu Leader',
        campaignName: kCampaign,
        unit,
      });
      for (const [who, account, lang] of [
        ['viewer', viewer, 'es'],
        ['worker-leader', leader, 'en'],
      ]) {
        const ctx = await newContext(browser, 'phone', { locale: kLocale[lang] });
        try {
          const p = await ctx.newPage();
          const w = await watchPage(p);
          await firstSignIn(p, server.url, account, lang);
          if (who === 'viewer') {
            await p.goto(`${server.url}/campaigns/${campaign}`);
            await p.locator('.hs-card').first().waitFor();
            assert.equal(await p.getByTestId('scales-link').count(), 0, `${who}: no link on the dashboard`);
            await p.goto(`${server.url}/campaigns/${campaign}/scales`);
            const scale = p.getByTestId('scale').first();
            await scale.waitFor();
            // Read only, in Spanish, with the organizer's words.
            assert.match(await scale.getByTestId('scale-levels').textContent(), /2 Solid yes/);
            assert.match(await scale.getByTestId('scale-levels').textContent(), /0 Sin evaluar · siempre “sin evaluar”, nunca cuenta como apoyo/);
            assert.match(await scale.getByTestId('scale-rules').textContent(), /Una tarjeta firmada pone el nivel en 2 Solid yes\./);
          } else {
            await p.goto(`${server.url}/units/${unit}/chart`);
            await chartRow(p, 'Ana Scales').waitFor();
            assert.match(await chartRow(p, 'Ana Scales').getByTestId('rating-cell').textContent(), /2 Solid yes/);
            await p.goto(`${server.url}/campaigns/${campaign}/scales`);
            await p.getByText('There is nothing here, or it is not yours to see.').waitFor();
          }
          assert.equal(await p.getByTestId('scale-editor').count(), 0, `${who}: no editor`);
          assert.equal(await p.getByTestId('new-scale').count(), 0, `${who}: no new-scale form`);
          assert.equal(await p.locator('main input, main textarea, main button[name="save-scale"]').count(), 0, `${who}: nothing editable`);
          await assertFitsWidth(p, 360);
          // And the server agrees.
          const s = await defaultScale(page, campaign);
          const patch = await apiFetch(p, 'PATCH', `/api/orgs/demo/assessment-scales/${s.id}`, { name: 'Mine' }, { 'If-Match': `"v${s.version}"` });
          assert.ok([403, 404].includes(patch.status), `${who}: PATCH answered ${patch.status}`);
          await assertClean(w, server.url);
        } finally {
          await ctx.close();
        }
      }
    });
  });
}
