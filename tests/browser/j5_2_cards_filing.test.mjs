// SPDX-License-Identifier: AGPL-3.0-or-later
// J5.2 Cards and filing (journeys.md), on a unit of 100, en on the Laptop
// and es on the Phone: an undated card is refused with the server's answer
// translated (R2) and nothing is added; the organizer watches the card meter
// cross 30% when a paper card (photo hashed on the device) dated 13 months
// ago is added: it is flagged stale with a re-sign prompt and still counted
// (R3); the 30% meter rounds up (100 -> 30; 101 -> 31, R1); readiness turns
// on at 65% cards + support and a committee of 10% in every department
// (R5); the employer-safe summary, printed to PDF, names no signer (R4).
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, newContext, startServer, testDatabases, watchPage } from './harness.mjs';
import {
  addWorkers,
  apiFetch,
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
} from './flows.mjs';

const kCampaign = 'Northgate warehouse, third try';

const kText = {
  en: {
    undated: 'The card has no date, or the date is in the future. An undated card never counts (R2): enter the date the worker wrote.',
    notMet: '29 of 30 cards needed (30% of 100, rounded up)',
    met: 'Enough cards to file',
    crossed: '30 of 30 cards needed (30% of 100, rounded up)',
    ceil101: '30 of 31 cards needed (30% of 101, rounded up)',
    stale: 'Stale (over 12 months): counts, ask to re-sign',
    ready: 'Ready to file',
    notReady: 'Not ready yet',
  },
  es: {
    undated: 'La tarjeta no tiene fecha, o la fecha es futura. Una tarjeta sin fecha nunca cuenta (R2): escribe la fecha que puso el trabajador.',
    notMet: '29 de 30 tarjetas necesarias (30% de 100, redondeado hacia arriba)',
    met: 'Hay tarjetas suficientes para presentar',
    crossed: '30 de 30 tarjetas necesarias (30% de 100, redondeado hacia arriba)',
    ceil101: '30 de 31 tarjetas necesarias (30% de 101, redondeado hacia arriba)',
    stale: 'Vencida (más de 12 meses): cuenta, pide que firme de nuevo',
    ready: 'Listos para presentar',
    notReady: 'Todavía no',
  },
};

function isoDaysAgo(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function isoMonthsAgo(months) {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  d.setUTCDate(Math.min(d.getUTCDate(), 28));
  return d.toISOString().slice(0, 10);
}

/** The text inside a PDF's Flate streams and its raw bytes, as latin1. */
function pdfText(buffer) {
  let out = buffer.toString('latin1');
  const re = /stream\r?\n/g;
  let m;
  while ((m = re.exec(buffer.toString('latin1')))) {
    const start = m.index + m[0].length;
    const end = buffer.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out += inflateSync(buffer.subarray(start, end)).toString('latin1');
    } catch {
      // not Flate, or an image
    }
  }
  return out;
}

for (const db of testDatabases()) {
  describe(`J5.2 cards and filing [${db}]`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    let demo;
    let admin;

    before(async () => {
      // The set-up posts 100+ records from the page: lift the per-client rate
      // limit so the reload after it is not answered 429 (as for J5.1).
      server = await startServer({ db, serveArgs: ['--rate-limit', '500'] });
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
      it(`undated refused, stale counted, the meter crosses 30%, readiness, employer-safe PDF (${lang}, ${preset})`, async () => {
        const text = kText[lang];
        const context = await newContext(browser, preset, { locale: kLocale[lang] });
        try {
          const page = await context.newPage();
          const watch = await watchPage(page);
          if (!admin) admin = await firstSignIn(page, server.url, demo, lang);
          else await signIn(page, server.url, admin);
          const campaign = await campaignIdByName(page, kCampaign);
          const map = await mapWorkplace(page, {
            campaign,
            employer: `Northgate ${lang}`,
            worksites: [{ name: `Northgate DC ${lang}`, region: 'East' }],
            departments: ['Inbound', 'Outbound'],
            shifts: ['Days'],
          });
          const site = map.worksites[0];
          const people = Array.from({ length: 100 }, (_, i) => ({
            name: fakeName(i + (lang === 'es' ? 200 : 0)),
            phone: fakePhone(i),
            department_id: i % 2 ? site.areas.Inbound : site.areas.Outbound,
            shift_id: site.areas.Days,
          }));
          const ids = await addWorkers(page, site.unit, people);
          const names = people.map((p) => p.name);
          // 29 cards already signed this month.
          await postAll(
            page,
            ids.slice(0, 29).map((id) => ({
              path: `/api/orgs/demo/units/${site.unit}/cards`,
              body: { person_id: id, signed_on: isoDaysAgo(3), method: 'paper_photo', has_signature: true },
            })),
          );

          await page.goto(`${server.url}/units/${site.unit}/cards`);
          const meter = page.getByTestId('meter-showing');
          await meter.getByText(text.notMet).waitFor();
          const form = page.getByTestId('add-card');
          const signer = names[29];
          await form.locator('select[name="card-person"]').selectOption({ label: signer });
          await form.locator('input[name="card-photo"]').setInputFiles({
            name: 'card.jpg',
            mimeType: 'image/jpeg',
            buffer: Buffer.from(`not really a photo of ${lang}`),
          });
          await form.getByTestId('photo-hash').waitFor();
          // Undated: refused, translated, nothing added; the choice stays.
          await form.locator('button[name="add-card"]').click();
          await page.getByRole('alert').getByText(text.undated).waitFor();
          assert.equal(await form.locator('select[name="card-person"]').inputValue(), ids[29], 'the signer is kept');
          await meter.getByText(text.notMet).waitFor();
          assert.equal(await page.getByTestId('card-row').count(), 29);
          // Dated 13 months ago: stale, flagged, and still counted: 30 of 30.
          await form.locator('input[name="card-signed-on"]').fill(isoMonthsAgo(13));
          await form.locator('button[name="add-card"]').click();
          await meter.getByText(text.crossed).waitFor();
          await meter.getByText(text.met).waitFor();
          const stale = page.getByTestId('card-row').filter({ hasText: signer });
          await stale.getByText(text.stale).waitFor();
          await stale.getByTestId('resign-prompt').waitFor();
          const posted = watch.requests.filter((r) => r.method() === 'POST' && r.url().endsWith(`/units/${site.unit}/cards`));
          const body = JSON.parse(posted[posted.length - 1].postData());
          assert.match(body.evidence_hash, /^[0-9a-f]{64}$/, 'the photo went as its SHA-256 only');
          if (preset === 'phone') await assertFitsWidth(page, 360);

          // R1 rounds up: one more worker makes 101 -> 31 needed.
          const [extra] = await addWorkers(page, site.unit, [{ name: fakeName(399), phone: fakePhone(99), department_id: site.areas.Inbound }]);
          await page.reload();
          await page.getByTestId('meter-showing').getByText(text.ceil101).waitFor();

          // R5: 66 cards of 101 (65%), 66 supporters, a committee of 11 across
          // both departments: ready to file.
          await page.goto(`${server.url}/campaigns/${campaign}`);
          const readiness = page.getByTestId(`meters-${site.unit}`).getByTestId('readiness');
          await readiness.getByText(text.notReady).waitFor();
          await postAll(page, [
            ...ids.slice(30, 66).map((id) => ({
              path: `/api/orgs/demo/units/${site.unit}/cards`,
              body: { person_id: id, signed_on: isoDaysAgo(1), method: 'e_signature', signed_at: `${isoDaysAgo(1)}T12:00:00Z`, evidence_hash: 'ab'.repeat(32), has_signature: true },
            })),
            ...ids.slice(0, 66).map((id) => ({ path: `/api/orgs/demo/people/${id}/assessments`, body: { value: 2 } })),
            ...ids.slice(0, 11).map((id) => ({ path: `/api/orgs/demo/campaigns/${campaign}/committee`, body: { person_id: id } })),
          ]);
          void extra;
          await page.reload();
          await page.getByTestId(`meters-${site.unit}`).getByTestId('readiness').getByText(text.ready, { exact: true }).waitFor();
          const m = await apiFetch(page, 'GET', `/api/orgs/demo/units/${site.unit}/meters`);
          assert.equal(m.body.readiness.ready, true);
          assert.equal(m.body.showing.counted, 66);
          assert.equal(m.body.showing.stale, 1);

          // R4: the employer-safe summary names no signer, on screen or PDF.
          await page.goto(`${server.url}/units/${site.unit}/cards/summary`);
          const summary = page.getByTestId('employer-safe-summary');
          await summary.waitFor();
          assert.equal(await summary.getByTestId('summary-counted').textContent(), '66');
          assert.equal(await summary.getByTestId('summary-required').textContent(), '31');
          await page.emulateMedia({ media: 'print' });
          const html = await page.content();
          const shown = await page.locator('body').innerText();
          for (const name of [...names, demo.email, 'Demo']) {
            assert.ok(!shown.includes(name), `"${name}" printed on the summary`);
          }
          for (const name of names) assert.ok(!html.includes(name), `"${name}" in the summary's HTML`);
          assert.equal(await page.locator('img').count(), 0, 'no photos');
          const pdf = await page.pdf({ format: 'Letter' });
          assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
          const raw = pdfText(pdf);
          for (const name of names) assert.ok(!raw.includes(name), `"${name}" in the PDF`);
          assert.ok(!raw.includes('/Subtype /Image') && !raw.includes('/Subtype/Image'), 'no images in the PDF');
          console.log(`J5.2 [${db} ${lang}] employer-safe summary PDF: ${pdf.length} bytes, no signer names`);
          await page.emulateMedia({ media: 'screen' });
          await assertClean(watch, server.url);
        } finally {
          await context.close();
        }
      });
    }
  });
}
