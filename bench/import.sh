#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Benchmark entry: `hotshop import` end to end (parse, normalize, dedupe,
# encrypt, index, commit, audit; process start included) of generated Spoke
# contact files, against the raw bulk load of the same rows into the same
# kind of database in this run: the same CSV reader, values in clear, a plain
# table without an index; SQLite one transaction of prepared inserts,
# PostgreSQL COPY. A third side, "floor", loads the same rows into `people`
# the same way, shaped as hotshop stores them (blobs of the same sizes but
# random bytes, random blind indexes; no normalization, dedupe, crypto or
# report): what the schema alone costs. On PostgreSQL hotshop connects as
# hotshop_app, so row-level security checks its rows as in a deployment; the
# raw and floor sides run as the superuser (COPY FROM is refused under
# row-level security), so there the floor is a bound hotshop cannot reach by
# the same road. Each round uses fresh databases; sides alternate within a
# round. Prints a table and one line:
#   BENCH import sqlite_100000_hotshop_s=… sqlite_100000_raw_s=… sqlite_100000_floor_s=…
#     sqlite_100000_ratio=… sqlite_100000_floor_ratio=… sqlite_100000_rss_mb=… …
# Aims (the issue): SQLite 100k rows < 0.7 s and within 2x of raw; 1M rows
# < 7 s with flat memory. It never fails on speed.
# Tunables: BENCH_IMPORT_ROWS (default "100000 1000000"), BENCH_IMPORT_DBS
# (default "sqlite pg"; pg needs the PostgreSQL server binaries),
# BENCH_IMPORT_ROUNDS (default 3, and 1 for files of 1M rows or more),
# IMPORT_HOTSHOP / IMPORT_BENCH (the binaries; default build/hotshop and
# build/bench/import_bench: copies let a run survive a rebuild).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_need awk psql
HOTSHOP_BIN=${IMPORT_HOTSHOP:-$HOTSHOP_BIN}
[ -x /usr/bin/time ] || bench_die "/usr/bin/time not found (apt-get install time)"
[ -x "$HOTSHOP_BIN" ] || bench_die "$HOTSHOP_BIN not found (make build)"
IMPORT_BENCH=${IMPORT_BENCH:-"$BENCH_ROOT/build/bench/import_bench"}
[ -x "$IMPORT_BENCH" ] || bench_die "$IMPORT_BENCH not found (make build)"

ROWS=${BENCH_IMPORT_ROWS:-"100000 1000000"}
DBS=${BENCH_IMPORT_DBS:-"sqlite pg"}
ROUNDS=${BENCH_IMPORT_ROUNDS:-}
tmp=$BENCH_TMP
key="$tmp/master.key"

pg_dir=""
pg_url=""
stop_pg() { [ -n "$pg_dir" ] && "$BENCH_ROOT/scripts/pg-cluster.sh" stop "$pg_dir" || true; }
trap 'stop_pg; _bench_cleanup' EXIT
if [[ " $DBS " == *" pg "* ]]; then
  pg_dir=$(mktemp -d /tmp/hotshop-bench-pg.XXXXXX)
  pg_url=$("$BENCH_ROOT/scripts/pg-cluster.sh" start "$pg_dir")
fi

n_db=0
url=""
# hotshop itself connects as the app role on PostgreSQL, as a deployment
# does (docs/operators.md), so row-level security is checked on every row
# it writes; the baselines run as the cluster's superuser (COPY FROM is
# refused under row-level security, and the raw table has none).
app_url() {
  if [ "$1" = sqlite ]; then echo "$url"; else echo "${url/\/\/postgres@/\/\/hotshop_app:bench@}"; fi
}
# Sets url to a fresh, empty database of kind $1.
fresh_db() {
  n_db=$((n_db + 1))
  if [ "$1" = sqlite ]; then
    url="sqlite:$tmp/db$n_db.sqlite"
  else
    psql -q "$pg_url" -c "CREATE DATABASE bench$n_db" >/dev/null
    url="${pg_url%/*}/bench$n_db"
  fi
}
drop_db() {  # keeps the disk from filling with 1M-row databases
  if [ "$1" = sqlite ]; then rm -f "$tmp/db$n_db.sqlite"*; else psql -q "$pg_url" -c "DROP DATABASE bench$n_db" >/dev/null; fi
}

# Prints "WALL_S MAXRSS_MB" of a command (its stdout goes to $tmp/out).
timed() {
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; bench_die "failed: $*"; }
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$tmp/time"
}

echo "== import: hotshop import (atomic, end to end) vs raw bulk load of the same rows vs the people-schema floor"
echo "   load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews both sides)"
bench_line="BENCH import"
printf '   %-7s %8s %6s %-8s %9s %8s\n' db rows round side seconds rss_mb
for rows in $ROWS; do
  file="$tmp/spoke-$rows.csv"
  "$IMPORT_BENCH" gen "$rows" "$file"
  rounds=${ROUNDS:-$([ "$rows" -ge 1000000 ] && echo 1 || echo 3)}
  for db in $DBS; do
    h_s=() r_s=() f_s=() h_rss=()
    for r in $(seq "$rounds"); do
      fresh_db "$db"
      "$IMPORT_BENCH" setup "$url" "$key" bench
      if [ "$db" = pg ]; then psql -q "$pg_url" -c "ALTER ROLE hotshop_app LOGIN PASSWORD 'bench'" >/dev/null; fi
      read -r s rss < <(timed "$HOTSHOP_BIN" import "$file" --org bench --db "$(app_url "$db")" --key-file "$key" \
        --report "$tmp/report.csv")
      grep -q " $rows created" "$tmp/out" || { cat "$tmp/out" >&2; bench_die "hotshop did not create $rows rows"; }
      h_s+=("$s") h_rss+=("$rss")
      printf '   %-7s %8s %6s %-8s %9s %8s\n' "$db" "$rows" "$r" hotshop "$s" "$rss"
      drop_db "$db"
      fresh_db "$db"
      read -r s rss < <(timed "$IMPORT_BENCH" raw "$url" "$file")
      r_s+=("$s")
      printf '   %-7s %8s %6s %-8s %9s %8s\n' "$db" "$rows" "$r" raw "$s" "$rss"
      drop_db "$db"
      fresh_db "$db"
      "$IMPORT_BENCH" setup "$url" "$key" bench
      read -r s rss < <(timed "$IMPORT_BENCH" floor "$url" "$file")
      f_s+=("$s")
      printf '   %-7s %8s %6s %-8s %9s %8s\n' "$db" "$rows" "$r" floor "$s" "$rss"
      drop_db "$db"
    done
    hs=$(bench_median "${h_s[@]}")
    rs=$(bench_median "${r_s[@]}")
    fs=$(bench_median "${f_s[@]}")
    hr=$(bench_median "${h_rss[@]}")
    ratio=$(bench_ratio "$hs" "$rs")
    fratio=$(bench_ratio "$hs" "$fs")
    echo "   median $db $rows rows: hotshop $hs s (peak RSS $hr MB), raw $rs s, floor $fs s;" \
      "hotshop/raw $ratio, hotshop/floor $fratio"
    bench_line+=" ${db}_${rows}_hotshop_s=$hs ${db}_${rows}_raw_s=$rs ${db}_${rows}_floor_s=$fs"
    bench_line+=" ${db}_${rows}_ratio=$ratio ${db}_${rows}_floor_ratio=$fratio ${db}_${rows}_rss_mb=$hr"
  done
  rm -f "$file"
done
echo "$bench_line"
