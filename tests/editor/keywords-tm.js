// Tokenizes probe lines with the VS Code grammar (vscode-textmate, the engine VS Code uses) and
// prints, per probe, the scopes of the probed word: `kind word scope scope...`.
// Input on stdin: lines `kind<TAB>word<TAB>text`; in text, `\n` separates lines and `@@` is where
// the word goes.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const grammarPath = process.argv[2];
const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm')).buffer;
const onigLib = oniguruma.loadWASM(wasm).then(() => ({
  createOnigScanner: (p) => new oniguruma.OnigScanner(p),
  createOnigString: (s) => new oniguruma.OnigString(s),
}));
const registry = new vsctm.Registry({
  onigLib,
  loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
});

(async () => {
  const grammar = await registry.loadGrammar('source.phone');
  const probes = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
  for (const [kind, word, template] of probes) {
    const lines = template.split('\\n');
    const at = lines.join('\n').indexOf('@@');
    const text = lines.join('\n').replace('@@', word);
    let stack = vsctm.INITIAL;
    let found = null;
    let offset = 0;
    for (const line of text.split('\n')) {
      const r = grammar.tokenizeLine(line, stack);
      for (const t of r.tokens) {
        if (offset + t.startIndex === at) found = t.scopes.slice(1);
      }
      stack = r.ruleStack;
      offset += line.length + 1;
    }
    console.log([kind, word, ...(found || ['NOT-A-TOKEN'])].join(' '));
  }
})().catch((e) => { console.error(e); process.exit(1); });
