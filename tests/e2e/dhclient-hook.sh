#!/bin/sh
# ISC dhclient script for the e2e harness, used instead of /sbin/dhclient-script, which
# would rewrite the host's /etc/resolv.conf (that file is not namespaced). It records the
# variables of a bound lease as a cross-check of the capture and configures nothing.
# dhclient gives its script a clean environment: E2E_CLIENT_OUT comes from `-e`.
[ -n "$E2E_CLIENT_OUT" ] || exit 0
case $reason in
    BOUND|REBOOT|RENEW|REBIND)
        env > "$E2E_CLIENT_OUT.tmp" && mv "$E2E_CLIENT_OUT.tmp" "$E2E_CLIENT_OUT.bound" ;;
esac
exit 0
