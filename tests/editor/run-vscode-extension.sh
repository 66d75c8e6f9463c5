#!/usr/bin/env bash
# editor-support/vscode/extension.js without VS Code: stand-ins for the `vscode` and
# `vscode-languageclient/node` modules record what the extension does. It must find phonec (the
# configured path, else PATH), start `phonec lsp [args]` over stdio for `phone` documents, and
# start nothing when phonec cannot be found.
source "$(dirname "$0")/lib.sh"
scratch
command -v node > /dev/null || { fail "node is not installed"; finish; }
mkdir -p "$WORK/stubs/vscode" "$WORK/stubs/vscode-languageclient" "$WORK/bin" "$WORK/empty"
printf '#!/bin/sh\nexit 0\n' > "$WORK/bin/phonec" && chmod +x "$WORK/bin/phonec"
printf 'not executable\n' > "$WORK/empty/phonec"
cat > "$WORK/stubs/vscode/index.js" <<'JS'
const config = JSON.parse(process.env.STUB_CONFIG || '{}');
module.exports = {
  workspace: {
    getConfiguration: () => ({ get: (k) => config[k] }),
    createFileSystemWatcher: (glob) => ({ glob }),
  },
  window: { showWarningMessage: (m) => console.log('WARN ' + m) },
};
JS
cat > "$WORK/stubs/vscode-languageclient/node.js" <<'JS'
module.exports = {
  TransportKind: { stdio: 0, ipc: 1 },
  LanguageClient: class {
    constructor(id, name, server, client) {
      console.log('CLIENT ' + JSON.stringify({ id, server, selector: client.documentSelector }));
    }
    start() { console.log('START'); }
    stop() {}
  },
};
JS
run() {  # run CONFIG_JSON PATH
  STUB_CONFIG="$1" PATH="$2" NODE_PATH="$WORK/stubs" "$(command -v node)" -e "
    const ext = require('$SRC/editor-support/vscode/extension.js');
    ext.activate({ subscriptions: [] });"
}

out=$(run '{}' "$WORK/empty:$WORK/bin")
want="CLIENT {\"id\":\"phonec\",\"server\":{\"run\":{\"command\":\"$WORK/bin/phonec\",\"args\":[\"lsp\"],\"transport\":0},\"debug\":{\"command\":\"$WORK/bin/phonec\",\"args\":[\"lsp\"],\"transport\":0}},\"selector\":[{\"scheme\":\"file\",\"language\":\"phone\"}]}
START"
[ "$out" = "$want" ] && pass "phonec on PATH: starts phonec lsp over stdio" || { fail "phonec on PATH"; echo "$out"; }

out=$(run "{\"phonec.path\": \"$WORK/bin/phonec\", \"phonec.args\": [\"-I\", \"/srv/models\"]}" "/nonexistent")
echo "$out" | grep -q "\"args\":\[\"lsp\",\"-I\",\"/srv/models\"\]" && echo "$out" | grep -qx START &&
  pass "configured path and arguments" || { fail "configured path and arguments"; echo "$out"; }

out=$(run '{}' "$WORK/empty")
[ "$out" = "phone: phonec not found; the language server is not started" ] && pass "no phonec: no server" || { fail "no phonec: no server"; echo "$out"; }
out=$(run "{\"phonec.path\": \"$WORK/empty/phonec\"}" "$WORK/bin")
[ "$out" = "phone: phonec not found; the language server is not started" ] && pass "configured path not executable: no server" || { fail "configured path not executable"; echo "$out"; }
finish
