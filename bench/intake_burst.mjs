// SPDX-License-Identifier: AGPL-3.0-or-later
// The client side of bench/intake_burst.sh (security-model.md §4 #22):
// from one address, a flood of intake submissions at RATE a minute for
// SECONDS (default 10,000 a minute for 60 s), half of them replaying one
// solved challenge with fresh submission ids, half with made-up work;
// meanwhile PEOPLE honest clients, each from its own loopback address
// (127.0.0.2, .3, ...), fetch a challenge, solve it and submit once, spread
// over the run. Prints the answers by status and the honest clients' fate
// as one JSON line.
//   node bench/intake_burst.mjs URL [RATE_PER_MIN] [SECONDS] [PEOPLE]
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';

const [base, ratePerMin = '10000', seconds = '60', people = '20'] = process.argv.slice(2);
const url = new URL(base);
const agentFlood = new http.Agent({ keepAlive: true, maxSockets: 64, localAddress: '127.0.0.1' });

function request(method, path, body, agent, localAddress) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        host: url.hostname, port: url.port, method, path, agent, localAddress,
        headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {},
      },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode, body: data, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '', ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.setTimeout(30_000, () => req.destroy());
    if (body) req.write(body);
    req.end();
  });
}

function solve(salt, bits) {
  for (let n = 0; ; n++) {
    const h = createHash('sha256').update(salt + String(n)).digest();
    let ok = true;
    for (let i = 0; i < bits && ok; i++) if (h[i >> 3] & (0x80 >> (i & 7))) ok = false;
    if (ok) return n;
  }
}

// Honest person p has phone 202-555-01pp (p < 50); the flood uses 0150-0199.
function form(pow, name, phone = `+120255501${50 + Math.floor(Math.random() * 50)}`) {
  return JSON.stringify({
    submission_id: randomBytes(16).toString('hex'), name, phone,
    employer: 'Bench Hotel', zip: '78701', industry: 'hotels', size_band: '11-50', story: 'bench', language: 'es',
    consent: true, consent_version: '2026-12-v1', pow,
  });
}

async function challenge(agent, localAddress) {
  const r = await request('GET', '/api/intake/demo/challenge', null, agent, localAddress);
  if (r.status !== 200) return null;
  const c = JSON.parse(r.body);
  const { consent_version: _v, ...pow } = c;
  return { ...pow, number: solve(c.salt, c.bits) };
}

const counts = {};
const floodMs = [];
// One solved challenge, replayed (the server remembers spent ones).
const replay = await challenge(agentFlood, '127.0.0.1');
const total = Math.round((Number(ratePerMin) * Number(seconds)) / 60);
const intervalMs = 60_000 / Number(ratePerMin);
const start = Date.now();
const inflight = [];

// Honest people, each from its own address, spread over the run.
const honest = [];
for (let p = 0; p < Number(people); p++) {
  const addr = `127.0.0.${2 + p}`;
  const at = start + ((p + 0.5) * Number(seconds) * 1000) / Number(people);
  honest.push(
    (async () => {
      await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
      const agent = new http.Agent({ keepAlive: false, localAddress: addr });
      const t0 = Date.now();
      const pow = await challenge(agent, addr);
      if (!pow) return { ok: false, status: 'challenge', ms: Date.now() - t0 };
      const r = await request('POST', '/api/intake/demo/requests', form(pow, `Honest ${p}`, `+120255501${String(p % 50).padStart(2, '0')}`), agent, addr);
      return { ok: r.status === 202, status: r.status, ms: Date.now() - t0 };
    })(),
  );
}

for (let i = 0; i < total; i++) {
  const due = start + i * intervalMs;
  const wait = due - Date.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  const pow = i % 2 === 0 && replay
    ? replay
    : { algorithm: 'SHA-256', salt: randomBytes(16).toString('hex'), expires_at_ms: Date.now() + 60_000, bits: 1, signature: 'f'.repeat(64), number: 0 };
  inflight.push(
    request('POST', '/api/intake/demo/requests', form(pow, `Flood ${i}`), agentFlood, '127.0.0.1').then((r) => {
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      floodMs.push(r.ms);
    }),
  );
}
await Promise.all(inflight);
const results = await Promise.all(honest);
const elapsed = (Date.now() - start) / 1000;
floodMs.sort((a, b) => a - b);
const honestMs = results.map((r) => r.ms).sort((a, b) => a - b);
const q = (arr, p) => (arr.length ? arr[Math.min(arr.length - 1, Math.floor(p * arr.length))] : 0);
console.log(
  JSON.stringify({
    flood_sent: total,
    flood_seconds: Number(elapsed.toFixed(1)),
    flood_per_min: Math.round((total / elapsed) * 60),
    flood_status: counts,
    flood_p50_ms: Number(q(floodMs, 0.5).toFixed(1)),
    flood_p99_ms: Number(q(floodMs, 0.99).toFixed(1)),
    honest_sent: results.length,
    honest_landed: results.filter((r) => r.ok).length,
    honest_statuses: results.map((r) => r.status),
    honest_p50_ms: q(honestMs, 0.5),
    honest_max_ms: honestMs[honestMs.length - 1] ?? 0,
  }),
);
