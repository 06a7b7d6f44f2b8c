// Turns generated code (a method body, any indentation) into the text that replaces a stub body.
// The layout (dedent, lines continuing a multi-line string kept as written, the body's own
// docstring dropped so the stub's is kept) is the validator's fragment API's: parser.fragmentBody.
// What is left here is the stub's side: line endings in, the method's indentation out.
import type { FragmentBodyLine, ParsedFragment, PythonParser } from '@onexgen/response-validator';

export interface PreparedBody {
  /** lines without the method indentation; `verbatim` lines continue a multi-line string */
  lines: FragmentBodyLine[];
}

/**
 * `code` as text, or already parsed as a fragment (then it is not parsed again). `parsed`: the text's
 * parse from elsewhere (the validation's), used when it read exactly the text this would parse.
 */
export function prepareBody(parser: PythonParser, code: string | ParsedFragment, options: { dropDocstring: boolean }, parsed?: ParsedFragment): PreparedBody {
  const text = typeof code === 'string' ? code.replace(/\r\n/g, '\n').replace(/\s+$/, '') : code;
  const body = typeof text === 'string' && parsed?.source === text ? parsed : text;
  let lines = parser.fragmentBody(body, options);
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
