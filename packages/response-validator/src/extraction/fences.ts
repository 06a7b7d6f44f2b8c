// Finds Markdown fenced blocks (``` and ~~~, CommonMark rules: a closing fence uses the same
// character, at least as long as the opening one, with nothing after it).

export interface FencedBlock {
  /** info string's first word, lower-cased ('' when absent) */
  lang: string;
  content: string;
  terminated: boolean;
  /** 1-based line of the opening fence in the normalized answer */
  openLine: number;
}

const OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;

export function findFencedBlocks(text: string): FencedBlock[] {
  const lines = text.split('\n');
  const blocks: FencedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = OPEN.exec(lines[i] ?? '');
    if (!open) {
      i++;
      continue;
    }
    const fence = open[1] ?? '```';
    const lang = (open[2] ?? '').toLowerCase().replace(/^\{?\.?/, '').replace(/\}$/, '');
    const body: string[] = [];
    let j = i + 1;
    let terminated = false;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      const trimmed = line.trim();
      if (trimmed.length >= fence.length && trimmed === (fence[0] ?? '`').repeat(trimmed.length) && /^ {0,3}\S/.test(line)) {
        terminated = true;
        break;
      }
      body.push(line);
    }
    blocks.push({ lang, content: body.join('\n'), terminated, openLine: i + 1 });
    i = j + 1;
  }
  return blocks;
}

const PYTHON_LANGS = new Set(['python', 'py', 'python3', 'py3', 'ipython', 'pycon', 'sage']);

export function isPythonLang(lang: string): boolean {
  return PYTHON_LANGS.has(lang);
}
