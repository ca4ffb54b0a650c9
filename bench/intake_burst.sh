#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Benchmark entry (security-model.md §4 #22, issue #5 "a burst of 10,000
# submissions per minute"): a fresh hotshop with the demo org and its
# default intake guards (20 requests a minute per address, 600 work-bearing
# submissions a minute overall, 14-bit proof of work); a second process
# (bench/intake_burst.mjs) floods POST /api/intake/demo/requests from one
# address at BURST_RATE a minute for BURST_SECONDS while BURST_PEOPLE honest
# clients, each from its own loopback address, solve the proof of work and
# submit once. Checks the server is still up and counts what landed.
# Prints a table and one line:
#   BENCH intake_burst flood_per_min=… answered_429=… answered_400=… landed_flood=… honest_landed=…/… …
# Fails only when the server dies or cannot start; speed never fails it.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_need node curl
[ -x "$HOTSHOP_BIN" ] || bench_die "$HOTSHOP_BIN not found (make build)"

BURST_RATE=${BURST_RATE:-10000}
BURST_SECONDS=${BURST_SECONDS:-60}
BURST_PEOPLE=${BURST_PEOPLE:-20}
tmp=$BENCH_TMP
mkdir -p "$tmp/hotshop"
bench_start_hotshop "$tmp/hotshop"
"$HOTSHOP_BIN" demo --db "sqlite:$tmp/hotshop/b.db" --key-file "$tmp/hotshop/master.key" >/dev/null

echo "== intake_burst: $BURST_RATE submissions a minute from 127.0.0.1 for ${BURST_SECONDS}s," \
  "$BURST_PEOPLE honest clients from 127.0.0.2+ (each solves the proof of work once)"
echo "   load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$HOTSHOP_PID/status")
out=$(node "$BENCH_ROOT/bench/intake_burst.mjs" "$HOTSHOP_URL" "$BURST_RATE" "$BURST_SECONDS" "$BURST_PEOPLE")
echo "   client: $out"
kill -0 "$HOTSHOP_PID" 2>/dev/null || bench_die "hotshop died during the burst"
curl -fsS "$HOTSHOP_URL/healthz" >/dev/null || bench_die "hotshop does not answer /healthz after the burst"
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$HOTSHOP_PID/status")
intakes=$(sqlite3 "$tmp/hotshop/b.db" "SELECT count(*) FROM intakes")
honest_db=$(sqlite3 "$tmp/hotshop/b.db" "SELECT count(*) FROM intakes i JOIN intake_submissions s ON s.org_id = i.org_id AND s.intake_id = i.id" )
read -r per_min s429 s400 s202 landed sent p99 hp50 hmax < <(node -e '
  const o = JSON.parse(process.argv[1]);
  const s = o.flood_status;
  console.log([o.flood_per_min, s[429] ?? 0, s[400] ?? 0, s[202] ?? 0, o.honest_landed, o.honest_sent, o.flood_p99_ms, o.honest_p50_ms, o.honest_max_ms].join(" "));
' "$out")
printf '   %-34s %s\n' "flood rate (a minute)" "$per_min"
printf '   %-34s %s\n' "answered 429 (buckets)" "$s429"
printf '   %-34s %s\n' "answered 400 (bad or spent work)" "$s400"
printf '   %-34s %s\n' "flood answered 202" "$s202"
printf '   %-34s %s\n' "flood p99 latency (ms)" "$p99"
printf '   %-34s %s\n' "honest clients landed" "$landed/$sent"
printf '   %-34s %s\n' "honest p50 / max (ms, incl. work)" "$hp50 / $hmax"
printf '   %-34s %s\n' "intakes in the queue" "$intakes (submissions: $honest_db)"
printf '   %-34s %s\n' "server RSS before / after (KiB)" "$rss_before / $rss_after"
echo "BENCH intake_burst flood_per_min=$per_min answered_429=$s429 answered_400=$s400 flood_202=$s202 honest_landed=$landed/$sent queue=$intakes flood_p99_ms=$p99 honest_p50_ms=$hp50 rss_kib=$rss_after"
