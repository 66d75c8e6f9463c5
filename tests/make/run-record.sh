#!/usr/bin/env bash
# A rebuild with nothing changed replays DIR/.phonec-build (driver/build_memo.h), and only then:
#   - it prints byte for byte what the recorded build printed and touches nothing;
#   - it is a replay, not a build: a message planted in the record comes back;
#   - anything that could change the result makes it a real build again: an edited inventory, an
#     edited model, a new file in an include folder, another option, an output file edited,
#     removed or only chmod-ed, a killed run's journal;
#   - an input edited less than two seconds before a build leaves no record (it may have changed
#     while the build read it); --depfile builds leave none.
# Usage: run-record.sh PHONEC SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
use_own_models
python3 - <<'PY'
import json
site = {"admin_password": "x", "sip": {"registrar": "10.34.1.6"}}
devs = [{"mac": "02:00:00:00:00:%02x" % i, "model": "acme.L1",
         "lines": [{"number": 1, "display_name": "Ωmega Jürgen %d" % i, "username": "10%02d" % i, "password": "pw"}]}
        for i in range(1, 5)]
json.dump({"format": "phonec-inventory/1", "site": site, "devices": devs}, open("site.json", "w"), ensure_ascii=False, indent=1)
PY
build() { "$phonec" build -I models site.json -o out "$@" >"$log" 2>&1; echo "exit $?" >>"$log"; }
tree() { (cd out && find . -type f ! -name '.phonec-*' -printf '%p %m %s %T@ %i\n' | sort); }
settle() { sleep 2.1; }  # inputs older than the two-second margin
# A record whose diagnostics say MARK-REPLAYED instead of "is written as": the length is recorded
# as well, so the planted text keeps it.
plant() { sed -i 's/is written as/MARK-REPLAYED/' out/.phonec-build; }

settle
log=full.log; build
[ -f out/.phonec-build ] && ok "a build records itself" || ko "no record after a build" "$(cat full.log)"
tree >tree0
log=again.log; build
tree >tree1
diff <(grep -v ' written, ' full.log) <(grep -v ' written, ' again.log) >/dev/null &&
  grep -q '4 devices: 0 written, 8 unchanged, 0 removed, 8 warnings' again.log && cmp -s tree0 tree1 &&
  ok "a replay prints the build's diagnostics and touches nothing" ||
  ko "replay differs" "$(diff full.log again.log; diff tree0 tree1)"
rm out/.phonec-build
log=noop.log; build
[ -f out/.phonec-build ] && cmp -s again.log noop.log && ok "a replay prints what a no-op rebuild prints, byte for byte" ||
  ko "replay and no-op rebuild differ" "$(diff again.log noop.log)"
plant
log=planted.log; build
grep -q MARK-REPLAYED planted.log && grep -q '4 devices: 0 written, 8 unchanged' planted.log &&
  ok "the replay prints the record, it does not build" || ko "planted text not replayed" "$(cat planted.log)"

# Each change below must give a real build (the planted text gone), which records itself again.
expect_build() {
  local what=$1; log=$what.log; shift
  build "$@"
  if grep -q MARK-REPLAYED "$log"; then ko "$what: replayed a stale record" "$(cat "$log")"
  elif ! grep -q 'exit 0' "$log"; then ko "$what: build failed" "$(cat "$log")"
  else ok "$what: built again"; fi
  settle; log=rebuild.log; build "$@"; plant
}
rebuild_clean() { settle; log=rebuild.log; build; plant; }
rebuild_clean

sed -i 's/"1001"/"1091"/' site.json; settle
expect_build inventory-edited
grep -rq '1091' out/tftp && ok "inventory-edited: the edit reached the files" || ko "edit not written"

f_model=$(ls models/acme/*.phone | head -1); echo "// edited" >>"$f_model"; settle
expect_build model-edited

touch models/unused.phone; settle
expect_build include-folder-grew

expect_build option-changed --diagnostics=json
rebuild_clean

f=$(cd out && ls tftp | head -1)
cp "out/tftp/$f" saved
printf 'x' >>"out/tftp/$f"
expect_build output-edited
cmp -s saved "out/tftp/$f" && ok "output-edited: repaired" || ko "edited output not repaired"

rm "out/tftp/$f"
expect_build output-removed
[ -f "out/tftp/$f" ] && ok "output-removed: restored" || ko "removed output not restored"

m=$(stat -c %a "out/tftp/$f"); chmod 600 "out/tftp/$f"
expect_build output-chmod
[ "$(stat -c %a "out/tftp/$f")" = "$m" ] && ok "output-chmod: mode $m restored" || ko "mode not restored"

echo "tftp/$f" >out/.phonec-pending
expect_build killed-run-journal

# An input younger than the margin: the build leaves no record.
touch site.json
log=young.log; build
[ ! -e out/.phonec-build ] && ok "an input edited just before the build: no record" || ko "record despite a young input"

settle; log=dep.log; build --depfile out.d
[ ! -e out/.phonec-build ] && ok "--depfile builds leave no record" || ko "record with --depfile"

finish
