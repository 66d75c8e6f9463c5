#!/usr/bin/env bash
# Rebuilds reuse the devices that did not change (driver/device_reuse.h), and only those:
#   - a rebuild prints exactly the diagnostics of a full build, at the same line:col, even after
#     a device is inserted above the others (their text moved);
#   - the diagnostics of an unchanged device are replayed from DIR/.phonec-devices, not
#     recomputed (a planted message comes back: the proof that nothing was evaluated);
#   - an edited model, an edited or new device, or an output file changed behind phonec's back makes the
#     device be evaluated again (the planted message disappears, the file is repaired);
#   - a corrupt or missing list costs speed only: same output, same diagnostics.
# Usage: run-reuse.sh PHONEC SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
use_own_models
python3 - <<'PY'
import json
site = {"admin_password": "x", "sip": {"registrar": "10.34.1.6"}}
def dev(i, name):
    return {"mac": "02:00:00:00:00:%02x" % i, "model": "acme.L1",
            "lines": [{"number": 1, "display_name": name, "username": "10%02d" % i, "password": "pw"}],
            "funckeys": [{"position": 1, "type": "speeddial", "value": "1", "label": "Zoë 👩‍👩‍👧‍👦"}]}
devs = [dev(i, "Ωmega Jürgen %d" % i) for i in range(1, 6)]
json.dump({"format": "phonec-inventory/1", "site": site, "devices": devs}, open("site.json", "w"), ensure_ascii=False, indent=1)
devs.insert(0, dev(9, "Ångström"))
json.dump({"format": "phonec-inventory/1", "site": site, "devices": devs}, open("site-moved.json", "w"), ensure_ascii=False, indent=1)
PY
build() { "$phonec" build -I models "$1" -o "$2" >"$3" 2>&1; echo $? >>"$3"; }
body() { grep -v ' written, ' "$1"; }  # the diagnostics, without the summary's counts

build site.json out full.log
build site.json out again.log
grep -q '5 devices: 0 written' again.log && diff <(body full.log) <(body again.log) >/dev/null &&
  grep -q 'Wtransliterated' again.log && ok "rebuild: nothing written, the full build's diagnostics" ||
  ko "rebuild diagnostics differ" "$(diff <(body full.log) <(body again.log))"

# Plant a message in the list: only a replayed (not re-evaluated) device can print it.
sed -i 's/is written as/WAS-REPLAYED as/' out/.phonec-devices
build site.json out planted.log
n=$(grep -c 'WAS-REPLAYED' planted.log)
[ "$n" -ge 5 ] && ok "unchanged devices are replayed, not evaluated ($n planted messages back)" ||
  ko "planted message not replayed ($n)" "$(cat planted.log)"

# An output file changed behind phonec's back: that device is evaluated again and repaired.
f=$(cd out && ls tftp | head -1)
cp "out/tftp/$f" saved
printf 'x' >>"out/tftp/$f"
build site.json out tampered.log
cmp -s saved "out/tftp/$f" && grep -q '5 devices: 1 written' tampered.log &&
  [ "$(grep -c 'WAS-REPLAYED' tampered.log)" -lt "$n" ] && ok "a tampered file makes its device be evaluated again" ||
  ko "tampered file not repaired" "$(cat tampered.log)"

# A device inserted above the others moves their text: their diagnostics keep the right line:col.
build site-moved.json out moved.log
build site-moved.json fresh fresh.log
diff <(body fresh.log | sed 's/WAS-REPLAYED as/is written as/') <(body moved.log | sed 's/WAS-REPLAYED as/is written as/') >/dev/null &&
  ok "moved devices: diagnostics at the same places as a fresh build" ||
  ko "moved devices: diagnostics differ" "$(diff <(body fresh.log) <(body moved.log))"

# An edited model (one comment) changes every key: everything is evaluated again.
f_model=$(ls models/acme/*.phone | head -1); echo "// edited" >>"$f_model"
build site-moved.json out model.log
grep -q 'WAS-REPLAYED' model.log && ko "a model edit did not re-evaluate" "$(cat model.log)" ||
  { diff <(body fresh.log) <(body model.log) >/dev/null && ok "a model edit re-evaluates every device" ||
    ko "model edit: diagnostics differ" "$(diff <(body fresh.log) <(body model.log))"; }

# A corrupt list: the same output and diagnostics.
build site-moved.json out before.log
head -c 300 /dev/urandom >out/.phonec-devices
(cd out && find . -type f ! -name '.phonec-*' -exec sha256sum {} + | sort) >tree1
build site-moved.json out corrupt.log
(cd out && find . -type f ! -name '.phonec-*' -exec sha256sum {} + | sort) >tree2
cmp -s tree1 tree2 && diff <(body before.log) <(body corrupt.log) >/dev/null && ok "a corrupt list costs speed only" ||
  ko "corrupt list changed the build" "$(diff <(body before.log) <(body corrupt.log))"

finish
