#!/usr/bin/env bash
# CTest entry: `phonec lab` end to end. The complete dhcpd.conf it writes must pass `dhcpd -t`
# and really serve the phone: dhcpd runs on it in a network namespace made for this test, an
# emulated Yealink (ISC dhclient with the model's vendor class and request list) must get a
# lease from the range with the routers, NTP, domain and option 66 given on the command line,
# dhcpd must log the "[VCI: yealink]" line, and in.tftpd started from the written tftpd-hpa
# values must serve the phone's file byte for byte. Bad command lines exit 2, an unknown model 1.
#   run-lab.sh <phonec-binary> <source-dir>
set -uo pipefail
[ $# = 2 ] || { echo "usage: $0 <phonec-binary> <source-dir>" >&2; exit 2; }
phonec=$(readlink -f "$1")
src=$(readlink -f "$2")
tmp=$(mktemp -d /tmp/phonec-lab-test.XXXXXX) || exit 1
chmod 755 "$tmp"     # in.tftpd drops to user tftp and must traverse it
ns=pclab$$
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  ip netns del "$ns-p" 2>/dev/null
  ip netns del "$ns-s" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
pass=0 fail=0
check() {  # check NAME CONDITION-STATUS DETAIL
  if [ "$2" = 0 ]; then echo "PASS $1"; pass=$((pass + 1)); else echo "FAIL $1: $3"; fail=$((fail + 1)); fi
}
finish() { echo "$pass passed, $fail failed"; [ "$fail" = 0 ]; exit $?; }
lab() { env PHONEC_DATA_DIR="$src" "$phonec" lab "$@"; }

# 1. Command-line errors: status 2, nothing written.
for bad in "--subnet 10.34.1.0/33" "--subnet 10.34.1.5/24" "--range 10.34.1.1-10.34.1.9" \
           "--range 10.34.1.90-10.34.1.80" "--router 10.35.0.1" "--mac 00:15:65:12:34" "--domain a_b"; do
  # shellcheck disable=SC2086  # the bad value replaces the default
  lab --model yealink.T46S --mac 00:15:65:12:34:56 --subnet 10.34.1.0/24 --server 10.34.1.6 -o "$tmp/bad" $bad \
    >/dev/null 2>"$tmp/err"
  rc=$?
  [ "$rc" = 2 ] && [ ! -e "$tmp/bad" ]; check "usage error: $bad" $? "exit $rc: $(head -1 "$tmp/err")"
done
lab --model yealink.T46S --mac 00:15:65:12:34:56 --subnet 10.34.1.0/24 --server 10.34.1.6 -o "$tmp/bad" \
    --sip-user $'\xff\xfe' >/dev/null 2>&1
rc=$?
[ "$rc" = 2 ] && [ ! -e "$tmp/bad" ]; check "usage error: a value that is not UTF-8" $? "exit $rc"
lab --model nosuch.X1 --mac 00:15:65:12:34:56 --subnet 10.34.1.0/24 --server 10.34.1.6 -o "$tmp/bad" >/dev/null 2>&1
rc=$?
[ "$rc" = 1 ] && [ ! -e "$tmp/bad/dhcpd.conf" ]; check "unknown model: exit 1" $? "exit $rc"

# 2. The lab for a Yealink; dhcpd -t on the complete file.
out=$tmp/lab
lab --model yealink.T46S --mac 00-15-65-12-34-56 --subnet 10.34.1.0/24 --server 10.34.1.6 \
    --range 10.34.1.100-10.34.1.150 --router 10.34.1.1 --domain lab.test -o "$out" -q >"$tmp/log" 2>&1
check "phonec lab" $? "$(cat "$tmp/log")"
[ -f "$out/dhcpd.conf" ] && [ -f "$out/tftpd-hpa" ] && [ -f "$out/tftp/001565123456.cfg" ]
check "lab tree: dhcpd.conf, tftpd-hpa, tftp/001565123456.cfg" $? "$(cd "$out" 2>/dev/null && find . -type f | sort | tr '\n' ' ')"
dhcpd -4 -t -cf "$out/dhcpd.conf" >"$tmp/log" 2>&1
check "dhcpd -t accepts the lab dhcpd.conf" $? "$(grep -v '^Internet\|^Copyright\|^All rights\|^For info' "$tmp/log" | head -5)"

# 3. Live: dhcpd on that file, a Yealink-like client, in.tftpd from the tftpd-hpa values.
ip netns add "$ns-s" && ip netns add "$ns-p" &&
  ip link add veth0 netns "$ns-s" type veth peer name eth0 netns "$ns-p" address 00:15:65:12:34:56 &&
  ip -n "$ns-s" addr add 10.34.1.6/24 dev veth0 && ip -n "$ns-s" link set veth0 up && ip -n "$ns-s" link set lo up &&
  ip -n "$ns-p" link set eth0 up && ip -n "$ns-p" link set lo up
check "namespaces" $? "could not create the test namespaces"
[ "$fail" = 0 ] || finish
touch "$tmp/leases"
ip netns exec "$ns-s" dhcpd -4 -f -d -cf "$out/dhcpd.conf" -lf "$tmp/leases" -pf "$tmp/dhcpd.pid" veth0 \
  >"$tmp/dhcpd.log" 2>&1 &
pids+=($!)
# The served tree must be readable by user tftp: serve a world-readable copy.
cp -r "$out/tftp" "$tmp/served" && chmod -R a+rX "$tmp/served"
# shellcheck disable=SC1091
(set -e; . "$out/tftpd-hpa"; [ "$TFTP_DIRECTORY" = "$(readlink -f "$out")/tftp" ]; \
 exec ip netns exec "$ns-s" in.tftpd --foreground --user "$TFTP_USERNAME" --address "$TFTP_ADDRESS" \
   $TFTP_OPTIONS "$tmp/served") >"$tmp/tftpd.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  ip netns exec "$ns-s" ss -Hlnu | grep -q ':67 ' && ip netns exec "$ns-s" ss -Hlnu | grep -q ':69 ' && break
  sleep 0.1
done
cat >"$tmp/dhclient.conf" <<CONF
send vendor-class-identifier "yealink";
request;
send dhcp-parameter-request-list 1, 3, 6, 12, 15, 28, 42, 66, 43, 120, 2, 7;
CONF
timeout 20 ip netns exec "$ns-p" dhclient -4 -1 -d -cf "$tmp/dhclient.conf" -lf "$tmp/dhclient.leases" \
  -pf "$tmp/dhclient.pid" -sf "$src/tests/e2e/dhclient-hook.sh" -e E2E_CLIENT_OUT="$tmp/client" eth0 \
  >"$tmp/dhclient.log" 2>&1 &
client=$!
pids+=($client)
for _ in $(seq 150); do [ -f "$tmp/client.bound" ] && break; sleep 0.1; done
kill "$client" 2>/dev/null
[ -f "$tmp/client.bound" ]; check "the phone got a lease" $? "$(tail -3 "$tmp/dhclient.log")"
[ -f "$tmp/client.bound" ] || finish
val() { sed -n "s/^$1=//p" "$tmp/client.bound"; }
ipaddr=$(val new_ip_address)
last=${ipaddr##*.}
[ "${ipaddr%.*}" = 10.34.1 ] && [ "$last" -ge 100 ] && [ "$last" -le 150 ]; check "address $ipaddr from the range" $? "outside 10.34.1.100-150"
for kv in new_routers=10.34.1.1 new_ntp_servers=10.34.1.6 new_domain_name=lab.test \
          new_subnet_mask=255.255.255.0 new_broadcast_address=10.34.1.255 new_tftp_server_name=http://10.34.1.6/; do
  got=$(val "${kv%%=*}")
  [ "$got" = "${kv#*=}" ]; check "$kv" $? "got '$got'"
done
grep -q '\[VCI: yealink\]' "$tmp/dhcpd.log"; check "dhcpd logs [VCI: yealink]" $? "no such line in the dhcpd log"
ip -n "$ns-p" addr add "$ipaddr/24" dev eth0
(cd "$tmp" && ip netns exec "$ns-p" tftp -m binary 10.34.1.6 -c get 001565123456.cfg got.cfg) >"$tmp/tftp.log" 2>&1
[ ! -s "$tmp/tftp.log" ] && cmp -s "$tmp/got.cfg" "$out/tftp/001565123456.cfg"
check "tftp get 001565123456.cfg: the lab's bytes" $? "$(cat "$tmp/tftp.log")"
finish
