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
export function apiFetch(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'hotshop' },
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
    { method, path, body },
  );
}

function pathOf(page) {
  return new URL(page.url()).pathname;
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
  assert.notEqual(pathOf(page), '/login');
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
