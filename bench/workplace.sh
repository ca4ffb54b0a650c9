#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Benchmark entry: the campaign-workplace views at the scale of issue #4
# ("Speed"): one employer of 521 shops x 23 workers (~12,000 people, invented
# names, 555-01xx phones) with 24 months of assessments and cards, on SQLite
# and PostgreSQL. For the wall chart of one shop, the rollup of all 521 and
# one shop's meters it times the real handler functions in-process (see
# bench/workplace_bench.cpp) against one plain SELECT of the same rows in the
# same run, and prints medians and ratios:
#   BENCH workplace sqlite_chart_one_shop_ms=… sqlite_chart_one_shop_ratio=… …
# Aim (the issue): each view under 50 ms on SQLite. It never fails on speed.
# Tunables: BENCH_WORKPLACE_DBS (default "sqlite pg"; pg needs the PostgreSQL
# server binaries), BENCH_WORKPLACE_SHOPS (521), BENCH_WORKPLACE_WORKERS (23),
# BENCH_WORKPLACE_RUNS (15), WORKPLACE_BENCH (the binary; default
# build/bench/workplace_bench).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
WORKPLACE_BENCH=${WORKPLACE_BENCH:-"$BENCH_ROOT/build/bench/workplace_bench"}
[ -x "$WORKPLACE_BENCH" ] || bench_die "$WORKPLACE_BENCH not found (make bench builds it)"
DBS=${BENCH_WORKPLACE_DBS:-"sqlite pg"}
SHOPS=${BENCH_WORKPLACE_SHOPS:-521}
WORKERS=${BENCH_WORKPLACE_WORKERS:-23}
RUNS=${BENCH_WORKPLACE_RUNS:-15}
tmp=$BENCH_TMP
key="$tmp/master.key"

pg_dir=""
pg_url=""
stop_pg() { [ -n "$pg_dir" ] && "$BENCH_ROOT/scripts/pg-cluster.sh" stop "$pg_dir" || true; }
trap 'stop_pg; _bench_cleanup' EXIT
if [[ " $DBS " == *" pg "* ]]; then
  bench_need psql
  pg_dir=$(mktemp -d /tmp/hotshop-bench-pg.XXXXXX)
  pg_url=$("$BENCH_ROOT/scripts/pg-cluster.sh" start "$pg_dir")
fi

echo "== workplace: wall chart, rollup and meters at $SHOPS shops x $WORKERS workers vs one plain query of the same rows"
echo "   load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews both sides)"
bench_line="BENCH workplace"
for db in $DBS; do
  if [ "$db" = sqlite ]; then
    gen_url="sqlite:$tmp/workplace.sqlite"
    run_url=$gen_url
  else
    psql -q "$pg_url" -c "CREATE DATABASE workplace" >/dev/null
    gen_url="${pg_url%/*}/workplace"
    psql -q "$pg_url" -c "ALTER ROLE hotshop_app LOGIN PASSWORD 'bench'" >/dev/null 2>&1 || true
  fi
  echo "-- $db: generating"
  "$WORKPLACE_BENCH" gen "$gen_url" "$key" "$SHOPS" "$WORKERS" | sed 's/^/   /'
  if [ "$db" = pg ]; then
    psql -q "$pg_url" -c "ALTER ROLE hotshop_app LOGIN PASSWORD 'bench'" >/dev/null
    psql -q "$gen_url" -c "ANALYZE" >/dev/null
    run_url="${gen_url/\/\/postgres@/\/\/hotshop_app:bench@}"
  fi
  echo "-- $db: measuring"
  out=$("$WORKPLACE_BENCH" measure "$run_url" "$key" "$RUNS")
  grep -v '^RESULT ' <<<"$out"
  while read -r _ name rest; do
    for kv in $rest; do
      case $kv in
        handler_ms=*) bench_line+=" ${db}_${name}_ms=${kv#*=}" ;;
        baseline_ms=*) bench_line+=" ${db}_${name}_baseline_ms=${kv#*=}" ;;
        ratio=*) bench_line+=" ${db}_${name}_ratio=${kv#*=}" ;;
      esac
    done
  done < <(grep '^RESULT ' <<<"$out")
  [ "$db" = sqlite ] && rm -f "$tmp"/workplace.sqlite*
done
echo "$bench_line"
