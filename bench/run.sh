#!/usr/bin/env bash
# Whole-process timings of phonec next to the plain-C floor, in the same run, on synthetic sites.
#   bench/run.sh [BUILD_DIR] [SIZES...]     default: build-release, sizes 10000 100000
# Env: WORK (scratch folder, default /tmp/phonec-bench), REPEAT (runs per case, best kept; 3),
#      JOBS (phonec -j; default: all cores).
# Per size: full build into an empty folder, no-op rebuild, one-device change; the floor
# (bench/floor.c) writing the same bytes to the same paths. Wall time and peak RSS come from
# /usr/bin/time -v. Prints a Markdown table (docs/performance.md keeps the numbers).
set -eu
here=$(cd "$(dirname "$0")" && pwd); src=$(dirname "$here")
bdir=$(readlink -f "${1:-$src/build-release}"); shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
phonec="$bdir/phonec"; floor="$bdir/phonec_floor"
[ -x "$phonec" ] && [ -x "$floor" ] || { echo "run.sh: build $bdir first (cmake --preset release)" >&2; exit 2; }
work=${WORK:-/tmp/phonec-bench}; repeat=${REPEAT:-3}
jobs=(); [ -n "${JOBS:-}" ] && jobs=(-j "$JOBS")
export PHONEC_DATA_DIR="$src" LC_ALL=C.UTF-8 TZ=UTC
mkdir -p "$work"

# measure LOG CMD...: runs CMD under /usr/bin/time -v; sets $wall (s), $cpu (user+sys s) and $rss (MiB).
measure() {
  local log=$1; shift
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || { echo "run.sh: failed: $*" >&2; tail -5 "$log" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$log")
}
# best CMD...: the fastest of $repeat runs (its wall and rss); $setup runs before each.
best() {
  local bw="" br="" bc=""
  for _ in $(seq "$repeat"); do
    eval "${setup:-:}"
    measure "$work/time.log" "$@"
    if [ -z "$bw" ] || awk "BEGIN{exit !($wall < $bw)}"; then bw=$wall; br=$rss; bc=$cpu; fi
  done
  wall=$bw; rss=$br; cpu=$bc
}

echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MiB RAM, $(df -T "$work" | awk 'NR==2 {print $2}') at $work; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "phonec: $("$phonec" --version | head -1), jobs ${JOBS:-all}, best of $repeat"
echo
echo "| devices | case | wall s | cpu s | peak MiB | written | note |"
echo "|--:|---|--:|--:|--:|--:|---|"
for n in "${sizes[@]}"; do
  d="$work/$n"; mkdir -p "$d"
  [ -f "$d/caps.json" ] || PHONEC_DATA_DIR="$here/.." "$phonec" doc --format json >"$d/caps.json"
  [ -f "$d/site.json" ] || python3 "$here/gen_site.py" "$n" --capabilities "$d/caps.json" -o "$d/site.json"
  out="$d/out"

  setup='rm -rf "$out"; sync'
  best "$phonec" build "$d/site.json" -o "$out" -q "${jobs[@]}"
  full=$wall; full_cpu=$cpu
  files=$(grep -c '"path"' "$out/manifest.json")
  echo "| $n | full build | $wall | $cpu | $rss | $files | |"

  setup=''
  best "$phonec" build "$d/site.json" -o "$out" -q "${jobs[@]}"
  summary=$(grep 'devices:' "$work/time.log" | head -1)
  w=$(sed -n 's/.* \([0-9]*\) written.*/\1/p' <<<"$summary")
  echo "| $n | no-op rebuild | $wall | $cpu | $rss | $w | $(awk "BEGIN{printf \"%.0f%% of full (wall), %.0f%% (cpu)\", 100*$wall/$full, 100*$cpu/($full_cpu>0?$full_cpu:0.01)}") |"

  # One device edited (its first line's display name), then restored, alternately.
  cp "$d/site.json" "$d/site-a.json"
  sed '0,/"display_name": "/s//"display_name": "Édité /' "$d/site.json" >"$d/site-b.json"
  cp "$d/site-a.json" "$d/cur.json"
  setup='if cmp -s "$d/cur.json" "$d/site-a.json"; then cp "$d/site-b.json" "$d/cur.json"; else cp "$d/site-a.json" "$d/cur.json"; fi'
  best "$phonec" build "$d/cur.json" -o "$out" -q "${jobs[@]}"
  summary=$(grep 'devices:' "$work/time.log" | head -1)
  w=$(sed -n 's/.* \([0-9]*\) written.*/\1/p' <<<"$summary")
  echo "| $n | one device changed | $wall | $cpu | $rss | $w | |"
  rm -f "$d/cur.json" "$d/site-a.json" "$d/site-b.json"

  "$floor" --pack "$out" "$d/pack"
  setup='rm -rf "$d/floor-out"; sync'
  best "$floor" "$d/pack" "$d/floor-out"
  echo "| $n | floor (C, same bytes and paths) | $wall | $cpu | $rss | $files | phonec full = $(awk "BEGIN{printf \"%.2f\", $full/$wall}")× floor (wall), $(awk "BEGIN{printf \"%.1f\", $full_cpu/($cpu>0?$cpu:0.01)}")× (cpu) |"
  rm -rf "$d/floor-out" "$d/pack"
done

# The whole shipped library, checked: /usr/bin/time rounds to 10 ms, so 20 runs are timed.
measure "$work/time.log" "$phonec" check
t0=$(date +%s.%N)
for _ in $(seq 20); do "$phonec" check 2>/dev/null || { echo "run.sh: phonec check failed" >&2; exit 1; }; done
t1=$(date +%s.%N)
echo "| – | \`phonec check\` (library) | $(awk "BEGIN{printf \"%.4f\", ($t1-$t0)/20}") | $cpu | $rss | – | mean of 20 runs |"
