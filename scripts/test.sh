#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# make test: every test on SQLite and on a throwaway PostgreSQL cluster of
# its own (torn down at the end, even on failure). Ends with one line:
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pgdir=$(mktemp -d /tmp/hotshop-pg.XXXXXX)
cleanup() { scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

passed=0
failed=0
add() { passed=$((passed + $1)); failed=$((failed + $2)); }

echo "== starting a throwaway PostgreSQL"
if ! pg_url=$(scripts/pg-cluster.sh start "$pgdir"); then
  echo "could not start PostgreSQL"
  echo "0 passed, 1 failed"
  exit 1
fi
export HOTSHOP_TEST_PG_ADMIN_URL="$pg_url"

echo "== C++ tests: unit, store and API (SQLite and PostgreSQL)"
log=$(mktemp)
build/hotshop_tests --gtest_brief=1 2>&1 | tee "$log"
gp=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$log" | grep -Eo '[0-9]+$' || echo 0)
gf=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$log" | grep -Eo '[0-9]+' || echo 0)
if ! grep -q '^\[  PASSED  \]' "$log"; then gf=$((gf > 0 ? gf : 1)); fi
add "${gp:-0}" "${gf:-0}"

echo "== web: translation lint"
if (cd web && npm run --silent lint:i18n); then add 1 0; else add 0 1; fi

echo "== fuzzing: CSV reader, phones and emails (libFuzzer, ASan, UBSan)"
if scripts/fuzz.sh; then add 1 0; else add 0 1; fi

echo "== browser tests (Chromium, SQLite and PostgreSQL)"
blog=$(mktemp)
HOTSHOP_TEST_DBS=sqlite,pg node --test --test-concurrency=1 tests/browser/ 2>&1 | tee "$blog"
bp=$(grep -Eo '^# pass [0-9]+' "$blog" | grep -Eo '[0-9]+' || echo 0)
bf=$(grep -Eo '^# fail [0-9]+' "$blog" | grep -Eo '[0-9]+' || echo 0)
if ! grep -q '^# pass' "$blog"; then bf=$((bf > 0 ? bf : 1)); fi
add "${bp:-0}" "${bf:-0}"

rm -f "$log" "$blog"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
