// Dev helper: print the tree-sitter tree of each argument as an s-expression (anonymous tokens quoted).
//   node tools/print-tree.mjs $'x = f(1)\n'   or   echo '["src"]' | node tools/print-tree.mjs -
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
const require = createRequire(import.meta.url);
await Parser.init();
const p = new Parser();
p.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
function sx(n) {
  const kids = n.children.map((c) => sx(c));
  const label = n.isNamed ? n.type : JSON.stringify(n.type);
  if (!n.isNamed) return label;
  return kids.length ? `(${label} ${kids.join(' ')})` : (['identifier','integer','float','string_content'].includes(n.type) ? `${label}:${n.text}` : label);
}
const srcs = process.argv[2] === '-' ? JSON.parse(readFileSync(0, 'utf8')) : process.argv.slice(2);
for (const s of srcs) { const t = p.parse(s); console.log(JSON.stringify(s), '=>', sx(t.rootNode)); t.delete(); }
