import { launchBrowser, newContext, startServer } from './harness.mjs';
import { apiFetch, firstSignIn, kLocale } from './flows.mjs';
const server = await startServer({ db: 'sqlite' });
const browser = await launchBrowser();
try {
  const demo = await server.demo();
  for (const lang of ['en', 'es']) {
    const ctx = await newContext(browser, 'phone', { locale: kLocale[lang] });
    const page = await ctx.newPage();
    page.on('console', (m) => console.log('console', m.type(), m.text()));
    const login = lang === 'en' ? demo : await server.addUser({ email: 'o@example.org', name: 'Olga Organizer', role: 'staff_organizer', campaign: 'Harbor View Hotel housekeeping' });
    await firstSignIn(page, server.url, login, lang);
    const campaigns = (await apiFetch(page, 'GET', '/api/orgs/demo/campaigns')).body.campaigns;
    const harbor = campaigns.find((c) => c.name.startsWith('Harbor')).id;
    const north = campaigns.find((c) => c.name.startsWith('Northgate'));
    const units = (await apiFetch(page, 'GET', `/api/orgs/demo/campaigns/${harbor}/units`)).body.units;
    await page.goto(`${server.url}/elections?unit=${units[0].id}`);
    await page.waitForTimeout(1500);
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 0; y < h; y += 900, i++) {
      await page.screenshot({ path: `/tmp/el-shots/elections-${lang}-${i}.png`, fullPage: true, clip: { x: 0, y, width: 360, height: Math.min(900, h - y) } });
    }
    await page.goto(`${server.url}/deadlines?campaign=${harbor}`);
    await page.waitForTimeout(1500);
    const h2 = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 0; y < h2; y += 900, i++) {
      await page.screenshot({ path: `/tmp/el-shots/deadlines-${lang}-${i}.png`, fullPage: true, clip: { x: 0, y, width: 360, height: Math.min(900, h2 - y) } });
    }
    await page.goto(`${server.url}/charges?campaign=${harbor}`);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/el-shots/charges-${lang}.png`, fullPage: true, clip: { x: 0, y: 0, width: 360, height: 900 } });
    if (north && lang === 'en') {
      const nunits = (await apiFetch(page, 'GET', `/api/orgs/demo/campaigns/${north.id}/units`)).body.units;
      await page.goto(`${server.url}/elections?unit=${nunits[0].id}`);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `/tmp/el-shots/northgate-${lang}.png`, fullPage: true, clip: { x: 0, y: 0, width: 360, height: 1400 } });
      await page.goto(`${server.url}/deadlines`);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `/tmp/el-shots/chooser-${lang}.png`, fullPage: true });
    }
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(lang, 'scrollWidth', sw);
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
