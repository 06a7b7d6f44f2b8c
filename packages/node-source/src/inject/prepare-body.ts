// Turns generated code (a method body, any indentation) into the text that replaces a stub body:
// dedented, its own docstring dropped (the stub's is kept), re-indented to the method's indentation.
// The body is parsed once with the validator's fragment API, which reports strings and the docstring in
// the body's own lines; lines that continue a multi-line string literal are left exactly as written:
// re-indenting them would change the string's value.
import type { PythonParser } from '@onexgen/response-validator';

export interface PreparedBody {
  /** lines without the method indentation; `verbatim` lines continue a multi-line string */
  lines: { text: string; verbatim: boolean }[];
}

export function prepareBody(parser: PythonParser, code: string, options: { dropDocstring: boolean }): PreparedBody {
  const raw = code.replace(/\r\n/g, '\n').replace(/\s+$/, '').split('\n');
  while (raw.length > 0 && raw[0]!.trim() === '') raw.shift();
  const fragment = parser.parseFragment(raw.join('\n'));
  // fragment lines are 1-based: raw index = line - 1
  const verbatim = new Set<number>();
  const drop = new Set<number>();
  for (const s of fragment.strings) {
    for (let line = s.range.startLine + 1; line <= s.range.endLine; line++) verbatim.add(line - 1);
    // the fragment's docstring: a string statement that opens the body
    if (options.dropDocstring && s.isDocstring && s.range.startLine === 1) {
      for (let line = s.range.startLine; line <= s.range.endLine; line++) drop.add(line - 1);
    }
  }
  let cut = Number.POSITIVE_INFINITY;
  raw.forEach((l, i) => {
    if (l.trim() !== '' && !verbatim.has(i)) cut = Math.min(cut, /^[ \t]*/.exec(l)![0].length);
  });
  if (!Number.isFinite(cut)) cut = 0;
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
