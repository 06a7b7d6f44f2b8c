// Turns generated code (a method body, any indentation) into the text that replaces a stub body:
// dedented, its own docstring dropped (the stub's is kept), re-indented to the method's indentation.
// Lines that continue a multi-line string literal are left exactly as written: re-indenting them
// would change the string's value.
import type { PythonParser } from '@onexgen/response-validator';

const WRAPPER_NAME = '__onexgen_body__';

export interface PreparedBody {
  /** lines without the method indentation; `verbatim` lines continue a multi-line string */
  lines: { text: string; verbatim: boolean }[];
}

/** Parses the body once (wrapped in a function) to find its docstring and multi-line strings. */
export function prepareBody(parser: PythonParser, code: string, options: { dropDocstring: boolean }): PreparedBody {
  const raw = code.replace(/\r\n/g, '\n').replace(/\s+$/, '').split('\n');
  while (raw.length > 0 && raw[0]!.trim() === '') raw.shift();
  const wrapped = `async def ${WRAPPER_NAME}():\n${raw.map((l) => (l.trim() === '' ? '' : `    ${l}`)).join('\n')}\n`;
  const module = parser.parse(wrapped);
  const fn = module.functions.find((f) => f.name === WRAPPER_NAME);
  // wrapped line n + 1 holds raw line n (1-based), i.e. raw index n - 1 = wrapped line - 2
  const verbatim = new Set<number>();
  for (const s of module.strings) {
    for (let line = s.range.startLine + 1; line <= s.range.endLine; line++) verbatim.add(line - 2);
  }
  const drop = new Set<number>();
  if (options.dropDocstring && fn?.docstring) {
    for (let line = fn.docstring.range.startLine; line <= fn.docstring.range.endLine; line++) drop.add(line - 2);
  }
  const indents = raw
    .filter((l, i) => l.trim() !== '' && !verbatim.has(i))
    .map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  let lines = raw
    .map((l, i) => ({ i, text: verbatim.has(i) ? l : l.trim() === '' ? '' : l.slice(cut), verbatim: verbatim.has(i) }))
    .filter((l) => !drop.has(l.i))
    .map(({ text, verbatim: v }) => ({ text, verbatim: v }));
  while (lines.length > 0 && lines[0]!.text.trim() === '') lines.shift();
  if (lines.every((l) => l.text.trim() === '' || l.text.trim().startsWith('#'))) {
    // A body of comments only would not parse: keep it a valid (empty) body.
    lines = [...lines, { text: 'pass', verbatim: false }];
  }
  return { lines };
}

/** The body text at the method's indentation, joined with the file's line ending. */
export function indentBody(body: PreparedBody, indent: string, eol: string): string {
  return body.lines.map((l) => (l.verbatim || l.text === '' ? l.text : indent + l.text)).join(eol);
}
