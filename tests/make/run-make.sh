#!/usr/bin/env bash
# examples/Makefile with real make: the depfile makes phonec rerun exactly when a file it read
# changed (the inventory, a model in a -I folder, the stdlib) and never otherwise; output files
# whose bytes did not change keep their mtime; manifest.json is bumped on every run so make sees
# the target fresh afterwards.
# Usage: run-make.sh PHONEC SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
export PHONEC_DATA_DIR="$src"
mtimes() { (cd "$tmp/ex/out" && find . -type f ! -name '.phonec-*' -printf '%P %T@\n' | sort); }

cp -a "$src/examples" "$tmp/ex"; rm -rf "$tmp/ex/out" "$tmp/ex/out.d"
# An extra model folder: one more Yealink model (loaded with the vendor, so it is read and
# listed in the depfile) and a vendor the site does not use (never read).
mkdir -p "$tmp/models/yealink" "$tmp/models/acme"
printf '// site-local model\nmodel yealink.T46SLOCAL : yealink.t4x { title "Local T46S"; lines 16; line_keys 27; }\n' \
  >"$tmp/models/yealink/local.phone"
printf '// not used by the site\n' >"$tmp/models/acme/acme.phone"
# Every input gets an old mtime so that anything built later is newer, without sleeping.
find "$tmp" -type f -exec touch -d '2020-01-01 00:00:00' {} +
mk() { make --no-print-directory -C "$tmp/ex" PHONEC="$phonec" PHONECFLAGS="-I $tmp/models" "$@" 2>&1; }

out1=$(mk); rc=$?
check "first make builds (rc $rc)" '[ $rc = 0 ] && [ -f "$tmp/ex/out/manifest.json" ] && [ -f "$tmp/ex/out.d" ]'
check "first make output names the summary" 'grep -q "devices: .* written" <<<"$out1"'
check "depfile lists the inventory, the -I model and the stdlib" \
  'grep -q "office.json" "$tmp/ex/out.d" && grep -q "models/yealink/local.phone" "$tmp/ex/out.d" && grep -q "stdlib/types.phone" "$tmp/ex/out.d"'
check "depfile does not list an unused vendor" '! grep -q acme "$tmp/ex/out.d"'
before=$(mtimes)

out2=$(mk)
check "second make: nothing to be done" 'grep -q "Nothing to be done\|is up to date" <<<"$out2" && ! grep -q "/phonec build" <<<"$out2"'
check "second make: no output mtime changed" '[ "$(mtimes)" = "$before" ]'

# A -I model file changes (its bytes too): phonec reruns, writes no tftp/dhcp file, bumps the manifest.
touch_manifest_before=$(stat -c %Y.%y "$tmp/ex/out/manifest.json")
echo '// edited' >>"$tmp/models/yealink/local.phone"
out3=$(mk)
check "model edit: phonec reruns" 'grep -q "/phonec build" <<<"$out3" && grep -q " 0 written" <<<"$out3"'
check "model edit: manifest.json mtime bumped" '[ "$(stat -c %Y.%y "$tmp/ex/out/manifest.json")" != "$touch_manifest_before" ]'
check "model edit: manifest.json newer than the model" '[ "$tmp/ex/out/manifest.json" -nt "$tmp/models/yealink/local.phone" ]'
check "model edit: other outputs keep their mtime" \
  '[ "$(mtimes | grep -v "^manifest.json ")" = "$(grep -v "^manifest.json " <<<"$before")" ]'
out4=$(mk)
check "after a model edit, make is satisfied" '! grep -q "/phonec build" <<<"$out4"'

# The inventory changes one device's display name: rebuild, that device's file changes.
before=$(mtimes)
sed -i 's/Émilie Núñez/Émilie Nuñez-Roy/' "$tmp/ex/office.json"
out5=$(mk)
check "inventory edit: phonec reruns" 'grep -q "/phonec build" <<<"$out5"'
check "inventory edit: the device file is rewritten" \
  'grep -q "Nuñez-Roy" "$tmp/ex/out/tftp/001565aabbcc.cfg" && [ "$(mtimes | grep 001565aabbcc.cfg)" != "$(grep 001565aabbcc.cfg <<<"$before")" ]'
check "inventory edit: the other device keeps its mtime" \
  '[ "$(mtimes | grep 000413AABB01.xml)" = "$(grep 000413AABB01.xml <<<"$before")" ]'

# Touching a file phonec did not read triggers nothing; touching the stdlib copy read does.
before=$(mtimes)
touch "$tmp/models/acme/acme.phone" "$tmp/ex/Makefile.unrelated" "$tmp/ex/README"
out6=$(mk)
check "unrelated touch: no rebuild" '! grep -q "/phonec build" <<<"$out6" && [ "$(mtimes)" = "$before" ]'
touch "$tmp/models/yealink/local.phone"
out7=$(mk)
check "touching a read model (same bytes): rebuild, nothing written" 'grep -q "/phonec build" <<<"$out7" && grep -q " 0 written" <<<"$out7"'
check "...and only manifest.json's mtime moved" \
  '[ "$(mtimes | grep -v "^manifest.json ")" = "$(grep -v "^manifest.json " <<<"$before")" ]'

finish
