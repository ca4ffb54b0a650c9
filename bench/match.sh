#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Benchmark entry: ranking 2,000 organizers for one request (issue #5).
# One fresh hotshop on SQLite with the demo org, 2,000 organizer profiles
# around Austin and one request in Spanish. Measured in this run:
#   core        core::RankOrganizers over 2,000 candidates in memory
#   plain       the baseline: one plain query reading the same 2,000 profile rows
#   store+core  what the route does without HTTP: profiles with load and
#               declines, ZIP lookups, ranking (one read transaction)
#   api         GET /api/orgs/demo/intakes/{id}/organizers (top 50 with
#               names), signed in, over HTTP keep-alive from Python
# Prints a table and one line:
#   BENCH match_rank organizers=2000 core_ms=… plain_ms=… store_rank_ms=… api_ms=… store_vs_plain=… api_vs_plain=…
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_need python3 curl
[ -x "$HOTSHOP_BIN" ] || bench_die "$HOTSHOP_BIN not found (make build)"
MB="$BENCH_ROOT/build/bench/match_bench"
[ -x "$MB" ] || bench_die "$MB not found (cmake --build build --target match_bench)"
N=${BENCH_ORGANIZERS:-2000}
REPS=${BENCH_MATCH_REPS:-21}

tmp=$BENCH_TMP
mkdir -p "$tmp/h"
bench_start_hotshop "$tmp/h"
db="sqlite:$tmp/h/b.db"
otp=$("$HOTSHOP_BIN" demo --db "$db" --key-file "$tmp/h/master.key" | awk -F': *' '/one-time password/ {print $2}')
intake=$("$MB" populate "$db" "$tmp/h/master.key" demo "$N")

echo "== match_rank: $N organizers, one request (es, 78701, hotels), $REPS repetitions, median"
echo "   load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure)"
core=$("$MB" core "$N" "$REPS" | awk '/core_ms/ {print $2}')
store=$("$MB" store "$db" "$tmp/h/master.key" demo "$intake" "$REPS")
plain=$(awk '/plain_ms/ {print $2}' <<<"$store")
store_rank=$(awk '/store_rank_ms/ {print $2}' <<<"$store")

api=$(python3 - "$HOTSHOP_URL" "$otp" "$intake" "$REPS" <<'PY'
import base64, hashlib, hmac, http.client, json, struct, sys, time, urllib.parse
url, otp, intake, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
u = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(u.hostname, u.port)
cookie = ''
def call(method, path, body=None):
    global cookie
    h = {'X-Requested-With': 'hotshop', 'Content-Type': 'application/json'}
    if cookie: h['Cookie'] = cookie
    conn.request(method, path, json.dumps(body) if body is not None else None, h)
    r = conn.getresponse(); data = r.read()
    sc = r.getheader('Set-Cookie')
    if sc and '__Host-sid=' in sc: cookie = sc.split(';')[0]
    return r.status, data
def totp(secret, step):
    key = base64.b32decode(secret + '=' * (-len(secret) % 8))
    d = hmac.new(key, struct.pack('>Q', step), hashlib.sha1).digest()
    o = d[-1] & 15
    return '%06d' % ((struct.unpack('>I', d[o:o + 4])[0] & 0x7fffffff) % 1000000)
s, _ = call('POST', '/api/session', {'email': 'admin@demo.hotshop.invalid', 'password': otp})
assert s == 200, s
pw = 'bench horse battery staple 42'
s, _ = call('POST', '/api/me/password', {'current_password': otp, 'new_password': pw}); assert s == 200, s
s, d = call('POST', '/api/me/totp/setup', {}); assert s == 200, s
secret = json.loads(d)['secret_base32'].replace(' ', '')
s, d = call('POST', '/api/me/totp/confirm', {'code': totp(secret, int(time.time()) // 30)}); assert s == 200, (s, d)
path = '/api/orgs/demo/intakes/%s/organizers' % intake
s, d = call('GET', path); assert s == 200, (s, d)
times = []
for _ in range(reps):
    t0 = time.perf_counter(); s, d = call('GET', path); times.append((time.perf_counter() - t0) * 1000)
    assert s == 200
times.sort()
print('%.3f' % times[len(times) // 2])
PY
)
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
printf '   %-34s %10s\n' measure ms
printf '   %-34s %10.3f\n' "core rank ($N, in memory)" "$core" "plain query ($N profile rows)" "$plain" \
  "store + core (route minus HTTP)" "$store_rank" "API GET …/organizers (top 50)" "$api"
echo "BENCH match_rank organizers=$N core_ms=$core plain_ms=$plain store_rank_ms=$store_rank api_ms=$api" \
  "store_vs_plain=$(ratio "$store_rank" "$plain") api_vs_plain=$(ratio "$api" "$plain") core_vs_plain=$(ratio "$core" "$plain")"
