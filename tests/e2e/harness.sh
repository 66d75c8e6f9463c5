#!/usr/bin/env bash
# Provision emulated phones from a phonec output tree with real servers (ISC dhcpd, Kea,
# in.tftpd, nginx) inside network namespaces this script creates and removes.
#
#   harness.sh [--pass isc|kea]... [--keep] [--assets ASSETS] DIR PHONES.json
#                                ASSETS: the directory given to phonec build --assets; the
#                                firmware a phone fetches is compared with its file there
#   harness.sh --selftest        hand-made fixtures: a good tree must pass, a broken one
#                                must fail with exactly the expected checks
#
# Needs root. Prints one line per phone and check, then "N passed, M failed"; exits
# non-zero on any failure. harness.py does the work; this script owns the state
# directory and the trap that removes whatever harness.py registered (saved PIDs and
# namespace names only) if it dies or is interrupted. See docs/e2e.md.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
KEEP=0
STATES=()
TMPS=()
CHILD=

die() { echo "harness.sh: $*" >&2; exit 2; }

# Kill what a harness.py run registered in STATE/pids ("PID STARTTIME" per file): only
# if that PID still is the same process (start time matches), and its process group.
reap_state() {
    local state=$1 f pid start stat rest
    for f in "$state"/pids/*; do
        [ -f "$f" ] || continue
        read -r pid start < "$f" || continue
        [[ $pid =~ ^[0-9]+$ ]] || continue
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        rest=${stat##*) }
        # shellcheck disable=SC2086
        set -- $rest
        [ "${20}" = "$start" ] || continue
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    done
    if [ -f "$state/netns" ]; then
        while read -r ns; do
            [[ $ns =~ ^pce2e[0-9]+[sp][0-9]*$ ]] && ip netns del "$ns" 2>/dev/null
        done < "$state/netns"
    fi
}

# A client's event script forked after the group was killed (udhcpc runs "deconfig" on
# SIGTERM) may still write a file while rm runs: retry until the tree is gone.
remove_tree() {
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do
        rm -rf "$1" 2>/dev/null
        [ -e "$1" ] || return 0
        sleep 0.2
    done
    echo "harness.sh: could not remove $1" >&2
}

cleanup() {
    local s t
    # A second signal must not cut the cleanup short (it would leave processes or files).
    trap '' TERM INT HUP
    if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
        kill -TERM "$CHILD" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$CHILD" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$CHILD" 2>/dev/null
    fi
    for s in "${STATES[@]}"; do
        reap_state "$s"
        if [ "$KEEP" = 1 ]; then echo "# state kept in $s" >&2; else remove_tree "$s"; fi
    done
    for t in "${TMPS[@]}"; do [ "$KEEP" = 1 ] || remove_tree "$t"; done
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# run_harness DIR PHONES [harness.py args...]: prints the report, returns its status.
run_harness() {
    local dir=$1 phones=$2 state rc
    shift 2
    # mktemp makes a 0700 directory; in.tftpd (user tftp) and nginx workers (nobody)
    # must traverse it to reach the served copy.
    state=$(mktemp -d /tmp/phonec-e2e.XXXXXX) || die "mktemp failed"
    chmod 755 "$state"
    STATES+=("$state")
    "$PY" -B "$HERE/harness.py" --dir "$dir" --phones "$phones" --state "$state" "$@" &
    CHILD=$!
    wait "$CHILD"
    rc=$?
    CHILD=
    reap_state "$state"
    return "$rc"
}

preflight() {
    [ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
    local tool
    for tool in ip ss dhcpd kea-dhcp4 in.tftpd tftp busybox curl tcpdump nginx setpriv; do
        command -v "$tool" >/dev/null || die "missing tool: $tool"
    done
    [ -x "$PY" ] || die "missing $PY"
}

selftest() {
    local tmp rc_good rc_bad got want ok=0 bad=0
    tmp=$(mktemp -d /tmp/phonec-e2e-fixture.XXXXXX) || die "mktemp failed"
    chmod 755 "$tmp"
    TMPS+=("$tmp")
    "$PY" -B "$HERE/fixture.py" good "$tmp/good" "$tmp/good-phones.json" "$tmp/good-assets" || die "fixture failed"
    "$PY" -B "$HERE/fixture.py" broken "$tmp/bad" "$tmp/bad-phones.json" "$tmp/bad-assets" "$tmp/bad-expected" ||
        die "fixture failed"

    echo "## good fixture: every check must pass (ISC dhcpd and Kea)"
    # Not a pipeline: run_harness must run in this shell so that the trap sees its state.
    run_harness "$tmp/good" "$tmp/good-phones.json" --assets "$tmp/good-assets" > "$tmp/good.log"
    rc_good=$?
    cat "$tmp/good.log"
    if [ "$rc_good" = 0 ] && grep -qx '[1-9][0-9]* passed, 0 failed' "$tmp/good.log"; then
        echo "PASS selftest - good-fixture: all checks passed"; ok=$((ok + 1))
    else
        echo "FAIL selftest - good-fixture: exit $rc_good"; bad=$((bad + 1))
    fi

    echo "## broken fixture: exactly the planted defects must fail (ISC dhcpd)"
    run_harness "$tmp/bad" "$tmp/bad-phones.json" --pass isc --assets "$tmp/bad-assets" > "$tmp/bad.log"
    rc_bad=$?
    sed 's/^/#   /' "$tmp/bad.log"
    got=$(awk '/^FAIL /{ s = substr($0, 6); print substr(s, 1, index(s, ": ") - 1) }' "$tmp/bad.log" | sort)
    want=$(sort "$tmp/bad-expected")
    if [ "$rc_bad" != 0 ] && [ "$got" = "$want" ]; then
        echo "PASS selftest - broken-fixture: exit $rc_bad with exactly the $(wc -l < "$tmp/bad-expected") planted failures"
        ok=$((ok + 1))
    else
        echo "FAIL selftest - broken-fixture: exit $rc_bad; failures reported:"
        printf '%s\n' "$got" | sed 's/^/#   /'
        echo "# expected:"
        printf '%s\n' "$want" | sed 's/^/#   /'
        bad=$((bad + 1))
    fi
    echo "$ok passed, $bad failed"
    [ "$bad" = 0 ]
}

main() {
    local args=() selftest=0
    while [ $# -gt 0 ]; do
        case $1 in
            --selftest) selftest=1 ;;
            --keep) KEEP=1 ;;
            --pass) [ $# -ge 2 ] || die "--pass needs isc or kea"; args+=(--pass "$2"); shift ;;
            --assets)
                if [ $# -lt 2 ] || [ ! -d "$2" ]; then die "--assets needs a directory"; fi
                args+=(--assets "$(cd "$2" && pwd)"); shift ;;
            -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
            -*) die "unknown option $1" ;;
            *) break ;;
        esac
        shift
    done
    preflight
    if [ "$selftest" = 1 ]; then
        [ $# = 0 ] || die "--selftest takes no arguments"
        selftest
        return
    fi
    [ $# = 2 ] || die "usage: harness.sh [--pass isc|kea]... [--keep] [--assets DIR] DIR PHONES.json | --selftest"
    [ -d "$1" ] || die "$1: not a directory"
    [ -f "$2" ] || die "$2: no such file"
    run_harness "$(cd "$1" && pwd)" "$2" "${args[@]}"
}

main "$@"
