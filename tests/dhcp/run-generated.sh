#!/usr/bin/env bash
# CTest entry: a 500-device site over every shipped model, built by the phonec under test; the
# three DHCP files must be accepted by the real servers' checkers (dhcpd -t inside a wrapper
# with a subnet, kea-dhcp4 -t on a full config around the fragment, dnsmasq --test) and each
# must hold exactly one entry per device.
#   run-generated.sh <phonec-binary> <source-dir>
set -uo pipefail
[ $# = 2 ] || { echo "usage: $0 <phonec-binary> <source-dir>" >&2; exit 2; }
phonec=$(readlink -f "$1")
src=$(readlink -f "$2")
N=500
tmp=$(mktemp -d /tmp/phonec-dhcp-gen.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; [ -s "$tmp/log" ] && sed 's/^/#   /' "$tmp/log" | tail -20; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" = 0 ] && [ "$pass" -gt 0 ]; exit $?; }

PHONEC_DATA_DIR="$src" "$phonec" doc --format json >"$tmp/doc.json" 2>"$tmp/log" || { ko "phonec doc"; finish; }
python3 -B "$src/tests/dhcp/gen_site.py" "$tmp/doc.json" "$src/models" "$N" "$tmp/site.json" >"$tmp/log" 2>&1 \
  && ok "generate: $(cat "$tmp/log")" || { ko "generate"; finish; }
if env PHONEC_DATA_DIR="$src" "$phonec" build -q "$tmp/site.json" -o "$tmp/out" >"$tmp/log" 2>&1; then
  ok "phonec build: $(tail -1 "$tmp/log")"
else
  ko "phonec build"; finish
fi
# The three servers' own checkers on one output tree's DHCP files; each must hold $want entries.
# (Not indented: the here-documents below end at column 0.)
check_servers() {
local label=$1 dhcp=$2 want=$3

# ISC dhcpd: the include inside a wrapper that declares the devices' subnet.
cat >"$tmp/dhcpd.conf" <<CONF
authoritative;
include "$dhcp/dhcpd.conf";
subnet 10.34.0.0 netmask 255.255.0.0 { range 10.34.200.1 10.34.200.200; }
CONF
if dhcpd -4 -t -cf "$tmp/dhcpd.conf" >"$tmp/log" 2>&1; then ok "$label: dhcpd -t"; else ko "$label: dhcpd -t"; fi
n=$(grep -c '^host ' "$dhcp/dhcpd.conf")
: >"$tmp/log"
[ "$n" = "$want" ] && ok "$label: dhcpd.conf: $n host stanzas" || ko "$label: dhcpd.conf: $n host stanzas, expected $want"

# Kea: the whole config around the fragment, with no interface (-t fails on a missing one).
if python3 -B - "$src/tests/e2e" "$dhcp/kea-dhcp4.json" "$tmp" >"$tmp/kea.json" 2>"$tmp/log" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
import kea_config
with open(sys.argv[2], encoding="utf-8") as f:
    config = kea_config.build(json.load(f), "lo", sys.argv[3], subnet="10.34.0.0/16",
                              pool="10.34.200.1 - 10.34.200.200")
config["Dhcp4"]["interfaces-config"]["interfaces"] = []
print(json.dumps(config, indent=1))
PY
then
  if env KEA_PIDFILE_DIR="$tmp" KEA_LOCKFILE_DIR="$tmp" kea-dhcp4 -t "$tmp/kea.json" >"$tmp/log" 2>&1; then
    ok "$label: kea-dhcp4 -t"
  else
    ko "$label: kea-dhcp4 -t"
  fi
else
  ko "$label: kea config from the fragment"
fi
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["reservations"]))' "$dhcp/kea-dhcp4.json" 2>"$tmp/log")
[ "$n" = "$want" ] && ok "$label: kea-dhcp4.json: $n reservations" || ko "$label: kea-dhcp4.json: $n reservations, expected $want"

# dnsmasq: --conf-file replaces /etc/dnsmasq.conf, so nothing of the host is read.
if dnsmasq --test --conf-file="$dhcp/dnsmasq.conf" --dhcp-range=10.34.200.1,10.34.200.200,255.255.0.0 >"$tmp/log" 2>&1; then
  ok "$label: dnsmasq --test"
else
  ko "$label: dnsmasq --test"
fi
n=$(grep -c '^dhcp-host=' "$dhcp/dnsmasq.conf")
: >"$tmp/log"
[ "$n" = "$want" ] && ok "$label: dnsmasq.conf: $n dhcp-host lines" || ko "$label: dnsmasq.conf: $n dhcp-host lines, expected $want"
}

check_servers generated "$tmp/out/dhcp" "$N"

# The shipped example, as the README's run command builds it.
if env PHONEC_DATA_DIR="$src" "$phonec" build -q "$src/examples/office.json" -o "$tmp/example" >"$tmp/log" 2>&1; then
  ok "phonec build examples/office.json"
  check_servers example "$tmp/example/dhcp" "$(grep -c '"mac"' "$src/examples/office.json")"
else
  ko "phonec build examples/office.json"
fi
finish
