#!/usr/bin/env bash
# Every keyword of grammar/phone.hpp (its PHONEC_KEYWORD lines) and every feature status
# (kStatuses of compiler/sema/models.h) must be highlighted by both editor grammars:
#   - every keyword, alone at the top level of a file;
#   - every keyword the expression and statement rules use, inside a file's content block;
#   - every status, as a value of a model's features table.
# The VS Code grammar is run through vscode-textmate (VS Code's engine), the Vim syntax through Vim.
source "$(dirname "$0")/lib.sh"
scratch
ensure_node_modules || { fail "npm ci"; finish; }
GRAMMAR="$SRC/grammar/phone.hpp"

mapfile -t keywords < <(sed -n 's/^PHONEC_KEYWORD(\([A-Za-z_]*\));.*/\1/p' "$GRAMMAR")
# Keywords of the expression and statement rules: the kw_ names used between the literals and the
# types sections of the grammar.
mapfile -t content_keywords < <(sed -n '/^\/\/ ---- literals/,/^\/\/ ---- types/p' "$GRAMMAR" |
  grep -o 'kw_[A-Za-z_]*' | sed 's/^kw_//' | sort -u)
mapfile -t statuses < <(grep 'kStatuses\[\]' "$SRC/compiler/sema/models.h" | grep -o '"[A-Z]*"' | tr -d '"')
# A parser that found nothing would make this test pass vacuously.
[ "${#keywords[@]}" -ge 30 ] && pass "${#keywords[@]} keywords in grammar/phone.hpp" || fail "only ${#keywords[@]} keywords parsed from $GRAMMAR"
[ "${#content_keywords[@]}" -ge 10 ] && pass "${#content_keywords[@]} expression/statement keywords" || fail "only ${#content_keywords[@]} content keywords parsed"
[ "${#statuses[@]}" -ge 8 ] && pass "${#statuses[@]} feature statuses" || fail "only ${#statuses[@]} statuses parsed"

CONTENT='family a.b {\n  file f "x" per device {\n    content {\n      @@\n    }\n  }\n}'
FEATURES='family a.b {\n  features { provisioning = @@; }\n}'
{
  for k in "${keywords[@]}"; do printf 'top\t%s\t@@\n' "$k"; done
  for k in "${content_keywords[@]}"; do printf 'content\t%s\t%s\n' "$k" "$CONTENT"; done
  for s in "${statuses[@]}"; do printf 'status\t%s\t%s\n' "$s" "$FEATURES"; done
} > "$WORK/probes"

# VS Code: the innermost scope is a keyword, a storage type or a language constant.
node "$EDITOR_TESTS/keywords-tm.js" "$SRC/editor-support/vscode/syntaxes/phone.tmLanguage.json" < "$WORK/probes" > "$WORK/tm" ||
  fail "vscode-textmate could not run"
while read -r kind word scopes; do
  last=${scopes##* }
  case "$kind:$last" in
    status:constant.language.status.phone) pass "vscode $kind $word ($last)" ;;
    status:*) fail "vscode $kind $word: scopes $scopes" ;;
    *:keyword.*|*:storage.type.*|*:constant.language.*) pass "vscode $kind $word ($last)" ;;
    *) fail "vscode $kind $word: scopes $scopes" ;;
  esac
done < "$WORK/tm"

# Vim: the group links to a keyword-like highlight group (Statement, Type, PreProc or Constant
# once the links are followed), never to plain text, identifiers, strings or comments.
vim_run -c "let g:probes = '$WORK/probes'" -c "let g:dump_out = '$WORK/vim'" -c "source $EDITOR_TESTS/vim/keywords.vim" \
  -c 'qa!' "$WORK/probe.phone"
while read -r kind word group trans; do
  case "$kind:${trans:-none}" in
    status:Constant) pass "vim $kind $word ($group)" ;;
    status:*) fail "vim $kind $word: group ${group:-none} -> ${trans:-none}" ;;
    *:Statement|*:Type|*:PreProc|*:Constant) pass "vim $kind $word ($group)" ;;
    *) fail "vim $kind $word: group ${group:-none} -> ${trans:-none}" ;;
  esac
done < "$WORK/vim"
total=$(wc -l < "$WORK/probes")
[ "$(wc -l < "$WORK/tm")" = "$total" ] && [ "$(wc -l < "$WORK/vim")" = "$total" ] && pass "every probe answered" ||
  fail "probes answered: vscode $(wc -l < "$WORK/tm"), vim $(wc -l < "$WORK/vim") of $total"
finish
