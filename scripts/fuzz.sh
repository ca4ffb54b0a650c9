#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Fuzzing for `make test`: builds the libFuzzer targets of tests/fuzz/ (the
# CSV reader, phone and email normalization) with clang-14 under ASan and
# UBSan in build-fuzz/ (its own build dir: only the src/io files they reach
# and the two targets are compiled, ~20 s on 2 cores), seeds a corpus from Spoke's fixtures plus
# hostile inputs (security-model.md §4 rows 12, 16, 17 and 19: formulas,
# bidi controls, NUL bytes, CRLF and quote edge cases, Windows-1252 bytes,
# long lines, UTF-16 and BOMs), and runs each target for a while.
# Exits non-zero on any crash, sanitizer report, leak or timeout, printing
# the reproducer to re-run: build-fuzz/tests/fuzz/<target> <reproducer>.
#
# Environment:
#   HOTSHOP_FUZZ_SECONDS  seconds per target (default 20)
#   HOTSHOP_FUZZ_TARGETS  which to run (default "csv_reader_fuzz phone_fuzz")
#   HOTSHOP_FUZZ_DIR      build directory (default build-fuzz)
#   CXX_FUZZ              compiler (default clang++-14)
# The corpus grows in build-fuzz/corpus/ between local runs; CI starts fresh.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${HOTSHOP_FUZZ_SECONDS:-20}
dir=${HOTSHOP_FUZZ_DIR:-build-fuzz}
targets=${HOTSHOP_FUZZ_TARGETS:-csv_reader_fuzz phone_fuzz}
cxx=${CXX_FUZZ:-clang++-14}
fixtures="$root/../shared/interop/peer-data/spoke-fixtures"

if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "fuzz: $cxx not found (Debian: apt-get install clang-14 libclang-rt-14-dev, or make deps)"
  exit 1
fi
mkdir -p "$dir"
# One fuzz build at a time in this dir (it never touches build/ or its lock).
exec 9>"$dir/.lock"
flock 9

if [ ! -f "$dir/CMakeCache.txt" ]; then
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
    -DHOTSHOP_FUZZ=ON -DHOTSHOP_WEB=OFF -Wno-dev >"$dir/configure.log" 2>&1 || {
    cat "$dir/configure.log"
    echo "fuzz: configuring $dir failed"
    exit 1
  }
fi
if ! cmake --build "$dir" -j"$(nproc)" --target csv_reader_fuzz phone_fuzz >"$dir/build.log" 2>&1; then
  grep -E 'error|Error' "$dir/build.log" | head -40
  echo "fuzz: building the fuzz targets failed (full log: $dir/build.log)"
  exit 1
fi

# --- seeds ---------------------------------------------------------------
# csv_reader_fuzz: byte 0 picks the options (bits 0-1 delimiter auto , TAB ;
# bits 2-3 encoding auto/utf8/cp1252, 0x20 no header, 0x40 tiny caps, 0x80
# three fields at most); the rest is the file.
seeds="$dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/csv_reader" "$seeds/phone"
n=0
csv_seed() {  # csv_seed KNOB_OCTAL TEXT: one seed, TEXT through printf %b
  n=$((n + 1))
  { printf "\\$1"; printf '%b' "$2"; } >"$seeds/csv_reader/h$n"
}
for f in "$fixtures"/*.csv; do
  [ -f "$f" ] || continue
  b=$(basename "$f" .csv)
  for knob in 000 004 010 040 100 200; do
    { printf "\\$knob"; cat "$f"; } >"$seeds/csv_reader/$b-$knob"
  done
done
for knob in 000 100 040 010; do
  csv_seed $knob 'firstName,lastName,cell\n"=HYPERLINK(""http://x/?""&A2)",@SUM(1),+1\n-1,\t=cmd,=1+2\n'
  csv_seed $knob 'name,note\n\xe2\x80\xaeevil,x\xe2\x81\xa7y\xe2\x81\xa9\n\xd7\xa9\xe2\x80\x8f,\xe2\x80\x8e\n'
  csv_seed $knob 'a,b,c\n1,x\0y,"q\0"\n\0,\0\0,\n'
  csv_seed $knob 'a,b\r\n1,2\r3,4\n"x\r\ny","z""w"""\r\n\r\n\n"open,5\n'
  csv_seed $knob 'a,b\n"ab"c,d"e\n""," "" "\n"",""\n'
  csv_seed $knob 'name,city\nJos\xe9,M\xfcnchen\n\x93q\x94,\x80\x81\x8d\x8f\x90\x9d\nRen\xc3\xa9e,ok\n'
  csv_seed $knob '\xef\xbb\xbfa,b\nJos\xe9,1\n\xc3\xa9,2\n'
  csv_seed $knob '\xff\xfea\0,\0b\0\n\0'
  csv_seed $knob 'sep=;\na;b\n1;2\n'
  csv_seed $knob '\n\n\r\na\tb\tc\n1\t2\t3\n4\t5\n6\t7\t8\t9\n'
  csv_seed $knob 'a;b;c\n1;2;3\n,,,,,\n\n'
  csv_seed $knob 'a,b\n\xed\xa0\x80,\xf4\x90\x80\x80\n\xc0\x80,\xe0\x80\x80\n\xf0\x9f\x98\x80,\xe2\x82\n'
done
long=$(head -c 3000 /dev/zero | tr '\0' 'x')
csv_seed 000 "first,last,cell\n$long,$long,202-555-0143\n\"$long\n$long\",b,c\n"
csv_seed 100 "$long,b\n1,$long\n"
csv_seed 000 "$(printf 'h%d,' $(seq 1 300))\n$(printf '%d,' $(seq 1 400))\n"

# phone_fuzz: byte 0 & 7 picks the region US CA GB MX DE IN ZZ "".
p=0
phone_seed() {  # phone_seed REGION_OCTAL TEXT
  p=$((p + 1))
  { printf "\\$1"; printf '%b' "$2"; } >"$seeds/phone/h$p"
}
for text in '(202) 555-0143' '+1 202 555 0143' '202.555.0143 ext. 12' '1-202-555-0143 x7' \
    '+99999999999999999' '(555) 010-0000' '+1 555 010 0000' '2135550100' '12025550175' \
    '+44 20 7946 0958' '020 7946 0958' '+52 1 444 515 0098' '+49 30 901820' '+91 98765 43210' \
    'tel:+1-202-555-0143' '00 1 202 555 0143' '011 44 20 7946 0958' '1-800-FLOWERS' \
    '\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x95\xef\xbc\x95\xef\xbc\x95\xef\xbc\x90\xef\xbc\x91\xef\xbc\x94\xef\xbc\x93' \
    '\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa5\xd9\xa5\xd9\xa5\xd9\xa0\xd9\xa1\xd9\xa4\xd9\xa3' \
    '202-555-\xe2\x80\xae0143' '=1+2' '@SUM(1)' '\0' '+' '' '0' '0010-555-312' \
    'lucy@EXAMPLE.org' ' Lucy.Parsons+tag@Example.ORG ' 'a@b' '"a b"@example.org' \
    'jos\xc3\xa9@b\xc3\xbccher.example' 'fay\xe2\x80\xae@example.org' 'x@\xff.org' '@' 'a@@b.org'; do
  for region in 000 001 002 003 004 005 006 007; do phone_seed $region "$text"; done
done

# --- runs ----------------------------------------------------------------
fail=0
run() {  # run TARGET MAX_LEN
  local target=$1 max_len=$2
  local bin="$dir/tests/fuzz/$target" corpus="$dir/corpus/${target%_fuzz}"
  local artifacts="$dir/artifacts/$target" log="$dir/$target.log"
  mkdir -p "$corpus" "$artifacts"
  echo "fuzz: $target for ${seconds}s ($(find "$corpus" -type f | wc -l) corpus + seed inputs from $seeds/${target%_fuzz})"
  # UBSan findings abort (-fno-sanitize-recover), so libFuzzer records them
  # like crashes; halt_on_error makes ASan do the same.
  ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$bin" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds/${target%_fuzz}" \
      >"$log" 2>&1
  local rc=$?
  local runs rate
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
  rate=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: $target ok: ${runs:-?} runs, ${rate:-?} exec/s"
    return
  fi
  fail=1
  grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY:' "$log" | head -20 ||
    tail -5 "$log"
  local repro
  repro=$(grep -Eo 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //')
  echo "fuzz: $target FAILED (exit $rc; log: $log)"
  if [ -n "$repro" ]; then
    echo "fuzz: reproducer: $repro"
    echo "fuzz: re-run with: $bin $repro"
  fi
}
for t in $targets; do
  case $t in
    csv_reader_fuzz) run csv_reader_fuzz 16384 ;;
    phone_fuzz) run phone_fuzz 256 ;;
    *) echo "fuzz: unknown target $t"; fail=1 ;;
  esac
done
exit $fail
