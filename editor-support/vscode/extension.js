// Starts the phonec language server (`phonec lsp`, stdio) for .phone files when the phonec
// binary can be found; without it the extension still gives highlighting and brackets.
'use strict';
const fs = require('fs');
const path = require('path');

let client;

// The configured path, else the first executable `phonec` on PATH.
function findPhonec(configured, envPath) {
  const isExec = (p) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch (e) {
      return false;
    }
  };
  if (configured) return isExec(configured) ? configured : undefined;
  for (const dir of (envPath || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, process.platform === 'win32' ? 'phonec.exe' : 'phonec');
    if (isExec(candidate)) return candidate;
  }
  return undefined;
}

function activate(context) {
  const vscode = require('vscode');
  const config = vscode.workspace.getConfiguration('phone');
  const phonec = findPhonec(config.get('phonec.path'), process.env.PATH);
  if (!phonec) {
    console.log('phone: phonec not found; the language server is not started');
    return;
  }
  let lc;
  try {
    lc = require('vscode-languageclient/node');
  } catch (e) {
    vscode.window.showWarningMessage('phone: vscode-languageclient is not installed (npm install in the extension folder)');
    return;
  }
  const args = ['lsp', ...(config.get('phonec.args') || [])];
  const serverOptions = {
    run: { command: phonec, args, transport: lc.TransportKind.stdio },
    debug: { command: phonec, args, transport: lc.TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'phone' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{phone,json}') },
  };
  client = new lc.LanguageClient('phonec', 'phonec language server', serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, findPhonec };
