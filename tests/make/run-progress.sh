#!/usr/bin/env bash
# Progress on a terminal: a build that lasts over a second shows "phonec: done/total files"
# updates on a TTY (erased before the summary), nothing when stderr is not a TTY or with -q; one
# summary line at the end in every case. script(1) provides the TTY; libfaketime runs the clock
# 200 times fast so that a short build "lasts" well over a second without a slow test.
# Usage: run-progress.sh PHONEC SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
export PHONEC_DATA_DIR="$src"
"$phonec" doc --format json >"$tmp/caps.json"
python3 "$src/bench/gen_site.py" 3000 --capabilities "$tmp/caps.json" --vendors yealink,snom -o "$tmp/site.json"
fast="LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 FAKETIME='+0 x200'"
summary_re='^phonec: 3000 devices: [0-9]* written, [0-9]* unchanged, [0-9]* removed(, [0-9]+ warnings?)?$'
# Firmware images that no --assets DIR provides are one warning each: not progress, not a summary.
drop_assets() { grep -v -- '-Wasset-not-served' "$@"; }

# On a TTY (stdout and stderr both the pty); -j 1 so that the write stage spans several updates.
tty_run() { rm -rf "$tmp/out"; script -qefc "env $fast '$phonec' build '$tmp/site.json' -o '$tmp/out' -j 1 $1" /dev/null >"$tmp/tty" 2>&1; }
tty_run ""
tr '\r' '\n' <"$tmp/tty" | sed 's/\x1b\[K//g' | grep -v '^$' | drop_assets >"$tmp/tty.lines"
check "TTY: device progress shown" 'grep -Eq "^phonec: [0-9]+/3000 devices$" "$tmp/tty.lines"'
check "TTY: file progress shown" 'grep -Eq "^phonec: 3000/3000 devices, [0-9]+/[0-9]+ files, [0-9]+ written, [0-9]+ unchanged$" "$tmp/tty.lines"'
check "TTY: progress erased before the summary" 'grep -q $'"'"'\r\x1b\[K'"'"' "$tmp/tty"'
check "TTY: one summary line, last" '[ "$(grep -c "devices:" "$tmp/tty.lines")" = 1 ] && tail -1 "$tmp/tty.lines" | tr -d "\r" | grep -Eq "$summary_re"'

tty_run "-q"
drop_assets "$tmp/tty" >"$tmp/tty.q"; mv "$tmp/tty.q" "$tmp/tty"
check "TTY with -q: only the summary" '[ "$(tr -d "\r" <"$tmp/tty")" = "$(tr -d "\r" <"$tmp/tty" | grep -E "$summary_re")" ] && [ "$(wc -l <"$tmp/tty")" = 1 ]'

rm -rf "$tmp/out"
eval "env $fast '$phonec' build '$tmp/site.json' -o '$tmp/out' -j 1" 2>"$tmp/err.all" >"$tmp/out.txt"
drop_assets "$tmp/err.all" >"$tmp/err"
check "not a TTY: only the summary, on stderr" '[ "$(wc -l <"$tmp/err")" = 1 ] && grep -Eq "$summary_re" "$tmp/err" && [ ! -s "$tmp/out.txt" ]'

# A fast build on a TTY (real clock, two devices): no progress at all.
python3 "$src/bench/gen_site.py" 2 --capabilities "$tmp/caps.json" --vendors yealink,snom -o "$tmp/small.json"
script -qefc "'$phonec' build '$tmp/small.json' -o '$tmp/small'" /dev/null >"$tmp/tty.all" 2>&1
drop_assets "$tmp/tty.all" >"$tmp/tty"
check "TTY, under a second: only the summary" '[ "$(wc -l <"$tmp/tty")" = 1 ] && tr -d "\r" <"$tmp/tty" | grep -Eq "^phonec: 2 devices: [0-9]+ written, 0 unchanged, 0 removed(, [0-9]+ warnings?)?$"'

finish
