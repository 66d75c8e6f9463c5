#!/usr/bin/env bash
# Determinism: the same inputs give byte-identical output trees whatever the device order in the
# input, the number of jobs, the host time zone, the locale, the current date and the directory
# phonec runs from. The site has devices in four time zones (three with DST, Sydney's in the
# southern summer, and Kolkata's half-hour offset without DST) on both vendors, so that a date or
# zone leaking into the output would show.
# Usage: run-determinism.sh PHONEC SOURCE_DIR
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2")
export PHONEC_DATA_DIR="$src"
unset TZ LANG LC_ALL LC_CTYPE LC_COLLATE LC_NUMERIC LC_TIME LC_MESSAGES LANGUAGE
tmp=$(mktemp -d /tmp/phonec-determinism.XXXXXX); trap 'rm -rf "$tmp"' EXIT
fail=0; ran=0
"$phonec" doc --format json >"$tmp/caps.json"
gen() { python3 "$src/bench/gen_site.py" 48 --zones --capabilities "$tmp/caps.json" --vendors yealink,snom "$@"; }
mkdir -p "$tmp/a" "$tmp/b"
gen -o "$tmp/a/site.json"
gen --shuffle 7 -o "$tmp/b/site.json"
cmp -s "$tmp/a/site.json" "$tmp/b/site.json" && { echo "FAIL the shuffled inventory is not shuffled"; exit 1; }

# Locales: use the system's if present, else compile them into a private LOCPATH (the
# `locales` package ships the sources); either way prove glibc really switched to them.
locdir="$tmp/locales"; mkdir -p "$locdir"
for l in fr_FR tr_TR; do
  if ! locale -a 2>/dev/null | grep -qix "$l.utf-\?8"; then
    localedef -i "$l" -f UTF-8 "$locdir/$l.UTF-8" 2>"$tmp/localedef.log" || { echo "FAIL localedef $l"; cat "$tmp/localedef.log"; exit 1; }
  fi
done
export LOCPATH="$locdir:/usr/lib/locale"
[ -n "$(ls -A "$locdir")" ] || unset LOCPATH
for l in fr_FR tr_TR; do
  [ "$(env LC_ALL=$l.UTF-8 date -d 2026-01-05 +%A)" != Monday ] || { echo "FAIL locale $l.UTF-8 is not usable"; exit 1; }
done

# Every build writes to the same absolute -o path (the tftpd-hpa file names it); the reference
# (C locale, UTC, one job, run from the inventory's folder) is then moved aside.
out="$tmp/out"
if ! ( cd "$tmp/a" && env LC_ALL=C TZ=UTC "$phonec" build site.json -o "$out" -j 1 -q 2>"$tmp/ref.log" ); then
  echo "FAIL reference build"; cat "$tmp/ref.log"; exit 1
fi
n=$(find "$out/tftp" -type f | wc -l)
[ "$n" -ge 48 ] || { echo "FAIL reference build wrote only $n tftp files"; exit 1; }
mv "$out" "$tmp/ref"
# The four zones really reach both vendors' files (else the date and TZ cases would prove little).
nz_snom=$(grep -rhoE '<timezone[^>]*>[^<]*' "$tmp/ref/tftp" | sort -u | wc -l)
nz_yea=$(grep -rhE '^local_time\.time_zone = ' "$tmp/ref/tftp" | sort -u | wc -l)
[ "$nz_snom" -ge 4 ] && [ "$nz_yea" -ge 4 ] || { echo "FAIL expected 4 zones per vendor, got snom $nz_snom, yealink $nz_yea"; fail=1; }

# build NAME DIR INPUT [VAR=VALUE...] [-- PHONEC-ARGS...]: build into $out, compare, remove.
build() {
  local name=$1 dir=$2 input=$3; shift 3
  local envs=() args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  args=("$@")
  rm -rf "$out"; ran=$((ran+1))
  if ! ( cd "$dir" && env "${envs[@]}" "$phonec" build "$input" -o "$out" -q "${args[@]}" >"$tmp/log" 2>&1 ); then
    echo "FAIL $name: phonec failed"; cat "$tmp/log"; fail=1; return
  fi
  if diff -r --exclude='.phonec-*' "$tmp/ref" "$out" >"$tmp/diff" 2>&1; then echo "ok   $name"
  else echo "FAIL $name"; head -20 "$tmp/diff"; fail=1; fi
}

build "device order shuffled" "$tmp/b" site.json LC_ALL=C TZ=UTC
build "-j 1 vs -j 2" "$tmp/a" site.json LC_ALL=C TZ=UTC -- -j 2
build "shuffled, -j 2" "$tmp/b" site.json LC_ALL=C TZ=UTC -- -j 2
for z in UTC Asia/Kolkata America/St_Johns; do
  build "TZ=$z" "$tmp/a" site.json LC_ALL=C TZ=$z
done
for l in C fr_FR.UTF-8 tr_TR.UTF-8; do
  build "LC_ALL=$l" "$tmp/a" site.json LC_ALL=$l TZ=UTC
  build "LANG=$l" "$tmp/a" site.json LANG=$l TZ=UTC
done
build "tr_TR + St_Johns + shuffled" "$tmp/b" site.json LC_ALL=tr_TR.UTF-8 TZ=America/St_Johns
# The clock: libfaketime moves time() and clock_gettime() for the whole process.
for d in '2026-01-01 00:00:00' '2031-07-15 12:00:00'; do
  build "date $d" "$tmp/a" site.json LC_ALL=C TZ=UTC FAKETIME="@$d" LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
done
[ "$(env FAKETIME='@2031-07-15 12:00:00' LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 date +%Y)" = 2031 ] \
  || { echo "FAIL libfaketime does not move the clock"; fail=1; }
# The working directory: the same relative inventory reached from two places.
build "run from the parent folder" "$tmp" a/site.json LC_ALL=C TZ=UTC
mkdir -p "$tmp/a/deep/er"
build "run from a subfolder" "$tmp/a/deep/er" ../../site.json LC_ALL=C TZ=UTC

echo "$ran cases"
[ $fail = 0 ] && echo "all passed"
exit $fail
