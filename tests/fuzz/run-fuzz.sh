#!/bin/bash
# Builds the libFuzzer targets (the `fuzz` preset, clang-14, ASan+UBSan) into <source>/build-fuzz,
# replays every saved crash input (tests/fuzz/regressions/<target>/), then fuzzes each target for
# a bounded time on its seed corpus. A new crash is copied into regressions/<target>/ (commit it:
# from then on it is replayed here and by the gtest HostileFuzzReplay) and the test fails.
# Args: <phonec-binary> <source-dir>. Env: PHONEC_FUZZ_SECONDS (per target, default 20),
# PHONEC_FUZZ_JOBS (build parallelism, default 2).
set -euo pipefail
src=$(cd "$2" && pwd)
seconds=${PHONEC_FUZZ_SECONDS:-20}
build="$src/build-fuzz"
targets=(fuzz_phone_parser fuzz_json_inventory fuzz_pipeline)

if ! command -v clang++-14 >/dev/null; then
  echo "run-fuzz: clang++-14 is not installed" >&2
  exit 1
fi
cd "$src"
cmake --preset fuzz -G Ninja >/dev/null
cmake --build "$build" -j "${PHONEC_FUZZ_JOBS:-2}" --target "${targets[@]}"

export PHONEC_DATA_DIR="$src"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
  bin="$build/fuzz/$t"
  regress="$src/tests/fuzz/regressions/$t"
  # 1. Every saved crash input must now pass.
  shopt -s nullglob
  saved=("$regress"/*)
  shopt -u nullglob
  if ((${#saved[@]})); then
    if ! "$bin" "${saved[@]}" >"$build/$t.replay.log" 2>&1; then
      echo "run-fuzz: $t: a saved regression input fails again (see $build/$t.replay.log)" >&2
      status=1
    fi
  fi
  # 2. Fuzz: new inputs go to a scratch corpus; the committed seed corpus is only read.
  work="$build/corpus/$t"
  art="$build/artifacts/$t/"
  mkdir -p "$work" "$art"
  dict=()
  [[ -f "$src/tests/fuzz/$t.dict" ]] && dict=(-dict="$src/tests/fuzz/$t.dict")
  if ! "$bin" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$art" -print_final_stats=1 "$work" "$src/tests/fuzz/corpus/$t" \
      >"$build/$t.log" 2>&1; then
    status=1
    mkdir -p "$regress"
    for crash in "$art"crash-* "$art"timeout-* "$art"oom-* "$art"leak-*; do
      [[ -f "$crash" ]] || continue
      cp "$crash" "$regress/"
      echo "run-fuzz: $t: new failing input saved as tests/fuzz/regressions/$t/$(basename "$crash")" >&2
    done
    grep -m1 -A30 'ERROR\|runtime error\|deadly signal' "$build/$t.log" >&2 || tail -30 "$build/$t.log" >&2
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$t.log" | tail -1)
  echo "run-fuzz: $t: ${runs:-?} executions in ${seconds}s"
done
exit $status
