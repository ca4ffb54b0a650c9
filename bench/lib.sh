# SPDX-License-Identifier: AGPL-3.0-or-later
# shellcheck shell=bash
# Helpers shared by the benchmark entries (bench/*.sh). Source it; don't run it.
#
# What it gives an entry:
#   BENCH_TMP                     a temp dir for this entry, removed on exit
#   bench_free_port               a free loopback TCP port
#   bench_wait_url URL [SECONDS]  waits until URL answers 2xx (default 15 s)
#   bench_start_hotshop DIR       a fresh hotshop on SQLite in DIR; sets
#                                 HOTSHOP_PID and HOTSHOP_URL
#   bench_start_nginx DIR BODY_FILE URI [HEADERS_FILE]
#                                 a throwaway nginx serving BODY_FILE at URI,
#                                 from its own prefix DIR, adding the
#                                 "Name: value" lines of HEADERS_FILE to each
#                                 answer; sets NGINX_PID and NGINX_URL
#   bench_extra_headers URL       the headers URL answers with, less those
#                                 nginx writes itself, as "Name: value" lines
#   bench_wrk URL                 one wrk run; prints "RPS P99_MS"
#   bench_median N...             the median of the numbers given
#   bench_ratio A B               A/B to three decimals
#
# Every process started here is stopped, and every temp dir removed, by an
# EXIT trap, even when the entry fails half-way.
#
# Tunables (environment): BENCH_THREADS (server threads / nginx workers,
# default nproc), BENCH_WRK_ARGS (default "-t1 -c32"), BENCH_DURATION
# (default 10s), BENCH_WARMUP (default 2s), BENCH_ROUNDS (default 3),
# BENCH_WRK_CPU (a CPU list for taskset to pin wrk to; default unpinned).

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOTSHOP_BIN="$BENCH_ROOT/build/hotshop"
BENCH_THREADS=${BENCH_THREADS:-$(nproc)}
BENCH_WRK_ARGS=${BENCH_WRK_ARGS:--t1 -c32}
BENCH_DURATION=${BENCH_DURATION:-10s}
BENCH_WARMUP=${BENCH_WARMUP:-2s}
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_WRK_CPU=${BENCH_WRK_CPU:-}

_bench_pids=()
_bench_dirs=()

_bench_cleanup() {
  local pid d
  for pid in "${_bench_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  # nginx's master stops its workers on TERM; give everyone a moment, then
  # force whoever is left (only the processes we started, by pid).
  for pid in "${_bench_pids[@]}"; do
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for d in "${_bench_dirs[@]}"; do
    rm -rf "$d"
  done
}
trap _bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_die() {
  echo "bench: $*" >&2
  exit 1
}

bench_need() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || bench_die "$c not found (make deps installs it)"
  done
}

BENCH_TMP=$(mktemp -d /tmp/hotshop-bench.XXXXXX)
_bench_dirs+=("$BENCH_TMP")

# Asks the kernel for a free port (bind to port 0), then releases it.
bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bench_wait_url() {
  local url=$1 secs=${2:-15}
  for _ in $(seq $((secs * 10))); do
    curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# The rate limiter is off (--rate-limit 0): every wrk connection comes from
# 127.0.0.1, so a per-client limit of 50/s would turn the benchmark into a
# measurement of 429 answers. The access log is off to match nginx's
# access_log off; both are measured as a server with no per-request I/O.
bench_start_hotshop() {
  local dir=$1 port
  port=$(bench_free_port)
  "$HOTSHOP_BIN" keys init --key-file "$dir/master.key" >"$dir/keys.log" 2>&1 \
    || { cat "$dir/keys.log" >&2; bench_die "hotshop keys init failed"; }
  "$HOTSHOP_BIN" migrate --db "sqlite:$dir/b.db" >"$dir/migrate.log" 2>&1 \
    || { cat "$dir/migrate.log" >&2; bench_die "hotshop migrate failed"; }
  "$HOTSHOP_BIN" serve --db "sqlite:$dir/b.db" --key-file "$dir/master.key" \
    --listen "127.0.0.1:$port" --threads "$BENCH_THREADS" \
    --rate-limit 0 --no-access-log >"$dir/serve.log" 2>&1 &
  HOTSHOP_PID=$!
  _bench_pids+=("$HOTSHOP_PID")
  HOTSHOP_URL="http://127.0.0.1:$port"
  bench_wait_url "$HOTSHOP_URL/healthz" \
    || { cat "$dir/serve.log" >&2; bench_die "hotshop did not answer on $HOTSHOP_URL"; }
}

# nginx in the foreground (daemon off) so $! is the master; its own prefix,
# config, pid file, logs and temp paths, all in DIR. Workers = BENCH_THREADS.
# keepalive_requests is raised from nginx's default of 1000 so that neither
# server closes a keep-alive connection during the run (hotshop has no cap).
bench_start_nginx() {
  local dir=$1 body=$2 uri=$3 headers=${4:-} port user_line="" add_headers=""
  port=$(bench_free_port)
  if [ -n "$headers" ]; then
    # add_header Name "value" always;  (values here hold no double quotes)
    add_headers=$(awk -F': ' 'NF >= 2 { n = $1; sub(/^[^:]*: /, ""); printf "      add_header %s \"%s\" always;\n", n, $0 }' "$headers")
  fi
  mkdir -p "$dir/html$(dirname "$uri")" "$dir/logs"
  cp "$body" "$dir/html$uri"
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes $BENCH_THREADS;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  keepalive_requests 100000000;
  server_tokens off;
  etag off;
  server {
    listen 127.0.0.1:$port;
    root $dir/html;
    location = $uri {
      default_type application/json;
$add_headers
    }
  }
}
EOF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" >"$dir/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  _bench_pids+=("$NGINX_PID")
  NGINX_URL="http://127.0.0.1:$port"
  bench_wait_url "$NGINX_URL$uri" \
    || { cat "$dir/logs/error.log" "$dir/logs/stdout.log" >&2 2>/dev/null; bench_die "nginx did not answer on $NGINX_URL"; }
}

bench_extra_headers() {
  curl -fsS -D - -o /dev/null "$1" | tr -d '\r' \
    | grep -Eiv '^(HTTP/|content-type:|content-length:|server:|date:|connection:|keep-alive:|$)'
}

# Runs wrk against URL for DURATION (default BENCH_DURATION), prints
# "RPS P99_MS". Fails if wrk saw socket errors or non-2xx answers, so a
# benchmark of error pages can't pass as a fast one.
bench_wrk() {
  local url=$1 dur=${2:-$BENCH_DURATION} out pin=()
  [ -n "$BENCH_WRK_CPU" ] && pin=(taskset -c "$BENCH_WRK_CPU")
  # shellcheck disable=SC2086  # BENCH_WRK_ARGS is a list of flags
  out=$("${pin[@]}" wrk $BENCH_WRK_ARGS -d"$dur" --latency "$url") \
    || { echo "$out" >&2; bench_die "wrk failed against $url"; }
  if grep -Eq 'Non-2xx|Socket errors' <<<"$out"; then
    echo "$out" >&2
    bench_die "wrk saw errors against $url"
  fi
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v + 0
    }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    END {
      if (rps == "" || p99 == "") exit 1
      printf "%.0f %.2f\n", rps, p99
    }' <<<"$out" || { echo "$out" >&2; bench_die "could not parse wrk output"; }
}

bench_median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench_ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.3f\n", a / b }'
}
