// Tidies a Python example for a prompt: imports removed (the node file already has them and the
// generated body must not add any), common indentation removed, trailing spaces and runs of blank
// lines collapsed. Imports are located with the real parser, never with a regex over Python.
import type { PythonParser } from '@onexgen/response-validator';

export interface CleanedCode {
  code: string;
  removedImports: number;
  /**
   * true when the example is an import block (nothing defined but imports): then the imports ARE
   * the lesson (which names are in scope) and are kept
   */
  importsOnly: boolean;
}

export function cleanCode(code: string, parser?: PythonParser): CleanedCode {
  let source = code.replace(/\r\n?/g, '\n');
  let removedImports = 0;
  if (parser) {
    const parsed = parser.parse(source);
    if (parsed.imports.length > 0 && parsed.functions.length === 0 && parsed.classes.length === 0) {
      return { code: tidy(source), removedImports: 0, importsOnly: true };
    }
    // Only module-level imports (column 1); an import inside a function is part of its logic.
    const ranges = parsed.imports.filter((i) => i.range.startColumn === 1).map((i) => i.range);
    for (const r of [...ranges].sort((a, b) => b.startIndex - a.startIndex)) {
      const lineEnd = source.indexOf('\n', r.endIndex);
      source = source.slice(0, r.startIndex) + source.slice(lineEnd === -1 ? source.length : lineEnd + 1);
      removedImports += 1;
    }
  }
  return { code: tidy(source), removedImports, importsOnly: false };
}

/** Dedent, strip trailing whitespace, at most one blank line in a row, no leading/trailing blanks. */
export function tidy(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s+$/, ''));
  const indents = lines.filter((l) => l.length > 0).map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const out: string[] = [];
  for (const line of lines) {
    const l = line.slice(cut);
    if (l === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
