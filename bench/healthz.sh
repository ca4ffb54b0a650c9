#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Benchmark entry: GET /healthz over HTTP/1.1 keep-alive, hotshop against a
# throwaway nginx serving a static file with the same body bytes and the same
# extra headers, on this machine, in this run. Rounds alternate A/B/A/B so
# drift (thermal, noisy neighbours) hits both sides alike. Prints a table and
# one line:
#   BENCH healthz_keepalive hotshop_rps=… nginx_rps=… ratio=… hotshop_p99_ms=… nginx_p99_ms=…
# It never fails on speed, only when a server can't be started or wrk sees errors.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_need wrk nginx curl python3 awk
[ -x "$HOTSHOP_BIN" ] || bench_die "$HOTSHOP_BIN not found (make build)"

tmp=$BENCH_TMP
mkdir -p "$tmp/hotshop" "$tmp/nginx"

bench_start_hotshop "$tmp/hotshop"
curl -fsS "$HOTSHOP_URL/healthz" >"$tmp/body"
bench_extra_headers "$HOTSHOP_URL/healthz" >"$tmp/headers"
bench_start_nginx "$tmp/nginx" "$tmp/body" /healthz "$tmp/headers"

# The baseline must answer with exactly hotshop's body bytes.
curl -fsS "$NGINX_URL/healthz" >"$tmp/nginx-body"
cmp -s "$tmp/body" "$tmp/nginx-body" || bench_die "nginx body differs from hotshop's /healthz body"
resp_bytes() { curl -fsS -D - -o /dev/null "$1" | wc -c; }
h_hdr=$(resp_bytes "$HOTSHOP_URL/healthz")
n_hdr=$(resp_bytes "$NGINX_URL/healthz")

echo "== healthz_keepalive: GET /healthz, keep-alive, wrk $BENCH_WRK_ARGS -d$BENCH_DURATION," \
  "$BENCH_ROUNDS rounds A/B, $BENCH_THREADS server threads${BENCH_WRK_CPU:+, wrk on CPU $BENCH_WRK_CPU}"
echo "   load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews both sides)"
echo "   body $(wc -c <"$tmp/body") bytes both; headers $h_hdr bytes hotshop, $n_hdr bytes nginx"

bench_wrk "$HOTSHOP_URL/healthz" "$BENCH_WARMUP" >/dev/null
bench_wrk "$NGINX_URL/healthz" "$BENCH_WARMUP" >/dev/null

h_rps=() h_p99=() n_rps=() n_p99=()
printf '   %-6s %-8s %12s %10s\n' round server req/s p99_ms
for r in $(seq "$BENCH_ROUNDS"); do
  read -r rps p99 < <(bench_wrk "$HOTSHOP_URL/healthz")
  h_rps+=("$rps") h_p99+=("$p99")
  printf '   %-6s %-8s %12s %10s\n' "$r" hotshop "$rps" "$p99"
  read -r rps p99 < <(bench_wrk "$NGINX_URL/healthz")
  n_rps+=("$rps") n_p99+=("$p99")
  printf '   %-6s %-8s %12s %10s\n' "$r" nginx "$rps" "$p99"
done

hr=$(bench_median "${h_rps[@]}")
hp=$(bench_median "${h_p99[@]}")
nr=$(bench_median "${n_rps[@]}")
np=$(bench_median "${n_p99[@]}")
ratio=$(bench_ratio "$hr" "$nr")
printf '   %-15s %12s %10s\n' "median hotshop" "$hr" "$hp"
printf '   %-15s %12s %10s\n' "median nginx" "$nr" "$np"
echo "   hotshop/nginx throughput: $ratio"
echo "BENCH healthz_keepalive hotshop_rps=$hr nginx_rps=$nr ratio=$ratio hotshop_p99_ms=$hp nginx_p99_ms=$np"
