#!/usr/bin/env bash
# Every shipped model compiles a reference device (2 lines where it has them, one key of every
# type it supports, including a feature-code service key and a directed-pickup key when the model
# can lower them) with no diagnostic at all; and no family writes a factory password: every
# setting that carries the site's admin password is absent when the site has none.
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2")
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
export PHONEC_DATA_DIR="$src"
"$phonec" doc --format json >"$tmp/doc.json" || { echo "phonec doc failed"; echo "0 passed, 1 failed"; exit 1; }
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
doc = json.load(open(f"{tmp}/doc.json"))
NAME = "Zoë&<\"'>"  # XML's five specials and a non-ASCII letter, short enough for every display
# Gigaset bases write values between double quotes with no escape and say so (`require`, see
# tests/golden/gigaset-quote-error): their devices get the name without the quote.
def name_for(m):
    return NAME.replace('"', '') if m["vendor"] == "gigaset" else NAME
def site(admin):
    s = {"provisioning_url": "http://10.34.1.6:8667/", "tftp_server": "10.34.1.6",
         "ntp": "10.34.1.6", "feature_codes": "wazo",
         "sip": {"registrar": "10.34.1.6", "backup_registrar": "10.34.1.7", "transport": "udp"}}
    if admin: s["admin_password"] = "ZZTOPSECRETZZ"
    return s
devices = []
for i, m in enumerate(m for m in doc["models"] if m["provisionable"]):
    mac = "02:00:00:%02x:%02x:%02x" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)
    nlines = min(2, m["lines"])
    lines = [{"number": n, "display_name": name_for(m), "username": f"10{i:03d}{n}", "password": f"pw{n}",
              "voicemail": "*98"} for n in range(1, nlines + 1)]
    keys, pos = [], 1
    types = list(m["key_types"])
    if "speeddial" in types: types += ["pickup", "service"]
    for t in types:
        if pos > m["line_keys"] + m["expansion_modules"] * m["expansion_keys"]: break
        k = {"position": pos, "type": t, "label": "K"}
        if t in ("speeddial", "blf", "pickup", "park"): k["value"] = "1002" if t != "park" else "700"
        if t == "service": k["service"] = "enablednd"
        keys.append(k); pos += 1
    d = {"mac": mac, "model": m["name"], "lines": lines, "funckeys": keys}
    # A zone on a model whose files cannot carry one is a diagnostic by design (tz-manual-error).
    if m["timezone_style"] != "manual": d["timezone"] = "America/Montreal"
    devices.append(d)
for name, admin in (("with", True), ("without", False)):
    json.dump({"format": "phonec-inventory/1", "site": site(admin), "devices": devices},
              open(f"{tmp}/{name}.json", "w"), ensure_ascii=False, indent=1)
print(len(devices), "models")
PY
pass=0; fail=0
# Every firmware image and language pack the devices need, as a stand-in of its declared size
# (sparse; an asset with a published checksum would need the real file and is left out), served
# with --assets: the build must then print no diagnostic at all.
mkdir -p "$tmp/assets"
"$phonec" assets list "$tmp/with.json" --format json 2>/dev/null >"$tmp/assets.json"
python3 - "$tmp" <<'PY'
import json, os, sys
tmp = sys.argv[1]
for a in json.load(open(f"{tmp}/assets.json")):
    if a["sha256"]: continue  # a published checksum needs the real file: left missing
    p = os.path.join(tmp, "assets", a["path"])
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f: f.truncate(a.get("size") or 1)
PY
if "$phonec" build "$tmp/with.json" -o "$tmp/with" --assets "$tmp/assets" 2>"$tmp/with.err" &&
   [ "$(grep -c ': \(warning\|error\):' "$tmp/with.err")" = 0 ]; then
  pass=$((pass+1)); echo "ok   every model compiles the reference device without a diagnostic"
else
  fail=$((fail+1)); echo "FAIL reference devices:"; head -60 "$tmp/with.err"
fi
"$phonec" build "$tmp/without.json" -o "$tmp/without" 2>"$tmp/without.err" || { echo "FAIL build without an admin password"; head -40 "$tmp/without.err"; }
# Every XML file, parsed with the encoding its prolog declares, yields the display name exactly
# (as an element's text or an attribute's value) wherever the model writes it.
xmlcheck=$(python3 - "$tmp/with" <<'PY'
import json, os, sys, xml.etree.ElementTree as ET
root, bad, files, found = sys.argv[1] + "/tftp", [], 0, 0
model_of = {f["path"]: f["model"] for f in json.load(open(sys.argv[1] + "/manifest.json"))["files"]}
for d, _, names in os.walk(root):
    for n in names:
        p = os.path.join(d, n)
        NAME = "Zo\u00eb&<\"'>"
        if model_of.get(os.path.relpath(p, sys.argv[1]), "").startswith("gigaset."): NAME = NAME.replace('"', '')
        head = open(p, "rb").read(200)
        if not (head.startswith(b"<?xml") or head.startswith(b"\xef\xbb\xbf<?xml") or head.startswith(b"\xff\xfe<")):
            continue
        files += 1
        try:
            tree = ET.parse(p)
        except ET.ParseError as e:
            bad.append(f"{p}: {e}"); continue
        values = [e.text or "" for e in tree.iter()] + [v for e in tree.iter() for v in e.attrib.values()]
        if any(NAME in v for v in values): found += 1
        elif any("Zo" in v for v in values): bad.append(f"{p}: the name does not come back exactly")
print(f"{files} {found}")
for b in bad: print(b)
PY
)
read -r nxml nfound <<<"$(echo "$xmlcheck" | head -1)"
if [ "$(echo "$xmlcheck" | wc -l)" = 1 ] && [ "${nxml:-0}" -gt 100 ] && [ "${nfound:-0}" -gt 100 ]; then
  pass=$((pass+1)); echo "ok   $nxml XML files parse with their declared encoding; the name comes back exactly in $nfound"
else
  fail=$((fail+1)); echo "FAIL XML files:"; echo "$xmlcheck" | head -20
fi
# Every place the admin password lands, by the text in front of it on its line: that setting
# must not exist at all in the build without a password (no factory default written instead).
leaks=$(cd "$tmp/with/tftp" && grep -rn "ZZTOPSECRETZZ" . | while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; rest=${rest#*:}; prefix=${rest%%ZZTOPSECRETZZ*}
  key=$(printf '%s' "$prefix" | sed 's/^[[:space:]]*//')
  [ -n "$key" ] && [ -f "$tmp/without/tftp/$file" ] && grep -qF -- "$key" "$tmp/without/tftp/$file" && echo "$file: $key"
done)
if [ -z "$leaks" ] && [ -d "$tmp/with/tftp" ]; then
  pass=$((pass+1)); echo "ok   no family writes a factory password"
else
  fail=$((fail+1)); echo "FAIL a credential setting is written without a site password:"; echo "$leaks" | head -20
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
