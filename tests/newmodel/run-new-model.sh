#!/usr/bin/env bash
# phonec new-model: the scaffold parses and checks, every unanswered question is a warning
# (-Werror makes them errors), answering them silences them, and an existing file is kept.
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"; export PHONEC_DATA_DIR="$src"
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass+1)); echo "ok   $1"; else fail=$((fail+1)); echo "FAIL $1"; fi; }
"$phonec" new-model acme.Z100 >out.txt 2>&1
check "scaffold written" '[ -f acme/Z100.phone ]'
"$phonec" check acme/Z100.phone 2>check.txt; rc=$?
check "check passes with warnings" '[ $rc = 0 ]'
check "15 unanswered questions" '[ "$(grep -c "warning: unanswered question" check.txt)" = 15 ]'
"$phonec" check -Werror acme/Z100.phone 2>/dev/null; rc=$?
check "-Werror fails on them" '[ $rc = 1 ]'
sed -i 's/^\(  *\)title todo;/\1title "Acme";/; s/docs_url todo;/docs_url "https:\/\/acme.example\/guide";/; s/oui todo;/oui "00:00:5e";/;
        s/firmware todo;/firmware "1.0";/; s/firmware_url todo;/firmware_url "https:\/\/acme.example\/fw";/;
        s/firmware_login todo;/firmware_login false;/; s/transport todo;/transport http;/;
        s/default_credentials todo;/default_credentials "admin \/ admin";/; s/factory_reset todo;/factory_reset "hold reset";/;
        s/vendor_class todo;/vendor_class "acme";/; s/dhcp_request todo;/dhcp_request 1, 3, 6, 66;/;
        s/timezone_style todo;/timezone_style olson;/; s/label_max todo;/label_max 10;/' acme/Z100.phone
"$phonec" check -Werror acme/Z100.phone 2>check2.txt; rc=$?
check "answered: clean" '[ $rc = 0 ] && ! grep -q ": warning:\|: error:" check2.txt'
"$phonec" new-model acme.Z100 >/dev/null 2>&1; rc=$?
check "an existing file is not overwritten" '[ $rc = 1 ]'
"$phonec" new-model "../evil" >/dev/null 2>&1; rc=$?
check "a bad name is a usage error" '[ $rc = 2 ]'
echo "$pass passed, $fail failed"
[ $fail = 0 ]
