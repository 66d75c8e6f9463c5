#!/usr/bin/env bash
# VS Code grammar: vscode-tmgrammar-snap snapshots of every sample (tests/editor/snapshots/*.snap),
# plus the extension manifest. UPDATE_SNAPSHOTS=1 rewrites the snapshots (review the diff).
source "$(dirname "$0")/lib.sh"
scratch
ensure_node_modules || { fail "npm ci"; finish; }
VSC="$SRC/editor-support/vscode"
SNAP="$EDITOR_TESTS/node_modules/.bin/vscode-tmgrammar-snap"

for sample in "$EDITOR_TESTS"/samples/*.phone; do
  name=$(basename "$sample")
  cp "$sample" "$WORK/$name"
  golden="$EDITOR_TESTS/snapshots/$name.snap"
  if [ "${UPDATE_SNAPSHOTS:-}" = 1 ]; then
    rm -f "$WORK/$name.snap"
    (cd "$WORK" && "$SNAP" --config "$VSC/package.json" -u "$name" > /dev/null) && cp "$WORK/$name.snap" "$golden"
  fi
  if [ ! -f "$golden" ]; then
    fail "$name: no snapshot $golden (UPDATE_SNAPSHOTS=1 creates it)"
    continue
  fi
  cp "$golden" "$WORK/$name.snap"
  if out=$(cd "$WORK" && "$SNAP" --config "$VSC/package.json" "$name" 2>&1) && cmp -s "$golden" "$WORK/$name.snap"; then
    pass "$name snapshot"
  else
    fail "$name snapshot"
    echo "$out" | tail -40
  fi
done

# The manifest wires the language, the grammar and the configuration the way VS Code reads them.
if node - "$VSC" <<'JS'
const fs = require('fs'), path = require('path');
const dir = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json')));
const lang = pkg.contributes.languages.find((l) => l.id === 'phone');
const fail = (m) => { console.error(m); process.exit(1); };
if (!lang || !lang.extensions.includes('.phone')) fail('no language phone with extension .phone');
const gram = pkg.contributes.grammars.find((g) => g.language === 'phone');
if (!gram || gram.scopeName !== 'source.phone') fail('no grammar source.phone');
const g = JSON.parse(fs.readFileSync(path.join(dir, gram.path)));
if (g.scopeName !== gram.scopeName) fail('grammar scopeName differs from the manifest');
const conf = JSON.parse(fs.readFileSync(path.join(dir, lang.configuration)));
if (conf.comments.lineComment !== '//' || conf.comments.blockComment.join(' ') !== '/* */') fail('comments');
const pairs = (conf.autoClosingPairs || []).map((p) => p.open + p.close);
for (const want of ['{}', '[]', '()', '""']) if (!pairs.includes(want)) fail('auto-closing pair ' + want);
if (conf.brackets.map((b) => b.join('')).join(' ') !== '{} [] ()') fail('brackets');
if (!fs.existsSync(path.join(dir, pkg.main))) fail('main ' + pkg.main + ' missing');
JS
then pass "extension manifest"; else fail "extension manifest"; fi
finish
