#!/usr/bin/env bash
# Incremental output: after each edit of a 48-device site, the files whose mtime moved are exactly
# the files whose bytes changed, and those are exactly the ones the edit concerns:
#   nothing changed            -> nothing written (manifest.json included)
#   a display name             -> that device's config file and manifest.json; no DHCP file
#   a device's IP (DHCP fact)  -> the three DHCP files and manifest.json (+ that device's files
#                                 only if they contain the IP)
#   a device removed           -> its files deleted, DHCP files and manifest.json rewritten
# Usage: run-incremental.sh PHONEC SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
export PHONEC_DATA_DIR="$src"
"$phonec" doc --format json >"$tmp/caps.json"
python3 "$src/bench/gen_site.py" 48 --capabilities "$tmp/caps.json" --vendors yealink,snom -o "$tmp/site.json"
out="$tmp/out"

# snap NAME: path, mtime (ns) and sha256 of every file in the tree, state files excluded.
snap() { (cd "$out" && find . -type f ! -name '.phonec-*' -printf '%P\t%T@\t' -exec sh -c 'sha256sum <"$1" | cut -c1-64' _ {} \; | sort) >"$tmp/$1"; }
# expect NAME BEFORE AFTER EXPECTED-REWRITTEN EXPECTED-REMOVED (space-separated paths; '*' in
# EXPECTED-REWRITTEN allows extra files matching the glob, e.g. a device's files).
expect() {
  if python3 - "$tmp/$2" "$tmp/$3" "$4" "$5" "${6:-}" >"$tmp/why" <<'PY'
import fnmatch, sys
def load(p):
    d = {}
    for line in open(p, encoding="utf-8"):
        path, mtime, sha = line.rstrip("\n").split("\t")
        d[path] = (mtime, sha)
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
want = set(sys.argv[3].split()); gone = set(sys.argv[4].split()); maybe = sys.argv[5].split()
bad = []
moved = {p for p in a.keys() & b.keys() if a[p][0] != b[p][0]}
changed = {p for p in a.keys() & b.keys() if a[p][1] != b[p][1]}
if moved != changed:
    bad.append("mtime moved without a content change: %s; content changed, mtime kept: %s"
               % (sorted(moved - changed), sorted(changed - moved)))
if not want <= changed:
    bad.append("expected rewritten but not: %s" % sorted(want - changed))
extra = {p for p in changed - want if not any(fnmatch.fnmatch(p, m) for m in maybe)}
if extra:
    bad.append("rewritten but should not be: %s" % sorted(extra))
if set(a) - set(b) != gone:
    bad.append("removed %s, expected %s" % (sorted(set(a) - set(b)), sorted(gone)))
if set(b) - set(a):
    bad.append("new files: %s" % sorted(set(b) - set(a)))
print("; ".join(bad))
sys.exit(1 if bad else 0)
PY
  then ok "$1"; else ko "$1" "$(cat "$tmp/why")"; fi
}
build() { "$phonec" build "$tmp/site.json" -o "$out" -q >"$tmp/log" 2>&1 || { echo "FAIL phonec: $(cat "$tmp/log")"; exit 1; }; }

build; snap s0
check "first build: everything written" 'grep -q "48 devices: .* written, 0 unchanged, 0 removed" "$tmp/log"'
build; snap s1
expect "no change: nothing rewritten" s0 s1 "" ""
check "no change: the summary says 0 written" 'grep -q " 0 written, .* 0 removed" "$tmp/log"'

# The 6th device (a Snom, by the generator's round robin) and the 14th (a Yealink).
line_of() { grep -n "\"mac\": \"$1\"" "$tmp/site.json" | cut -d: -f1; }
snom_mac=$(sed -n 's/.*"mac": "\(00:04:13:[^"]*\)".*/\1/p' "$tmp/site.json" | sed -n 6p)
# When the removed Snom is its model's only device, that model's shared file goes with it.
snom_model_files=$(python3 - "$tmp/site.json" "$snom_mac" <<'PY'
import json, sys
devs = json.load(open(sys.argv[1]))["devices"]
model = next(d["model"] for d in devs if d["mac"] == sys.argv[2])
if sum(d["model"] == model for d in devs) == 1:
    print("tftp/snom%s-firmware.xml" % model.split(".", 1)[1])
PY
)
yea_mac=$(sed -n 's/.*"mac": "\(00:15:65:[^"]*\)".*/\1/p' "$tmp/site.json" | sed -n 3p)
hexu() { tr -d : <<<"$1" | tr a-f A-F; }
hexl() { tr -d : <<<"$1"; }

# A display name: only that device's settings file (not its pointer file, not DHCP).
sed -i "$(line_of "$snom_mac")s/\"display_name\": \"/\"display_name\": \"Édité /" "$tmp/site.json"
build; snap s2
expect "display name of a Snom: its settings file only" s1 s2 "tftp/$(hexu "$snom_mac").xml manifest.json" ""
sed -i "$(line_of "$yea_mac")s/\"display_name\": \"/\"display_name\": \"Édité /" "$tmp/site.json"
build; snap s3
expect "display name of a Yealink: its config file only" s2 s3 "tftp/$(hexl "$yea_mac").cfg manifest.json" ""

# An IP: the DHCP files change (the reservation), and the device's own files only if they hold it.
sed -i "$(line_of "$yea_mac")s/\"ip\": \"[^\"]*\"/\"ip\": \"10.99.0.7\"/" "$tmp/site.json"
build; snap s4
expect "IP of a Yealink: DHCP files rewritten" s3 s4 \
  "dhcp/dhcpd.conf dhcp/kea-dhcp4.json dhcp/dnsmasq.conf manifest.json" "" "tftp/$(hexl "$yea_mac").cfg"
check "dhcpd.conf has the new IP" 'grep -q "10.99.0.7" "$out/dhcp/dhcpd.conf"'

# A device removed: its files deleted, the DHCP files and the manifest rewritten, nothing else.
ln=$(line_of "$snom_mac"); sed -i "${ln}d" "$tmp/site.json"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/site.json" || { echo "FAIL test bug: bad JSON"; exit 1; }
build; snap s5
snom_files=$(awk -F'\t' -v m="$(hexu "$snom_mac")" 'index($1, m) {printf "%s ", $1}' "$tmp/s4")
check "the removed Snom had files" '[ -n "$snom_files" ]'
for f in $snom_model_files; do grep -q "^$f"$'\t' "$tmp/s4" && snom_files="$snom_files$f "; done
expect "device removed: its files deleted" s4 s5 "dhcp/dhcpd.conf dhcp/kea-dhcp4.json dhcp/dnsmasq.conf manifest.json" "$snom_files"
check "device removed: the summary counts its files" 'grep -q "[123] removed" "$tmp/log"'
check "device removed: manifest.json no longer lists it" '! grep -qi "$(hexu "$snom_mac")" "$out/manifest.json"'

finish
