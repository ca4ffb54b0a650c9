// SPDX-License-Identifier: AGPL-3.0-or-later
// Two organizers rate the same worker on the wall chart from two browsers
// (issue #4: "a conflicting edit from a second browser is shown, not lost").
// Jo (a staff organizer, Phone) opens Lee's row, picks 4 and types a note;
// meanwhile the admin (Laptop) rates Lee 2. Jo saves: the rating goes with
// If-Match, the server answers 412, and Jo sees who rated what and when,
// with her choice and note still there; she keeps hers and both ratings
// are in the history. The same for an employment change on his person page.
// In en and es.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  addWorkers,
  apiFetch,
  assertClean,
  assertFitsWidth,
  campaignIdByName,
  chartRow,
  fakePhone,
  firstSignIn,
  kLocale,
  mapWorkplace,
  rateOnChart,
  signIn,
} from './flows.mjs';

const kCampaign = 'Harbor View Hotel housekeeping';
const kText = {
  en: {
    supporter: '2 Supporter',
    leaning: '4 Leaning against',
    title: /Someone else rated Lee Conflict en while you were typing/,
    theirs: /rated 2 Supporter on/,
    yours: 'Your rating: 4 Leaning against. Your note is kept below.',
  },
  es: {
    supporter: '2 A favor',
    leaning: '4 Tiende en contra',
    title: /Otra persona evaluó a Lee Conflict es mientras escribías/,
    theirs: /evaluó 2 A favor el/,
    yours: 'Tu evaluación: 4 Tiende en contra. Tu nota sigue abajo.',
  },
};

for (const db of testDatabases()) {
  describe(`wall chart: a conflicting rating is shown, not lost [${db}]`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    let demo;
    let admin;
    let jo;

    before(async () => {
      server = await startServer({ db });
      browser = await launchBrowser();
      demo = await server.demo();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    for (const lang of ['en', 'es']) {
      it(`412 keeps Jo's rating and note, shows the admin's, lets her choose (${lang})`, async () => {
        const text = kText[lang];
        const adminContext = await newContext(browser, 'laptop', { locale: kLocale[lang] });
        const joContext = await newContext(browser, 'phone', { locale: kLocale[lang] });
        try {
          const adminPage = await adminContext.newPage();
          if (!admin) admin = await firstSignIn(adminPage, server.url, demo, lang);
          else await signIn(adminPage, server.url, admin);
          const campaign = await campaignIdByName(adminPage, kCampaign);
          const map = await mapWorkplace(adminPage, {
            campaign,
            employer: `Conflict ${lang}`,
            worksites: [{ name: `Conflict site ${lang}`, region: 'Bay' }],
            departments: ['Housekeeping', 'Laundry'],
          });
          const unit = map.worksites[0].unit;
          const name = `Lee Conflict ${lang}`;
          const areas = map.worksites[0].areas;
          const [lee] = await addWorkers(adminPage, unit, [{ name, phone: fakePhone(77), department_id: areas.Housekeeping }]);

          const joPage = await joContext.newPage();
          const watch = await watchPage(joPage);
          if (!jo) {
            const account = await server.addUser({
              email: 'jo.staff@example.org',
              name: 'Jo Staff',
              role: 'staff_organizer',
              campaign: kCampaign,
            });
            jo = await firstSignIn(joPage, server.url, account, lang);
          } else {
            await signIn(joPage, server.url, jo);
          }
          // Both open the chart; Jo starts her edit.
          await joPage.goto(`${server.url}/units/${unit}/chart`);
          await adminPage.goto(`${server.url}/units/${unit}/chart`);
          await chartRow(joPage, name).getByTestId('open-row').tap();
          const editor = joPage.getByTestId('rate-editor');
          await editor.getByText(text.leaning, { exact: true }).tap();
          await editor.locator('textarea[name="rating-note"]').fill('Saw him with the manager; ask again Friday');
          // The admin rates first.
          await rateOnChart(adminPage, name, text.supporter);
          // Jo saves: 412, her input stays, the admin's rating is shown.
          await editor.locator('button[name="save-rating"]').tap();
          const banner = editor.getByRole('status').filter({ hasText: text.title });
          await banner.waitFor();
          assert.match(await editor.getByTestId('conflict-theirs').textContent(), /Demo|admin/i);
          assert.match(await editor.getByTestId('conflict-theirs').textContent(), text.theirs);
          assert.equal(await editor.getByTestId('conflict-yours').textContent(), text.yours);
          assert.equal(
            await editor.locator('textarea[name="rating-note"]').inputValue(),
            'Saw him with the manager; ask again Friday',
            'the note is not lost',
          );
          assert.ok(await editor.locator('input[type="radio"][value="4"]').isChecked(), 'the choice is not lost');
          const refused = watch.requests.filter((r) => r.method() === 'POST' && r.url().endsWith(`/people/${lee}/assessments`));
          assert.equal(refused.length, 1);
          assert.equal((await refused[0].response()).status(), 412);
          assert.match(refused[0].headers()['if-match'], /^"v\d+"$/);
          await assertFitsWidth(joPage, 360);
          // She keeps hers.
          await editor.locator('button[name="keep-mine"]').tap();
          await editor.waitFor({ state: 'hidden' });
          assert.match(await chartRow(joPage, name).getByTestId('rating-cell').textContent(), new RegExp(text.leaning));
          const h = await apiFetch(joPage, 'GET', `/api/orgs/demo/people/${lee}/assessments`);
          assert.deepEqual(
            h.body.history.map((a) => a.value),
            [2, 4],
            'both ratings kept, hers the newest',
          );
          assert.equal(h.body.effective.note, 'Saw him with the manager; ask again Friday');

          // The same for his employment on the person page: Jo makes him part
          // time while the admin moves him to Laundry.
          await chartRow(joPage, name).locator('a.camp-row__person').tap();
          await joPage.locator('button[name="edit-employment"]').tap();
          const emp = joPage.getByTestId('employment-editor');
          await emp.locator('select[name="employment-type"]').selectOption('part_time');
          const before = await apiFetch(adminPage, 'GET', `/api/orgs/demo/people/${lee}/employment`);
          const moved = await adminPage.evaluate(
            async ({ path, etag, body }) =>
              (
                await fetch(path, {
                  method: 'PUT',
                  headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'hotshop', 'If-Match': etag },
                  body: JSON.stringify(body),
                })
              ).status,
            {
              path: `/api/orgs/demo/people/${lee}/employment`,
              etag: `"v${before.body.version}"`,
              body: { worksite_id: before.body.current.worksite_id, unit_id: unit, department_id: areas.Laundry },
            },
          );
          assert.equal(moved, 200);
          await emp.locator('button[name="save-employment"]').tap();
          await emp.getByTestId('employment-theirs').getByText(/Laundry/).waitFor();
          assert.equal(await emp.locator('select[name="employment-type"]').inputValue(), 'part_time', 'her choice is kept');
          await emp.locator('button[name="save-employment"]').tap();
          await emp.waitFor({ state: 'hidden' });
          const after = await apiFetch(joPage, 'GET', `/api/orgs/demo/people/${lee}/employment`);
          assert.equal(after.body.current.employment_type, 'part_time');
          assert.equal(after.body.history.length, 3, 'every change kept in the history');
          await assertClean(watch, server.url);
        } finally {
          await adminContext.close();
          await joContext.close();
        }
      });
    }
  });
}
