// Counts the Python parses the pipeline makes and the characters they read, by caller (the source
// file that asked, from the stack), so a benchmark can say what parsing a method costs in work rather
// than in seconds (counts do not move with the machine's load). Every parse of the validator's
// parser goes through withSyntaxTree or withTree; both are patched on the parser's class in this
// process only, and `stop()` restores them. Runs under tsx (the class is imported from the sources).
import { WasmPythonParser } from '../../packages/response-validator/src/parser/tree-sitter-python-parser.ts';

/** The first source file on the stack outside the parser's own and this one (the caller's file). */
function caller() {
  const lines = (new Error().stack ?? '').split('\n').slice(2);
  for (const line of lines) {
    const file = /\(?([^()\s]+?\.(?:ts|mjs|js)):\d+:\d+\)?$/.exec(line)?.[1];
    if (!file || file.includes('/src/parser/') || file.endsWith('parse-census.mjs')) continue;
    return file.split('/').slice(-2).join('/');
  }
  return '(unknown)';
}

export function startParseCensus() {
  const base = WasmPythonParser.prototype;
  const original = { withSyntaxTree: base.withSyntaxTree, withTree: base.withTree };
  const byCaller = new Map();
  const counted = (method) =>
    function (source, fn) {
      const who = caller();
      const row = byCaller.get(who) ?? { parses: 0, chars: 0 };
      row.parses += 1;
      row.chars += typeof source === 'string' ? source.length : 0;
      byCaller.set(who, row);
      return method.call(this, source, fn);
    };
  base.withSyntaxTree = counted(original.withSyntaxTree);
  base.withTree = counted(original.withTree);
  return {
    stop() {
      Object.assign(base, original);
      return [...byCaller].map(([caller, r]) => ({ caller, ...r })).sort((a, b) => b.chars - a.chars);
    },
  };
}
