#!/usr/bin/env bash
# Whole-process timings of phonec next to the plain-C floor, in the same run, on synthetic sites.
#   bench/run.sh [BUILD_DIR] [SIZES...]     default: build-release, sizes 10000 100000
# Env: WORK (scratch folder, default /tmp/phonec-bench), REPEAT (runs per case, best kept; 3),
#      JOBS (phonec -j; default: all cores), FS (fresh or work; see below), FS_SIZE (8G).
# Per size: full build into an empty folder, no-op rebuild, one-device change; the floor
# (bench/floor.c) writing the same bytes to the same paths. Wall time and peak RSS come from
# /usr/bin/time -v. Prints a Markdown table (docs/performance.md keeps the numbers).
#
# FS=fresh (the default when run as root and a loop device can be mounted): every full build and
# every floor run writes into a newly made ext4 file system (an image file in WORK, loop-mounted),
# the floor and phonec alternating, so that both start from the same state. Creating files on a
# file system right after a mass deletion can cost ten times more (on this machine's journal-less
# root file system, the inode allocator scans the recently deleted inodes: docs/performance.md),
# and rm -rf of the previous run's tree is exactly that. FS=work writes into WORK itself.
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
fs=${FS:-}
if [ -z "$fs" ]; then
  fs=work
  if [ "$(id -u)" = 0 ] && command -v mkfs.ext4 >/dev/null; then
    mkdir -p "$work/fs" && truncate -s 64M "$work/fs.img" && mkfs.ext4 -q -F "$work/fs.img" &&
      mount -o loop "$work/fs.img" "$work/fs" 2>/dev/null && umount "$work/fs" && fs=fresh
    rm -f "$work/fs.img"
  fi
fi
# fresh_fs: an empty ext4 file system at $work/fs (FS=fresh), inode tables written at mkfs so that
# no background initialisation runs during a measurement.
fresh_fs() {
  [ "$fs" = fresh ] || return 0
  mountpoint -q "$work/fs" && umount "$work/fs"
  rm -f "$work/fs.img"; truncate -s "${FS_SIZE:-8G}" "$work/fs.img"
  mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$work/fs.img"
  mount -o loop "$work/fs.img" "$work/fs"; sync
}
trap '[ "$fs" = fresh ] && mountpoint -q "$work/fs" && umount "$work/fs"; rm -f "$work/fs.img"' EXIT

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
echo "phonec: $("$phonec" --version | head -1), jobs ${JOBS:-all}, best of $repeat, file system: $fs"
echo
echo "| devices | case | wall s | cpu s | peak MiB | written | note |"
echo "|--:|---|--:|--:|--:|--:|---|"
for n in "${sizes[@]}"; do
  d="$work/$n"; mkdir -p "$d"
  [ -f "$d/caps.json" ] || PHONEC_DATA_DIR="$here/.." "$phonec" doc --format json >"$d/caps.json"
  [ -f "$d/site.json" ] || python3 "$here/gen_site.py" "$n" --capabilities "$d/caps.json" -o "$d/site.json"
  if [ "$fs" = fresh ]; then out="$work/fs/out"; fout="$work/fs/floor-out"; else out="$d/out"; fout="$d/floor-out"; fi

  # The floor's input: the bytes and paths of one full build (made once, not timed).
  fresh_fs; rm -rf "$out"
  "$phonec" build "$d/site.json" -o "$out" -q "${jobs[@]}" 2>/dev/null
  files=$(grep -c '"path"' "$out/manifest.json")
  "$floor" --pack "$out" "$d/pack"

  # Full builds and floor runs alternate, each from the same starting state; best of each kept,
  # and every pair's ratio printed.
  fw="" fr="" fc="" pw="" pr="" pc="" ratios=""
  for _ in $(seq "$repeat"); do
    fresh_fs; rm -rf "$fout"; sync
    measure "$work/time.log" "$floor" "$d/pack" "$fout"
    if [ -z "$fw" ] || awk "BEGIN{exit !($wall < $fw)}"; then fw=$wall; fr=$rss; fc=$cpu; fi
    f1=$wall
    fresh_fs; rm -rf "$out"; sync
    measure "$work/time.log" "$phonec" build "$d/site.json" -o "$out" -q "${jobs[@]}"
    if [ -z "$pw" ] || awk "BEGIN{exit !($wall < $pw)}"; then pw=$wall; pr=$rss; pc=$cpu; fi
    ratios="$ratios $(awk "BEGIN{printf \"%.2f\", $wall/$f1}")"
  done
  full=$pw; full_cpu=$pc
  echo "| $n | full build | $pw | $pc | $pr | $files | pairs (phonec/floor, same run):$ratios |"

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

  echo "| $n | floor (C, same bytes and paths) | $fw | $fc | $fr | $files | phonec full = $(awk "BEGIN{printf \"%.2f\", $full/$fw}")× floor (wall, best of each), $(awk "BEGIN{printf \"%.1f\", $full_cpu/($fc>0?$fc:0.01)}")× (cpu) |"
  rm -rf "$fout" "$out" "$d/pack"
done

# The whole shipped library, checked: /usr/bin/time rounds to 10 ms, so 20 runs are timed.
measure "$work/time.log" "$phonec" check
t0=$(date +%s.%N)
for _ in $(seq 20); do "$phonec" check 2>/dev/null || { echo "run.sh: phonec check failed" >&2; exit 1; }; done
t1=$(date +%s.%N)
echo "| – | \`phonec check\` (library) | $(awk "BEGIN{printf \"%.4f\", ($t1-$t0)/20}") | $cpu | $rss | – | mean of 20 runs |"
