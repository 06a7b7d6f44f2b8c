// Text-level clean-up of an LLM answer before any code is looked for: line endings, a BOM, and
// reasoning blocks (<think>…</think>, emitted by reasoning models such as GLM-4.5), which are
// never code even when they contain fences.

const REASONING_TAGS = ['think', 'thinking', 'reasoning'];

export interface NormalizedAnswer {
  text: string;
  warnings: string[];
}

export function normalizeAnswer(answer: string): NormalizedAnswer {
  const warnings: string[] = [];
  let text = answer.replace(/^\uFEFF/, '');
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    warnings.push('converted CRLF/CR line endings to LF');
  }
  for (const tag of REASONING_TAGS) text = removeReasoning(text, tag, warnings);
  return { text, warnings };
}

function removeReasoning(text: string, tag: string, warnings: string[]): string {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  let out = text;
  for (;;) {
    const start = out.toLowerCase().indexOf(open);
    if (start < 0) return out;
    const end = out.toLowerCase().indexOf(close, start + open.length);
    if (end < 0) {
      // An unclosed reasoning block: the model was cut off while thinking; nothing after it is code.
      warnings.push(`<${tag}> block never closed: its text was ignored`);
      return out.slice(0, start);
    }
    warnings.push(`ignored a <${tag}> reasoning block`);
    out = out.slice(0, start) + out.slice(end + close.length);
  }
}

/** Leading tabs become 4 spaces each: ONEX files indent with spaces and mixing them is a TabError. */
export function expandLeadingTabs(code: string, warnings: string[]): string {
  let changed = false;
  const lines = code.split('\n').map((line) => {
    let i = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    const indent = line.slice(0, i);
    if (!indent.includes('\t')) return line;
    changed = true;
    return indent.replace(/\t/g, '    ') + line.slice(i);
  });
  if (changed) warnings.push('expanded tab indentation to 4 spaces');
  return lines.join('\n');
}

/** textwrap.dedent: removes the whitespace prefix common to every non-blank line. */
export function dedent(code: string): string {
  const lines = code.split('\n');
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = line.slice(0, line.length - line.trimStart().length);
    if (common === undefined || !indent.startsWith(common)) {
      let k = 0;
      const base: string = common ?? indent;
      while (k < base.length && k < indent.length && base[k] === indent[k]) k++;
      common = base.slice(0, k);
    }
  }
  if (!common) return code;
  const width = common.length;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(width))).join('\n');
}

/** Trims blank lines at both ends and trailing spaces on each line. */
export function trimBlankEdges(code: string): string {
  const lines = code.split('\n').map((l) => l.replace(/[ \t]+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
