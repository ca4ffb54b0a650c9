#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# make bench: runs every benchmark entry in ENTRIES, one after another (never
# two at once: they share the CPUs). Each entry measures hotshop against a
# baseline in the same run and prints a table and one "BENCH name k=v…" line;
# this script repeats those lines at the end. Nothing is written to the repo.
# Exits non-zero only if an entry could not run; speed never fails it.
#   bench/run.sh                 every entry
#   bench/run.sh healthz         only the entries named
set -euo pipefail
cd "$(dirname "$0")/.."

# Add an entry: write bench/NAME.sh (source bench/lib.sh, print one BENCH
# line) and add NAME here.
ENTRIES=(healthz import intake_burst match workplace)
[ "$#" -gt 0 ] && ENTRIES=("$@")

summary=()
failed=()
for e in "${ENTRIES[@]}"; do
  [ -x "bench/$e.sh" ] || { echo "bench: no entry bench/$e.sh" >&2; failed+=("$e"); continue; }
  if out=$("bench/$e.sh" | tee /dev/stderr); then
    summary+=("$(grep '^BENCH ' <<<"$out" || true)")
  else
    failed+=("$e")
  fi
done

echo
echo "== summary (ratios are hotshop against a baseline measured in this run)"
for line in "${summary[@]}"; do
  [ -n "$line" ] && echo "$line"
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "bench: entries that could not run: ${failed[*]}" >&2
  exit 1
fi
