#!/usr/bin/env bash
# Golden tests: each tests/golden/<case>/ holds its inputs, a `cmd` file (the phonec arguments,
# one line; OUT stands for the output directory), and what is expected:
#   expected/        the whole output tree (manifest.json included; .phonec-* state excluded)
#   expected.stderr  the diagnostics and summary, with the source-tree prefix removed
#   expected.rc      the exit status (default 0)
# A case whose expected.rc is not 0 must also leave no output tree behind.
# UPDATE_GOLDENS=1 rewrites the expectations after a reviewed change.
# Usage: run-golden.sh PHONEC SOURCE_DIR [CASE...]
set -u
phonec=$(readlink -f "$1"); src=$(readlink -f "$2"); shift 2
here="$src/tests/golden"
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for d in "$here"/*/; do cases+=("$(basename "$d")"); done
fi
pass=0; fail=0
# A fixed work folder: the tftpd-hpa file names the output tree by its absolute path.
tmp=/tmp/phonec-golden
exec 9>/tmp/phonec-golden.lock; flock 9
rm -rf "$tmp"; mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
for c in "${cases[@]}"; do
  dir="$here/$c"
  [ -f "$dir/cmd" ] || continue
  work="$tmp/$c"; mkdir -p "$work"
  cp -a "$dir/." "$work/"; rm -rf "$work/expected" "$work/expected.stderr" "$work/expected.rc"
  args=$(sed "s#OUT#$work/out#g" "$dir/cmd")
  (cd "$work" && eval "env PHONEC_DATA_DIR='$src' LC_ALL=C.UTF-8 TZ=UTC '$phonec' $args" >"$work/stdout" 2>"$work/stderr"; echo $? >"$work/rc")
  sed -i "s#$src/##g; s#$work/##g" "$work/stderr" "$work/stdout"
  cat "$work/stdout" >>"$work/stderr"
  want_rc=0; [ -f "$dir/expected.rc" ] && want_rc=$(cat "$dir/expected.rc")
  got_rc=$(cat "$work/rc")
  if [ "${UPDATE_GOLDENS:-0}" = 1 ]; then
    rm -rf "$dir/expected"; [ -d "$work/out" ] && cp -a "$work/out" "$dir/expected" && rm -f "$dir/expected"/.phonec-*
    cp "$work/stderr" "$dir/expected.stderr"
    [ "$got_rc" = 0 ] && rm -f "$dir/expected.rc" || echo "$got_rc" >"$dir/expected.rc"
    echo "updated $c (rc $got_rc)"; pass=$((pass+1)); continue
  fi
  ok=1
  [ "$got_rc" = "$want_rc" ] || { echo "FAIL $c: exit status $got_rc, expected $want_rc"; ok=0; }
  if ! diff -u "$dir/expected.stderr" "$work/stderr" >"$work/diff"; then
    echo "FAIL $c: diagnostics differ"; cat "$work/diff"; ok=0
  fi
  if [ "$want_rc" = 0 ]; then
    rm -f "$work/out"/.phonec-*
    if [ ! -e "$dir/expected" ] && [ ! -e "$work/out" ]; then :
    elif ! diff -ru "$dir/expected" "$work/out" >"$work/diff"; then echo "FAIL $c: output tree differs"; head -50 "$work/diff"; ok=0; fi
  elif [ -e "$work/out" ] && [ -n "$(ls -A "$work/out" 2>/dev/null)" ]; then
    echo "FAIL $c: an error case wrote an output tree"; ok=0
  fi
  # Every XML file written is well-formed, with its declared encoding.
  if [ "$want_rc" = 0 ] && [ -d "$work/out/tftp" ]; then
    while IFS= read -r -d '' f; do
      if head -c 200 "$f" | grep -q '<?xml'; then
        xmllint --noout "$f" 2>"$work/xmlerr" || { echo "FAIL $c: xmllint rejects ${f#$work/out/}"; cat "$work/xmlerr"; ok=0; }
      fi
    done < <(find "$work/out/tftp" -type f -print0)
  fi
  if [ $ok = 1 ]; then pass=$((pass+1)); echo "ok   $c"; else fail=$((fail+1)); fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
