#!/usr/bin/env bash
# Firmware and language packs: declared by a synthetic model (-I models), verified in an
# --assets DIR, hard-linked into the output tree, listed and verified by `phonec assets`.
# Usage: run-assets.sh PHONEC SOURCE_DIR
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2")
here="$src/tests/assets"
work=$(mktemp -d /tmp/phonec-assets.XXXXXX); trap 'rm -rf "$work"' EXIT
export PHONEC_DATA_DIR="$src" LC_ALL=C.UTF-8 TZ=UTC
fails=0
fail() { echo "FAIL: $*"; fails=$((fails+1)); }
pc() { "$phonec" "$@" -I "$here/models"; }

FW=4ece3fd0aad1e22df7f6ec6713ef2807d4be42639b6417894235b9b5a596c041
LANG_SHA=72fb312c692d2da9f3138a29ac2145c024ef8048c10120146a9672c83c2a9544
mkdir -p "$work/dl/sub"
printf 'acme fw 1.2' >"$work/dl/acme-1.2.rom"                # found by name at the top
printf 'acme fr 1.2 ok' >"$work/dl/sub/acme-fr-1.2.lng"       # found by name in a sub-folder
cp "$here/site.json" "$work/site.json"

# 1. Verified and linked; the configs point at the served URLs; the manifest records both.
pc build "$work/site.json" -o "$work/out" --assets "$work/dl" >"$work/o1" 2>"$work/e1" || { fail "build with assets"; cat "$work/e1"; }
[ "$(stat -c %i "$work/out/tftp/fw/acme-1.2.rom")" = "$(stat -c %i "$work/dl/acme-1.2.rom")" ] || fail "firmware is not hard-linked"
[ "$(stat -c %i "$work/out/tftp/fw/lang/acme-fr-1.2.lng")" = "$(stat -c %i "$work/dl/sub/acme-fr-1.2.lng")" ] || fail "language pack is not hard-linked"
cfg=$(cat "$work/out/tftp/020000000001.cfg")
want='firmware.url = http://10.0.0.1:8667/prov/fw/acme-1.2.rom
firmware.version = 1.2
language.url = http://10.0.0.1:8667/prov/fw/lang/acme-fr-1.2.lng
sip.user = 1001'
[ "$cfg" = "$want" ] || { fail "config does not point at the served assets"; echo "$cfg"; }
grep -q "{\"path\": \"tftp/fw/acme-1.2.rom\", \"size\": 11, \"sha256\": \"$FW\", \"mode\": \"0644\", \"device\": \"shared\", \"model\": \"acme.D1\"}" "$work/out/manifest.json" ||
  { fail "manifest lacks the firmware file"; cat "$work/out/manifest.json"; }
python3 - "$work/out/manifest.json" <<PY || fail "manifest assets section"
import json, sys
m = json.load(open(sys.argv[1]))
a = {x["path"]: x for x in m["assets"]}
assert a["fw/acme-1.2.rom"]["sha256"] == "$FW" and a["fw/acme-1.2.rom"]["verified"] is True, a
assert a["fw/acme-1.2.rom"]["url"] == "https://downloads.example.com/acme/acme-1.2.rom", a
assert a["fw/lang/acme-fr-1.2.lng"]["kind"] == "language" and a["fw/lang/acme-fr-1.2.lng"]["size"] == 14, a
assert len(a) == 2, a
PY

# 2. An unchanged rebuild touches nothing, the assets included.
before=$(stat -c '%i %Y.%y' "$work/out/tftp/fw/acme-1.2.rom" "$work/out/tftp/fw/lang/acme-fr-1.2.lng")
sleep 1
pc build "$work/site.json" -o "$work/out" --assets "$work/dl" >/dev/null 2>"$work/e2" || fail "rebuild"
grep -q ": 0 written, 8 unchanged, 0 removed" "$work/e2" || { fail "rebuild wrote something"; cat "$work/e2"; }
[ "$before" = "$(stat -c '%i %Y.%y' "$work/out/tftp/fw/acme-1.2.rom" "$work/out/tftp/fw/lang/acme-fr-1.2.lng")" ] || fail "rebuild touched the assets"

# 3. A flipped byte: both checksums reported, the device and model named, nothing written.
cp -a "$work/out" "$work/out.before"
cp "$work/dl/acme-1.2.rom" "$work/good.rom"
rm "$work/dl/acme-1.2.rom"; printf 'acme fw 1.3' >"$work/dl/acme-1.2.rom"
actual=$(sha256sum "$work/dl/acme-1.2.rom" | cut -d' ' -f1)
sed -i 's/"1001"/"1009"/' "$work/site.json"   # a config change that must not be written either
pc build "$work/site.json" -o "$work/out" --assets "$work/dl" >/dev/null 2>"$work/e3"; rc=$?
[ $rc = 1 ] || fail "mismatch exit status $rc"
grep -q "error: 'fw/acme-1.2.rom' (acme.D1 firmware 1.2, requested by device 02:00:00:00:00:01 and 1 other device): .*acme-1.2.rom does not match: expected sha256 $FW, actual sha256 $actual" "$work/e3" ||
  { fail "mismatch diagnostic"; cat "$work/e3"; }
grep -q "note: checksum declared here" "$work/e3" || fail "mismatch note"
diff -r "$work/out.before" "$work/out" >/dev/null || fail "a failed build changed the output tree"
cp "$work/good.rom" "$work/dl/acme-1.2.rom"; sed -i 's/"1009"/"1001"/' "$work/site.json"

# 4. assets list / --missing / verify.
pc assets list "$work/site.json" >"$work/l1" 2>"$work/le1" || { fail "assets list"; cat "$work/le1"; }
want_list="fw/acme-1.2.rom
  acme.D1 firmware 1.2, device 02:00:00:00:00:01 and 1 other device
  url     https://downloads.example.com/acme/acme-1.2.rom
  size    11
  sha256  $FW
fw/lang/acme-fr-1.2.lng
  acme.D1 language 1.2, device 02:00:00:00:00:01 and 1 other device
  url     https://downloads.example.com/acme/acme-fr-1.2.lng
  size    14
  sha256  $LANG_SHA"
[ "$(cat "$work/l1")" = "$want_list" ] || { fail "assets list text"; diff <(echo "$want_list") "$work/l1"; }
pc assets verify "$work/dl" "$work/site.json" >"$work/v1" 2>"$work/ve1" || { fail "verify of a complete DIR"; cat "$work/v1" "$work/ve1"; }
grep -q "2 assets: 2 verified, 0 without a checksum, 0 missing or wrong" "$work/ve1" || fail "verify summary"
rm "$work/dl/sub/acme-fr-1.2.lng"
pc assets list "$work/site.json" --missing "$work/dl" --format json >"$work/l2" 2>"$work/le2" || fail "assets list --missing"
python3 - "$work/l2" <<PY || { fail "assets list --missing json"; cat "$work/l2"; }
import json, sys
l = json.load(open(sys.argv[1]))
assert [x["path"] for x in l] == ["fw/lang/acme-fr-1.2.lng"], l
assert l[0]["state"] == "missing" and l[0]["sha256"] == "$LANG_SHA" and l[0]["login"] is False and l[0]["devices"] == 2, l
PY
pc assets verify "$work/dl" "$work/site.json" >"$work/v2" 2>"$work/ve2"; rc=$?
[ $rc = 1 ] || fail "verify with a missing file: exit $rc"
[ "$(cat "$work/v2")" = "missing fw/lang/acme-fr-1.2.lng (acme.D1 language 1.2): download https://downloads.example.com/acme/acme-fr-1.2.lng" ] ||
  { fail "verify output"; cat "$work/v2"; }
pc build "$work/site.json" -o "$work/out2" --assets "$work/dl" >/dev/null 2>"$work/e4"; rc=$?
[ $rc = 1 ] && [ ! -e "$work/out2/manifest.json" ] || fail "a missing asset must fail the build"
grep -q "error: 'fw/lang/acme-fr-1.2.lng' (acme.D1 language 1.2, requested by device 02:00:00:00:00:01 and 1 other device) is not in .*: expected sha256 $LANG_SHA" "$work/e4" ||
  { fail "missing diagnostic"; cat "$work/e4"; }

# 5. Without --assets: one warning per asset, the files not served, the configs still written.
pc build "$work/site.json" -o "$work/out3" >/dev/null 2>"$work/e5" || { fail "build without assets"; cat "$work/e5"; }
[ "$(grep -c "warning: .* is not served: no --assets DIR" "$work/e5")" = 2 ] || { fail "warnings without --assets"; cat "$work/e5"; }
[ ! -e "$work/out3/tftp/fw" ] && [ -e "$work/out3/tftp/020000000001.cfg" ] || fail "tree without assets"

# 6. A site's firmware choice: 1.3 (checksum unknown: served unverified; no language pack).
python3 - "$work/site.json" "$work/site13.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s["site"]["firmware"] = [{"model": "acme.D1", "version": "1.3"}]
json.dump(s, open(sys.argv[2], "w"))
PY
printf 'acme fw 1.3' >"$work/dl/acme-1.3.rom"
pc build "$work/site13.json" -o "$work/out4" --assets "$work/dl" >/dev/null 2>"$work/e6" || { fail "build 1.3"; cat "$work/e6"; }
grep -q "^firmware.url = http://10.0.0.1:8667/prov/fw/acme-1.3.rom$" "$work/out4/tftp/020000000002.cfg" || fail "chosen firmware url"
grep -q language "$work/out4/tftp/020000000002.cfg" && fail "1.3 has no language pack"
pc assets verify "$work/dl" "$work/site13.json" >"$work/v3" 2>/dev/null || fail "verify with an unknown checksum must pass"
grep -q "^unverified fw/acme-1.3.rom: no published checksum" "$work/v3" || fail "unverified line"
python3 - "$work/site.json" "$work/site19.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s["site"]["firmware"] = [{"model": "acme.D1", "version": "1.9"}, {"model": "acme.D2", "version": "1.2"}]
json.dump(s, open(sys.argv[2], "w"))
PY
pc check "$work/site19.json" >/dev/null 2>"$work/e7" && fail "unknown firmware version accepted"
grep -q "error: acme.D1 has no firmware image declared for version '1.9'; declared: 1.2, 1.3" "$work/e7" || { fail "unknown version diagnostic"; cat "$work/e7"; }
grep -q "error: firmware choice for unknown model 'acme.D2'; did you mean 'acme.D1'?" "$work/e7" || { fail "unknown model diagnostic"; cat "$work/e7"; }

# 7. check --strict names the asset without a published checksum.
pc check --strict "$work/site.json" >/dev/null 2>"$work/e8" || fail "check --strict exit"
grep -q "acme.phone:.*warning: the sha256 of asset 'fw_1_3' of acme.desk ('fw/acme-1.3.rom') is unknown" "$work/e8" || { fail "strict warning"; cat "$work/e8"; }
grep -q "acme.phone:.*warning: acme.X9 recommends firmware 9.9 but declares no image for it: .*\[-Wfirmware-undeclared\]" "$work/e8" ||
  { fail "strict: model without an image"; cat "$work/e8"; }
grep -q "acme.D1 recommends" "$work/e8" && fail "strict: acme.D1 has its image"

pc check "$work/site.json" >/dev/null 2>"$work/e9"
grep -q "is unknown" "$work/e9" && fail "check without --strict warns about checksums"

# 8. Another file system (tmpfs): the asset is copied, verified the same way, and a rebuild
#    recognises the copy by its checksum.
if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$work")" ]; then
  shm=$(mktemp -d /dev/shm/phonec-assets.XXXXXX)
  cp "$work/dl/acme-1.2.rom" "$shm/"; printf 'acme fr 1.2 ok' >"$shm/acme-fr-1.2.lng"
  pc build "$work/site.json" -o "$work/out5" --assets "$shm" >/dev/null 2>"$work/e10" || { fail "build from tmpfs"; cat "$work/e10"; }
  cmp -s "$shm/acme-1.2.rom" "$work/out5/tftp/fw/acme-1.2.rom" || fail "copied firmware differs"
  [ "$(stat -c %i "$work/out5/tftp/fw/acme-1.2.rom")" != "$(stat -c %i "$shm/acme-1.2.rom")" ] || fail "not a copy"
  [ "$(stat -c %a "$work/out5/tftp/fw/acme-1.2.rom")" = 644 ] || fail "copy mode"
  rm -f "$work/out5/.phonec-state"   # no stat cache: the checksum decides
  pc build "$work/site.json" -o "$work/out5" --assets "$shm" >/dev/null 2>"$work/e11" || fail "rebuild from tmpfs"
  grep -q ": 0 written, 8 unchanged, 0 removed" "$work/e11" || { fail "rebuild from tmpfs rewrote"; cat "$work/e11"; }
  rm -rf "$shm"
fi

# 9. Declaration errors: a firmware image is one version; a required property is missing.
mkdir -p "$work/bad/acme"
sed 's/    version "1.3";/    version "1.3", "1.4";/; s/^    url "https:\/\/downloads.example.com\/acme\/acme-fr-1.2.lng";$//' \
  "$here/models/acme/acme.phone" >"$work/bad/acme/acme.phone"
"$phonec" check -I "$work/bad" "$work/site.json" >/dev/null 2>"$work/e12" && fail "bad declarations accepted"
grep -q "error: firmware image 'fw_1_3' is one version; only language packs and other files list several$" "$work/e12" ||
  { fail "two versions diagnostic"; cat "$work/e12"; }
grep -q "error: asset 'lang_fr_1_2' has no 'url'" "$work/e12" || { fail "missing url diagnostic"; cat "$work/e12"; }

[ $fails = 0 ] && echo "assets: all passed"
[ $fails = 0 ]
