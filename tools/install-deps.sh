#!/usr/bin/env bash
# Installs every Debian package phonec's build, tests and benchmarks use. Idempotent: apt-get runs
# only when a package is missing. Run as root on Debian 12.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  tao-pegtl-dev libboost-program-options-dev libicu-dev nlohmann-json3-dev
  googletest libgtest-dev libbenchmark-dev
  isc-dhcp-server isc-dhcp-client kea-dhcp4-server dnsmasq tftpd-hpa tftp-hpa busybox nginx
  libxml2-utils tcpdump faketime iproute2 curl make time
  clang-14 libclang-rt-14-dev
  nodejs npm vim-nox locales python3 libssl-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  # Node.js may come from elsewhere (a nodesource build bundles npm and conflicts with Debian's
  # npm package): a working command is enough.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  # Installing must not start system services on a normal host.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
