// A parsed method body laid out to replace a stub body: its common indentation removed and its
// leading docstring dropped on request. The parse says which lines continue a multi-line string
// literal; those are kept exactly as written (re-indenting them would change the string's value)
// and do not count towards the common indentation.
import type { FragmentBodyLine, FragmentBodyOptions, ParsedFragment } from './types.js';

/** The body's lines from its first non-blank one, in the fragment's own order. */
export function fragmentBody(fragment: ParsedFragment, options: FragmentBodyOptions = {}): FragmentBodyLine[] {
  const raw = fragment.source.split('\n');
  // fragment lines are 1-based: raw index = line - 1
  const verbatim = new Set<number>();
  const drop = new Set<number>();
  for (const s of fragment.strings) {
    for (let line = s.range.startLine + 1; line <= s.range.endLine; line++) verbatim.add(line - 1);
    if (options.dropDocstring && s.isDocstring && isOpeningStatement(raw, s.range.startLine - 1)) {
      for (let line = s.range.startLine; line <= s.range.endLine; line++) drop.add(line - 1);
    }
  }
  let cut = Number.POSITIVE_INFINITY;
  raw.forEach((line, i) => {
    if (line.trim() !== '' && !verbatim.has(i)) cut = Math.min(cut, /^[ \t]*/.exec(line)![0].length);
  });
  if (!Number.isFinite(cut)) cut = 0;
  const lines: FragmentBodyLine[] = [];
  raw.forEach((line, i) => {
    if (drop.has(i)) return;
    const text = verbatim.has(i) ? line : line.trim() === '' ? '' : line.slice(cut);
    if (lines.length === 0 && text.trim() === '') return;
    lines.push({ text, verbatim: verbatim.has(i) });
  });
  return lines;
}

/** whether only blank lines come before line `index` (the docstring opens the body) */
function isOpeningStatement(raw: readonly string[], index: number): boolean {
  for (let i = 0; i < index; i++) if (raw[i]!.trim() !== '') return false;
  return true;
}
