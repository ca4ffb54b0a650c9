// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser-test harness: a real `hotshop serve` on a fresh database, and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
//
// Server contract (run from the repo root):
//   build/hotshop keys init --key-file <tmp>/master.key      (creates a 0400 key if absent)
//   build/hotshop migrate   --db <url>
//   build/hotshop serve     --db <url> --listen 127.0.0.1:<port>
//                           --web-dir build/web --key-file <tmp>/master.key
//   ...then GET /healthz answers 200 {"status":"ok"} within 20 s, and SIGTERM
//   makes the server exit.
//   build/hotshop demo --db <url> --key-file <key>
//     prints "admin login: <email>" and "one-time password: <password>"
//   build/hotshop user add --db <url> --key-file <key> --org <slug> --email E
//                          --name N --role ROLE [--campaign NAME_OR_ID]
//     prints "  one-time password: <password>"
//   (both may run while serve is running, on the same database)
// Databases: sqlite:<tmp>/hotshop.db, or for pg a fresh `hs_browser_<hex>`
// created with psql on HOTSHOP_TEST_PG_ADMIN_URL and dropped afterwards.
//
// Environment:
//   HOTSHOP_TEST_DBS            comma list of 'sqlite', 'pg' (default: sqlite)
//   HOTSHOP_TEST_PG_ADMIN_URL   postgresql://... URL of a role that may CREATE DATABASE
//   HOTSHOP_BIN, HOTSHOP_WEB_DIR  override build/hotshop and build/web
//   HOTSHOP_TEST_SERVER_LOG=1   copy the server's output to this process's stderr
// Thread rule: none (node:test runs each file in its own process).
import { execFile, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// playwright-core is a devDependency of web/, so resolve it from there.
const requireFromWeb = createRequire(path.join(repoRoot, 'web', 'package.json'));
const { chromium } = requireFromWeb('playwright-core');

const kHealthTimeoutMs = 20_000; // serve must answer /healthz within this
const kStopTimeoutMs = 10_000; // after SIGTERM, then SIGKILL
const kCommandTimeoutMs = 60_000; // keys init, migrate, psql
const kLogTailBytes = 16_384; // server output kept for error messages

export const kChromiumPath = '/usr/bin/chromium';
export const kChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Viewport presets from journeys.md: Rosa's phone and Dana's laptop. */
export const kPresets = {
  phone: { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  laptop: { viewport: { width: 1280, height: 800 } },
};

/** The databases to run each test file on: HOTSHOP_TEST_DBS, default sqlite. */
export function testDatabases() {
  const dbs = (process.env.HOTSHOP_TEST_DBS || 'sqlite')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const db of dbs) {
    if (db !== 'sqlite' && db !== 'pg') throw new Error(`HOTSHOP_TEST_DBS: unknown database '${db}'`);
  }
  return dbs;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: repoRoot, timeout: kCommandTimeoutMs }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

function withDatabase(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createPgDatabase() {
  const admin = process.env.HOTSHOP_TEST_PG_ADMIN_URL;
  if (!admin) throw new Error('HOTSHOP_TEST_PG_ADMIN_URL must be set to run browser tests on pg');
  const name = `hs_browser_${randomBytes(6).toString('hex')}`; // [0-9a-f]: safe unquoted
  await run('psql', [admin, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `CREATE DATABASE ${name}`]);
  return {
    url: withDatabase(admin, name),
    drop: () => run('psql', [admin, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

async function waitHealthy(url, child, log) {
  const deadline = Date.now() + kHealthTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`hotshop serve exited (${child.exitCode ?? child.signalCode}) before /healthz:\n${log()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`hotshop serve: no 200 from ${url}/healthz within ${kHealthTimeoutMs} ms:\n${log()}`);
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = sleep(kStopTimeoutMs).then(() => 'timeout');
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`hotshop serve did not exit within ${kStopTimeoutMs} ms of SIGTERM`);
  }
}

/**
 * Starts `hotshop serve` on a fresh database of kind db ('sqlite' | 'pg'),
 * with serveArgs appended to its command line (e.g. ['--intake-rate', '0']).
 * The server's scheduled jobs are off (--jobs-every 0): journeys that move
 * time run them with `hotshop intake|match ... --as-of`, and a run in the
 * middle of a journey would add reminders its assertions do not expect.
 * Returns {url, db, dbUrl, stop()}; stop() ends the server (SIGTERM), drops
 * the pg database and removes the temp dir. On failure, cleans up and throws
 * with the server's output.
 */
export async function startServer({ db = 'sqlite', serveArgs = [] } = {}) {
  const bin = process.env.HOTSHOP_BIN || path.join(repoRoot, 'build', 'hotshop');
  const webDir = process.env.HOTSHOP_WEB_DIR || path.join(repoRoot, 'build', 'web');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hotshop-browser-'));
  const keyFile = path.join(tmp, 'master.key');
  let pg = null;
  let child = null;
  let output = '';
  const log = () => output;
  const cleanup = async () => {
    const problems = [];
    if (child) await stopChild(child).catch((e) => problems.push(e));
    if (pg) await pg.drop().catch((e) => problems.push(e));
    await rm(tmp, { recursive: true, force: true });
    if (problems.length) throw problems[0];
  };

  try {
    let dbUrl;
    if (db === 'sqlite') {
      dbUrl = `sqlite:${path.join(tmp, 'hotshop.db')}`;
    } else if (db === 'pg') {
      pg = await createPgDatabase();
      dbUrl = pg.url;
    } else {
      throw new Error(`startServer: unknown db '${db}'`);
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    await run(bin, ['keys', 'init', '--key-file', keyFile]);
    await run(bin, ['migrate', '--db', dbUrl]);
    child = spawn(
      bin,
      ['serve', '--db', dbUrl, '--listen', `127.0.0.1:${port}`, '--web-dir', webDir, '--key-file', keyFile, '--jobs-every', '0', ...serveArgs],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-kLogTailBytes);
      if (process.env.HOTSHOP_TEST_SERVER_LOG) process.stderr.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => keep(`spawn error: ${e.message}\n`));

    await waitHealthy(url, child, log);
    return {
      url,
      db,
      dbUrl,
      keyFile,
      log,
      stop: cleanup,
      /** `hotshop demo`: the demo org and its admin's one-time login. */
      demo: () => runDemo(bin, dbUrl, keyFile),
      /** `hotshop user add`: a user with a one-time password. */
      addUser: (user) => runUserAdd(bin, dbUrl, keyFile, user),
    };
  } catch (e) {
    await cleanup().catch(() => {});
    throw e;
  }
}

function field(output, label, command) {
  const m = new RegExp(`^\\s*${label}:\\s*(\\S+)\\s*$`, 'm').exec(output);
  if (!m) throw new Error(`${command}: no "${label}:" line in its output:\n${output}`);
  return m[1];
}

/** Runs `hotshop demo`; returns {email, password, org: 'demo', output}. */
async function runDemo(bin, dbUrl, keyFile) {
  const output = await run(bin, ['demo', '--db', dbUrl, '--key-file', keyFile]);
  return {
    email: field(output, 'admin login', 'hotshop demo'),
    password: field(output, 'one-time password', 'hotshop demo'),
    org: 'demo',
    output,
  };
}

/**
 * Runs `hotshop user add`; user = {email, name, role, org = 'demo', campaign?}.
 * Returns {email, name, role, password, output}.
 */
async function runUserAdd(bin, dbUrl, keyFile, user) {
  const args = ['user', 'add', '--db', dbUrl, '--key-file', keyFile, '--org', user.org ?? 'demo'];
  args.push('--email', user.email, '--name', user.name, '--role', user.role);
  if (user.campaign) args.push('--campaign', user.campaign);
  const output = await run(bin, args);
  return { ...user, password: field(output, 'one-time password', 'hotshop user add'), output };
}

// --- TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits) ------------------------

export const kTotpStepSeconds = 30;

/** RFC 4648 base32 (spaces, '=' and case ignored) to bytes. */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of clean) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`base32Decode: bad character '${c}'`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The TOTP time step of a moment (ms since the epoch). */
export function totpStep(ms = Date.now()) {
  return Math.floor(ms / 1000 / kTotpStepSeconds);
}

/** The 6-digit code of a base32 secret at a time step (RFC 4226 §5.3). */
export function totpCode(secretBase32, step = totpStep()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

/**
 * A code the server hasn't seen: waits (at most one step) until the time step
 * is past account.lastStep, since the server refuses counters <= the last one
 * it accepted (security-model.md §2.6). Updates account.lastStep.
 */
export async function freshTotp(account) {
  let step = totpStep();
  while (account.lastStep !== undefined && step <= account.lastStep) {
    const wait = (account.lastStep + 1) * kTotpStepSeconds * 1000 - Date.now() + 50;
    await sleep(Math.max(wait, 50));
    step = totpStep();
  }
  account.lastStep = step;
  return totpCode(account.secret, step);
}

/** Headless Debian Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: kChromiumPath, headless: true, args: kChromiumArgs });
}

/**
 * A new browser context from a preset ('phone' | 'laptop'); options are
 * passed to browser.newContext (e.g. {locale: 'es-MX'}, which sets both
 * navigator.language and Accept-Language).
 */
export function newContext(browser, preset, options = {}) {
  const base = kPresets[preset];
  if (!base) throw new Error(`newContext: unknown preset '${preset}'`);
  return browser.newContext({ ...base, ...options });
}

/** Slow 3G as in Chrome DevTools (journeys.md: Rosa's phone). */
export async function emulateSlow3G(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (500 * 1024) / 8,
    uploadThroughput: (500 * 1024) / 8,
  });
}

/**
 * Records what a page does that a test must be able to forbid: console
 * errors, uncaught exceptions, CSP violations, and every request with its
 * transferred size. Call before the first goto().
 */
export async function watchPage(page) {
  const seen = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every 4xx/5xx fetch as "Failed to load resource". For the
    // JSON API those are answers the UI handles (401 when signed out, 404,
    // 403 ...), not errors of the page; tests assert on them directly.
    const from = msg.location()?.url ?? '';
    if (/^Failed to load resource/.test(msg.text()) && new URL(from, 'http://x').pathname.startsWith('/api/')) return;
    seen.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => seen.pageErrors.push(String(err)));
  page.on('request', (req) => seen.requests.push(req));
  // Init scripts run through the DevTools protocol, so the CSP doesn't block
  // this listener; it sees violations that don't reach the console too.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return {
    ...seen,
    async cspViolations() {
      return page.evaluate(() => window.__cspViolations ?? []);
    },
    /** URLs of requests that left the origin (data: URLs never do). */
    foreignRequests(origin) {
      return seen.requests.map((r) => r.url()).filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
    },
    /** Bytes transferred (headers + bodies) by the requests so far. */
    async transferredBytes() {
      let total = 0;
      for (const req of seen.requests) {
        const sizes = await req.sizes().catch(() => null);
        if (sizes) total += sizes.responseHeadersSize + sizes.responseBodySize;
      }
      return total;
    },
  };
}
