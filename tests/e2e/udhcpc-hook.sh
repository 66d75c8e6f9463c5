#!/bin/sh
# busybox udhcpc event script for the e2e harness. It only records what the client
# understood ($1 = deconfig, bound, renew, nak, leasefail) as a cross-check of the
# capture. It configures nothing: the harness sets the phone's address itself, and
# nothing here may touch the host's /etc/resolv.conf or routes.
[ -n "$E2E_CLIENT_OUT" ] || exit 0
env > "$E2E_CLIENT_OUT.tmp" && mv "$E2E_CLIENT_OUT.tmp" "$E2E_CLIENT_OUT.$1"
exit 0
