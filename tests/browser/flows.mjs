// SPDX-License-Identifier: AGPL-3.0-or-later
// UI flows the security-core tests share: first sign-in (own password, TOTP
// enrolment, recovery codes), sign-in with a code, step-up, sign-out; and
// the page checks (no horizontal scroll, nothing leaked to the console).
// Fields are found by their form names (the same in every language); what a
// person reads is asserted in the tests, by language.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { freshTotp, totpStep, totpCode } from './harness.mjs';

/** The strings the flows click or wait for, per UI language. */
export const kText = {
  en: {
    signIn: 'Sign in',
    continue: 'Continue',
    signOut: 'Sign out',
    noAccess: "You don't have access to this page",
    totpInvalid: 'That code is not right.',
    totpReplayed: 'That code was already used.',
    suspended: 'This account is suspended.',
    stepUpTitle: 'Confirm it is you',
    confirm: 'Confirm',
  },
  es: {
    signIn: 'Iniciar sesión',
    continue: 'Continuar',
    signOut: 'Cerrar sesión',
    noAccess: 'No tienes acceso a esta página',
    totpInvalid: 'Ese código no es correcto.',
    totpReplayed: 'Ese código ya se usó.',
    suspended: 'Esta cuenta está suspendida.',
    stepUpTitle: 'Confirma que eres tú',
    confirm: 'Confirmar',
  },
};

export const kLocale = { en: 'en-US', es: 'es-MX' };

/** A password nobody else has: long, not common. */
export function newPassword() {
  return `tidal-${randomBytes(6).toString('hex')}-orchard-${randomBytes(3).toString('hex')}`;
}

export async function assertFitsWidth(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `horizontal scroll at ${page.url()}: scrollWidth ${scrollWidth} > ${width}`);
}

export async function assertClean(watch, origin) {
  assert.deepEqual(watch.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(watch.consoleErrors, [], 'console errors (CSP violations show here)');
  assert.deepEqual(await watch.cspViolations(), [], 'CSP violations');
  assert.deepEqual(watch.foreignRequests(origin), [], 'requests to another origin');
}

/** What the page itself gets from the API (same cookies, same headers). */
export function apiFetch(page, method, path, body, headers = {}) {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const res = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'hotshop', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
      let json = null;
      try {
        json = await res.json();
      } catch {
        // 204 or not JSON
      }
      return { status: res.status, body: json };
    },
    { method, path, body, headers },
  );
}

export async function waitForPath(page, path, timeout = 15_000) {
  await page.waitForURL((u) => u.pathname === path, { timeout });
}

/** Fills the sign-in form's first step and submits. */
export async function submitPassword(page, email, password) {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** Submits a code on the sign-in form's second step. */
export async function submitCode(page, code) {
  const field = page.locator('input[name="code"]');
  await field.waitFor();
  await field.fill(code);
  await page.locator('form button[type="submit"]').click();
}

/**
 * Enrols TOTP on /setup/totp: reads the key shown for manual entry, sends the
 * current code, returns {secret, lastStep, recoveryCodes} after ticking "I
 * saved them" and continuing.
 */
export async function enrolTotp(page, lang = 'en', { wrongCodeFirst = false } = {}) {
  await waitForPath(page, '/setup/totp');
  const secretText = await page.getByTestId('totp-secret').textContent({ timeout: 15_000 });
  const secret = secretText.replace(/\s+/g, '');
  assert.match(secretText.trim(), /^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/, 'the key is shown in groups of 4');
  // The QR code is an <img> with a data: URI, never injected markup.
  const qr = await page.locator('img.setup-qr').getAttribute('src');
  assert.match(qr, /^data:image\/svg\+xml;base64,/);
  if (wrongCodeFirst) {
    await page.locator('input[name="totp-code"]').fill(totpCode(secret, totpStep() + 1000));
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('alert').getByText(kText[lang].totpInvalid).waitFor();
  }
  const step = totpStep();
  await page.locator('input[name="totp-code"]').fill(totpCode(secret, step));
  await page.locator('form button[type="submit"]').click();
  const list = page.getByTestId('recovery-codes');
  await list.waitFor({ timeout: 15_000 });
  const recoveryCodes = (await list.locator('li').allTextContents()).map((c) => c.trim());
  assert.equal(recoveryCodes.length, 10, 'ten recovery codes');
  const cont = page.getByRole('button', { name: kText[lang].continue, exact: true });
  assert.ok(await cont.isDisabled(), 'Continue waits for "I saved them"');
  await page.locator('input[name="codes-saved"]').check();
  await cont.click();
  return { secret, lastStep: step, recoveryCodes };
}

/**
 * First sign-in of an account with a one-time password: sign in, choose a
 * password, enrol TOTP, save the recovery codes. Returns the account
 * {email, password, secret, lastStep, recoveryCodes}.
 */
export async function firstSignIn(page, baseUrl, { email, password }, lang = 'en', options = {}) {
  await page.goto(`${baseUrl}/login`);
  await submitPassword(page, email, password);
  await waitForPath(page, '/setup/password');
  const chosen = newPassword();
  await page.locator('input[name="new-password"]').fill(chosen);
  await page.locator('input[name="repeat-password"]').fill(chosen);
  await page.locator('form button[type="submit"]').click();
  const totp = await enrolTotp(page, lang, options);
  await page.getByTestId('user-name').waitFor();
  return { email, password: chosen, ...totp };
}

/** Signs in with password and a fresh TOTP code; waits until signed in. */
export async function signIn(page, baseUrl, account) {
  await page.goto(`${baseUrl}/login`);
  await submitPassword(page, account.email, account.password);
  await submitCode(page, await freshTotp(account));
  await page.getByTestId('user-name').waitFor();
  // The header shows the user a moment before the app leaves /login: wait
  // for the move rather than race it (a loaded CI machine lost that race).
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 15_000 });
}

/** The header's Sign out button; waits for the sign-in page. */
export async function signOut(page, lang = 'en') {
  await page.getByRole('button', { name: kText[lang].signOut, exact: true }).click();
  await waitForPath(page, '/login');
}

/** Answers the step-up dialog (password + a fresh code) once it opens. */
export async function answerStepUp(page, account, lang = 'en') {
  const dialog = page.getByRole('dialog', { name: kText[lang].stepUpTitle });
  await dialog.waitFor();
  await dialog.locator('input[name="step-up-password"]').fill(account.password);
  await dialog.locator('input[name="step-up-code"]').fill(await freshTotp(account));
  await dialog.getByRole('button', { name: kText[lang].confirm, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The Session the server reports for this page's cookie. */
export async function currentSession(page) {
  const { status, body } = await apiFetch(page, 'GET', '/api/session');
  assert.equal(status, 200, 'GET /api/session');
  return body;
}

/** Opens the phone menu if it is collapsed; returns the nav's link names. */
export async function navLinks(page) {
  const menu = page.locator('.app-menu-button');
  if ((await menu.count()) > 0 && (await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
  }
  return (await page.locator('#app-nav a').allTextContents()).map((s) => s.trim());
}

/**
 * Parses CSV text (RFC 4180: quoted cells, doubled quotes, CRLF or LF, a
 * newline inside quotes) into rows of cells. For reading downloaded files.
 */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Clicks `trigger` (a locator) and returns {name, text} of the file the page saves. */
export async function downloadText(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const { readFile } = await import('node:fs/promises');
  const file = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(file, 'utf8') };
}

// --- the campaign workplace (issue #4) ---------------------------------------
// Setup through the API as the signed-in page (the same calls the UI makes),
// and the one grant the admin API cannot make yet: a unit-scoped one.

/** A demo campaign's id by name. */
export async function campaignIdByName(page, name, org = 'demo') {
  const r = await apiFetch(page, 'GET', `/api/orgs/${org}/campaigns`);
  assert.equal(r.status, 200, 'GET campaigns');
  const c = r.body.campaigns.find((x) => x.name === name);
  assert.ok(c, `campaign ${name}`);
  return c.id;
}

async function created(page, path, body, what) {
  void what;
  const [made] = await postAll(page, [{ path, body }]);
  return made;
}

/**
 * Maps a workplace in a campaign: an employer, its worksites (one unit per
 * worksite unless `oneUnit`), departments and shifts on every unit. Returns
 * {employer, worksites: [{id, name, region, unit, areas: {name: id}}]}.
 */
export async function mapWorkplace(page, { campaign, employer, worksites, departments = [], shifts = [], org = 'demo' }) {
  const base = `/api/orgs/${org}`;
  const e = await created(page, `${base}/campaigns/${campaign}/employers`, { name: employer }, 'employer');
  const out = { employer: e.id, worksites: [] };
  for (const w of worksites) {
    const site = await created(page, `${base}/employers/${e.id}/worksites`, { name: w.name, region: w.region }, 'worksite');
    const unit = await created(
      page,
      `${base}/campaigns/${campaign}/units`,
      { employer_id: e.id, name: w.unit ?? w.name, worksite_ids: [site.id] },
      'unit',
    );
    const areas = {};
    for (const [kind, names] of [['department', departments], ['shift', shifts]]) {
      for (const name of names) areas[name] = (await created(page, `${base}/units/${unit.id}/areas`, { kind, name }, 'area')).id;
    }
    out.worksites.push({ id: site.id, name: w.name, region: w.region, unit: unit.id, areas });
  }
  return out;
}

/**
 * Sends many JSON POSTs from the page, one after the other; each must answer
 * `expect`. A 429 (the server's per-connection rate limit) waits for
 * Retry-After and sends the same request again.
 */
export async function postAll(page, requests, expect = 201) {
  return page.evaluate(
    async ({ requests, expect }) => {
      const out = [];
      for (const { path, body } of requests) {
        for (;;) {
          const res = await fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'hotshop' },
            body: JSON.stringify(body),
          });
          if (res.status === 429) {
            const wait = Number(res.headers.get('Retry-After') || '1');
            await new Promise((r) => setTimeout(r, Math.max(1, wait) * 1000));
            continue;
          }
          if (res.status !== expect) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
          out.push(await res.json());
          break;
        }
      }
      return out;
    },
    { requests, expect },
  );
}

/** GET from the page for setup and checks; a 429 waits for Retry-After. */
export async function apiGet(page, path) {
  for (;;) {
    const r = await page.evaluate(async (path) => {
      const res = await fetch(path, { headers: { 'X-Requested-With': 'hotshop' }, credentials: 'same-origin' });
      return { status: res.status, retry: res.headers.get('Retry-After'), body: await res.json().catch(() => null) };
    }, path);
    if (r.status !== 429) return { status: r.status, body: r.body };
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, Number(r.retry || '1')) * 1000));
  }
}

/** Adds people to a unit through POST /units/{id}/people; returns their ids in order. */
export async function addWorkers(page, unit, workers, org = 'demo') {
  const made = await postAll(
    page,
    workers.map((w) => ({ path: `/api/orgs/${org}/units/${unit}/people`, body: w })),
  );
  return made.map((m) => m.id);
}

/** Fake names for generated coworkers (invented; no real people). */
export function fakeName(i) {
  const first = ['Alma', 'Bruno', 'Cleo', 'Dario', 'Elena', 'Fidel', 'Gala', 'Hugo', 'Iris', 'Joel', 'Kira', 'Lalo'];
  const last = ['Arce', 'Brito', 'Cano', 'Duran', 'Espino', 'Frias', 'Gil', 'Haro', 'Ibarra', 'Jara', 'Lara', 'Mora'];
  return `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]} ${i}`;
}

/** A fictional phone: +1 202 555-01xx. */
export function fakePhone(i) {
  return `+1202555${String(100 + (i % 100)).padStart(4, '0')}`;
}

/**
 * Makes a worker-leader scoped to one unit: `hotshop user add --role
 * worker_leader --campaign C` (a campaign grant: the CLI has no unit scope),
 * then the grant becomes a unit grant. Through POST /users/{id}/grants with
 * scope_kind "unit" when the server takes it (branch access-bench);
 * until then the grant row is rewritten as the database owner, as
 * tests/api/campaign_api_test.cpp ScopeToUnit does. Returns the account
 * {email, password (one-time), userId}.
 */
export async function addUnitLeader(server, adminPage, admin, { email, name, campaignName, unit, org = 'demo' }) {
  const user = await server.addUser({ email, name, role: 'worker_leader', campaign: campaignName, org });
  const users = await apiFetch(adminPage, 'GET', `/api/orgs/${org}/users`);
  assert.equal(users.status, 200, 'GET users');
  const u = users.body.users.find((x) => x.email === email);
  assert.ok(u, `user ${email}`);
  const viaApi = await apiFetch(adminPage, 'POST', `/api/orgs/${org}/users/${u.id}/grants`, {
    role: 'worker_leader',
    scope_kind: 'unit',
    scope_id: unit,
  });
  if (viaApi.status === 201) {
    // The campaign grant from the CLI must go: the leader sees only the unit.
    for (const g of u.grants) {
      const del = await apiFetch(adminPage, 'DELETE', `/api/orgs/${org}/grants/${g.id}`);
      assert.equal(del.status, 204, 'DELETE the campaign grant');
    }
  } else {
    assert.equal(viaApi.status, 400, `unit grants: ${JSON.stringify(viaApi.body)}`);
    await rewriteGrantAsUnit(server, u.id, unit);
  }
  void admin;
  return { ...user, userId: u.id };
}

async function rewriteGrantAsUnit(server, userId, unit) {
  const { execFile } = await import('node:child_process');
  const sql = `UPDATE grants SET scope_kind = 'unit', scope_id = '${unit}' WHERE user_id = '${userId}'`;
  assert.match(userId, /^[0-9a-f-]{36}$/);
  assert.match(unit, /^[0-9a-f-]{36}$/);
  const [cmd, args] = server.dbUrl.startsWith('sqlite:')
    ? ['sqlite3', [server.dbUrl.slice('sqlite:'.length), sql]]
    : ['psql', [server.dbUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql]];
  await new Promise((resolve, reject) =>
    execFile(cmd, args, (err, stdout, stderr) => (err ? reject(new Error(`${cmd}: ${err.message} ${stderr}`)) : resolve(stdout))),
  );
}

/** The wall chart's row for a person, by name. */
export function chartRow(page, name) {
  return page.getByTestId('chart-row').filter({ has: page.getByTestId('open-row').getByText(name, { exact: true }) });
}

/** Opens a person's row on the chart, picks a rating, types a note, saves:
 * the taps a leader makes (returns how many). */
export async function rateOnChart(page, name, levelLabel, note = '') {
  let taps = 0;
  await chartRow(page, name).getByTestId('open-row').click();
  taps += 1;
  const editor = page.getByTestId('rate-editor');
  await editor.getByText(levelLabel, { exact: true }).click();
  taps += 1;
  if (note) await editor.locator('textarea[name="rating-note"]').fill(note);
  await editor.locator('button[name="save-rating"]').click();
  taps += 1;
  await editor.waitFor({ state: 'hidden' });
  return taps;
}
