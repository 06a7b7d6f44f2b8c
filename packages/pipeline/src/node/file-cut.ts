// Where a large node file is cut into two parts that two threads parse at once, and the text each part
// is parsed as. Every part is parsed with what precedes it blanked (each character but line breaks
// made a space), so every line, column and offset it reports is the file's own.
//
// A cut is made at a line that begins a definition or decorator: at column 0 (a top-level one), or
// indented inside a top-level class whose one-line `class …:` header is the last column-0 code line
// before it — the second part is then parsed under that header line, kept in place. Such a line
// begins a statement unless an earlier line opened a string or brackets around it, and then the first
// part does not parse on its own; for a cut inside a class the first part must also hold that class.
// So when both parts parse (and the class is there), the cut was a statement boundary and the parts'
// facts are the file's; otherwise the caller reads the file whole.

export interface Cut {
  /** where the second part starts */
  at: number;
  /** for a cut inside a top-level class: [start, end) of the class's header line */
  header?: readonly [number, number];
}

/** The first line at or after `from` where the file can be cut, if any. */
export function cutNear(source: string, from: number): Cut | undefined {
  for (let nl = source.indexOf('\n', from); nl >= 0 && nl + 1 < source.length; nl = source.indexOf('\n', nl + 1)) {
    const at = nl + 1;
    let code = at;
    while (source.charCodeAt(code) === 32 || source.charCodeAt(code) === 9) code++;
    if (!beginsDefinition(source, code)) continue;
    if (code === at) return { at };
    const header = classHeaderAbove(source, at);
    if (header) return { at, header };
  }
  return undefined;
}

function beginsDefinition(source: string, i: number): boolean {
  return source.startsWith('def ', i) || source.startsWith('async def ', i) || source.startsWith('class ', i) || source.charCodeAt(i) === 64; // @
}

/** The last column-0 code line before `at` (blank, comment and indented lines skipped), if it is a one-line class header. */
function classHeaderAbove(source: string, at: number): [number, number] | undefined {
  for (let end = at - 1; end > 0; ) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const text = source.slice(start, end).trimEnd();
    const first = text.charCodeAt(0);
    if (text === '' || first === 32 || first === 9 || first === 12 || first === 35) {
      end = start - 1;
      continue;
    }
    return text.startsWith('class ') && text.endsWith(':') ? [start, start + text.length] : undefined;
  }
  return undefined;
}

/** The text a part is parsed as: blanks up to its start (the class header line kept), then the part. */
export function partText(source: string, part: readonly [number, number], header?: readonly [number, number]): string {
  const blank = (from: number, to: number): string => source.slice(from, to).replace(/[^\r\n]/g, ' ');
  const [start, end] = part;
  if (start === 0) return source.slice(0, end);
  if (!header) return blank(0, start) + source.slice(start, end);
  return blank(0, header[0]) + source.slice(header[0], header[1]) + blank(header[1], start) + source.slice(start, end);
}
