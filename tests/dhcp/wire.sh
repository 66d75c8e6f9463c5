#!/bin/bash
# Serves DIR's configuration with a real DHCP server inside network namespaces made for this run,
# plays a phone with busybox udhcpc (MAC 00:15:65:aa:bb:cc, vendor class "yealink-T46S", request
# list 1, 3, 114, 160 only) and writes the options it received to DIR/received.env.
# Usage: wire.sh dhcpd|dnsmasq DIR   (DIR/dhcpd.conf: a complete dhcpd.conf; DIR/dnsmasq.conf: the
# phonec fragment). Called by the DhcpServers gtest.
set -u
server=$1 dir=$(cd "$2" && pwd)
ns=phonec-dhcp-$$
srv=$ns-srv phone=$ns-ph
pids=()
cleanup() {
  local rc=$?
  set +e
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  ip netns del "$phone" 2>/dev/null
  ip netns del "$srv" 2>/dev/null
  exit $rc
}
trap cleanup EXIT
set -e
ip netns add "$srv"
ip netns add "$phone"
ip link add veth-srv netns "$srv" type veth peer name eth0 netns "$phone" address 00:15:65:aa:bb:cc
ip -n "$srv" addr add 10.34.1.6/24 dev veth-srv
ip -n "$srv" link set veth-srv up
ip -n "$srv" link set lo up
ip -n "$phone" link set eth0 up
ip -n "$phone" link set lo up

case $server in
  dhcpd)
    touch "$dir/dhcpd.leases"
    ip netns exec "$srv" dhcpd -4 -f -d -cf "$dir/dhcpd.conf" -lf "$dir/dhcpd.leases" -pf "$dir/dhcpd.pid" \
      veth-srv >"$dir/server.log" 2>&1 &
    pids+=($!) ;;
  dnsmasq)
    ip netns exec "$srv" dnsmasq --keep-in-foreground --conf-file="$dir/dnsmasq.conf" --port=0 \
      --interface=veth-srv --bind-interfaces --dhcp-range=10.34.1.100,10.34.1.199,255.255.255.0 \
      --dhcp-authoritative --dhcp-leasefile="$dir/dnsmasq.leases" --pid-file="$dir/dnsmasq.pid" \
      --user=root --log-dhcp --log-facility=- >"$dir/server.log" 2>&1 &
    pids+=($!) ;;
  *) echo "unknown server $server" >&2; exit 2 ;;
esac
sleep 1

cat >"$dir/hook.sh" <<HOOK
#!/bin/sh
[ "\$1" = bound ] || exit 0
env | grep -E '^(ip|opt(43|66|114|150|160|224)|timezone|tftp|ntpsrv)=' | sort >"$dir/received.env"
HOOK
chmod +x "$dir/hook.sh"
rm -f "$dir/received.env"
ip netns exec "$phone" busybox udhcpc -f -q -n -t 5 -T 1 -i eth0 -V yealink-T46S \
  -o -O 1 -O 3 -O 114 -O 160 -s "$dir/hook.sh" >"$dir/client.log" 2>&1
test -s "$dir/received.env"
