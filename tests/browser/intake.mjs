// SPDX-License-Identifier: AGPL-3.0-or-later
// Helpers the intake journeys share (J1.1, J1.2, J2.1): a request sent the
// way a script would (solving the proof of work in Node), SQL as the
// database owner (to age a request: the test moves the row's clock, never
// sleeps), and the fields a worker fills.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} failed: ${err.message}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

/** Runs one SQL statement as the owner; returns its output (one value per line). */
export function ownerSql(server, statement) {
  if (server.db === 'sqlite') return run('sqlite3', [server.dbUrl.replace(/^sqlite:/, ''), statement]);
  return run('psql', [server.dbUrl, '-v', 'ON_ERROR_STOP=1', '-tA', '-c', statement]);
}

function solves(salt, n, bits) {
  const h = createHash('sha256').update(salt + String(n)).digest();
  for (let i = 0; i < bits; i++) if (h[i >> 3] & (0x80 >> (i & 7))) return false;
  return true;
}

/** POSTs a request for help as a script would, proof of work included. */
export async function submitIntake(baseUrl, fields, org = 'demo') {
  const c = await (await fetch(`${baseUrl}/api/intake/${org}/challenge`)).json();
  let n = 0;
  while (!solves(c.salt, n, c.bits)) n++;
  const { consent_version: version, ...pow } = c;
  const body = {
    submission_id: randomBytes(16).toString('hex'),
    name: 'Test Worker',
    employer: 'Harbor View Hotel',
    city: 'Austin',
    zip: '78701',
    industry: 'hotels',
    size_band: '11-50',
    story: 'Script request',
    language: 'es',
    best_time: '',
    consent: true,
    consent_version: version,
    ...fields,
    pow: { ...pow, number: n },
  };
  const res = await fetch(`${baseUrl}/api/intake/${org}/requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Fields that must never exist on the form (R41), in both languages. */
export const kForbiddenField = /immigra|migratori|country of birth|pa[ií]s de nacimiento|birth|nacimiento|ssn|social security|seguro social/i;

/** Runs `hotshop <args…>` against this server's database and key; returns its output. */
export function hotshopCli(server, args) {
  const bin = process.env.HOTSHOP_BIN || new URL('../../build/hotshop', import.meta.url).pathname;
  return run(bin, [...args, '--db', server.dbUrl, '--key-file', server.keyFile]);
}

/** Removes requests (and their history) as the owner: `where` selects intakes.id. */
export async function forgetIntakes(server, where) {
  const ids = `SELECT id FROM intakes WHERE ${where}`;
  await ownerSql(server, `DELETE FROM intake_events WHERE intake_id IN (${ids})`);
  await ownerSql(server, `DELETE FROM intake_submissions WHERE intake_id IN (${ids})`);
  await ownerSql(server, `DELETE FROM intakes WHERE id IN (${ids})`);
}
