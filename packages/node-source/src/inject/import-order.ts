// The module's leading import block in the order isort (profile black) and ruff's `I` rules give it
// by default: sections future, standard library, third party, first party, local (relative), one
// blank line apart; in each, `import x` lines before `from x import y` lines, modules compared
// case-insensitively; names of a `from` import merged per module (an `as` import stays on its own
// line) and ordered CONSTANTS, Classes, then the rest, case-insensitively; lines longer than 88
// characters wrapped in parentheses, one name a line with a trailing comma. Imports are read from
// the parser's import nodes, never from the text.
import type { ParsedModule, PyImport, PythonParser } from '@onexgen/response-validator';
import { lineEndingOf } from './lines.js';
import { STDLIB_MODULES } from './stdlib-modules.js';

export type ImportSection = 'future' | 'stdlib' | 'thirdparty' | 'firstparty' | 'local';
const SECTION_ORDER: readonly ImportSection[] = ['future', 'stdlib', 'thirdparty', 'firstparty', 'local'];
const LINE_LENGTH = 88;

export interface ImportOrderOptions {
  /** top-level packages of the project itself (isort's known_first_party); default none */
  firstParty?: readonly string[];
}

export function sectionOf(module: string, options: ImportOrderOptions = {}): ImportSection {
  if (module.startsWith('.')) return 'local';
  const top = module.split('.')[0]!;
  if (top === '__future__') return 'future';
  if (STDLIB_MODULES.has(top)) return 'stdlib';
  return options.firstParty?.includes(top) ? 'firstparty' : 'thirdparty';
}

interface Line {
  section: ImportSection;
  kind: 'import' | 'from';
  module: string;
  /** for `import a as b` and `from m import x as y`: kept on a line of its own */
  names: { name: string; alias?: string }[];
}

const lower = (s: string): string => s.toLowerCase();
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** isort's order_by_type: CONSTANTS, then Classes, then functions and variables. */
function nameKey(name: string): [number, string] {
  const rank = name.length > 1 && name === name.toUpperCase() && /[A-Z]/.test(name) ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return [rank, lower(name)];
}
const byName = (a: { name: string }, b: { name: string }): number => {
  const [ra, na] = nameKey(a.name);
  const [rb, nb] = nameKey(b.name);
  return ra - rb || cmp(na, nb) || cmp(a.name, b.name);
};

/** Splits and merges the statements into the lines isort writes. */
function linesOf(imports: readonly PyImport[], options: ImportOrderOptions): Line[] {
  const out: Line[] = [];
  const plainFrom = new Map<string, Line>();
  const seen = new Set<string>();
  for (const imp of imports) {
    const section = sectionOf(imp.module, options);
    if (imp.kind === 'import') {
      // `import a, b` becomes one line per module, each once
      for (const n of imp.names) {
        const key = `import ${n.name} as ${n.alias ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ section, kind: 'import', module: n.name, names: [n] });
      }
      continue;
    }
    for (const n of imp.names) {
      if (n.alias) {
        const key = `from ${imp.module} import ${n.name} as ${n.alias}`;
        if (!seen.has(key)) out.push({ section, kind: 'from', module: imp.module, names: [n] });
        seen.add(key);
        continue;
      }
      const merged = plainFrom.get(imp.module);
      if (merged) {
        if (!merged.names.some((m) => m.name === n.name && !m.alias)) merged.names.push(n);
      } else {
        const line: Line = { section, kind: 'from', module: imp.module, names: [n] };
        plainFrom.set(imp.module, line);
        out.push(line);
      }
    }
  }
  return out;
}

function render(line: Line, eol: string): string {
  const names = [...line.names].sort(byName).map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name));
  if (line.kind === 'import') return `import ${names[0]}`;
  const flat = `from ${line.module} import ${names.join(', ')}`;
  if (flat.length <= LINE_LENGTH) return flat;
  return [`from ${line.module} import (`, ...names.map((n) => `    ${n},`), ')'].join(eol);
}

function lineOrder(a: Line, b: Line): number {
  return (
    SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section) ||
    Number(a.kind === 'from') - Number(b.kind === 'from') ||
    // relative imports: isort puts the farther ones (more dots) first
    (a.section === 'local' ? b.module.length - b.module.replace(/^\.+/, '').length - (a.module.length - a.module.replace(/^\.+/, '').length) : 0) ||
    cmp(lower(a.module), lower(b.module)) ||
    cmp(a.module, b.module) ||
    Number(Boolean(a.names[0]!.alias)) - Number(Boolean(b.names[0]!.alias)) ||
    byName(a.names[0]!, b.names[0]!)
  );
}

/** The sorted text of these imports: sections one blank line apart, no trailing newline. */
export function renderImports(imports: readonly PyImport[], eol = '\n', options: ImportOrderOptions = {}): string {
  const lines = linesOf(imports, options).sort(lineOrder);
  const parts: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (i > 0 && lines[i - 1]!.section !== line.section) parts.push('');
    parts.push(render(line, eol));
  }
  return parts.join(eol);
}

export interface ImportBlock {
  /** offsets of the block's text in the source: from its first import to the end of its last */
  start: number;
  end: number;
  imports: PyImport[];
}

/**
 * The leading run of top-level import statements with only blank lines between them (a comment or
 * any code between two imports ends the run: what it says about the lines around it is kept).
 */
export function leadingImportBlock(module: ParsedModule): ImportBlock | undefined {
  const topLevel = module.imports.filter((i) => i.range.startColumn === 1).sort((a, b) => a.range.startIndex - b.range.startIndex);
  const first = topLevel[0];
  if (!first) return undefined;
  const run = [first];
  for (const imp of topLevel.slice(1)) {
    const gap = module.source.slice(run.at(-1)!.range.endIndex, imp.range.startIndex);
    if (gap.trim() !== '' || gap.includes('#')) break;
    run.push(imp);
  }
  return { start: first.range.startIndex, end: run.at(-1)!.range.endIndex, imports: run };
}

/** True when the leading import block is already exactly as isort would write it. */
export function importsSorted(module: ParsedModule, options: ImportOrderOptions = {}): boolean {
  const block = leadingImportBlock(module);
  if (!block) return true;
  const eol = lineEndingOf(module.source);
  return module.source.slice(block.start, block.end) === renderImports(block.imports, eol, options);
}

/** Rewrites the leading import block in isort's order; everything else byte for byte the same. */
export function sortImports(parser: PythonParser, source: string, options: ImportOrderOptions = {}): { source: string; changed: boolean } {
  return sortImportsIn(source, parser.parse(source), options);
}

/** {@link sortImports} with the module's imports already parsed (`module` holds at least the leading import block of `source`). */
export function sortImportsIn(source: string, module: ParsedModule, options: ImportOrderOptions = {}): { source: string; changed: boolean } {
  const block = leadingImportBlock(module);
  if (!block) return { source, changed: false };
  const sorted = renderImports(block.imports, lineEndingOf(source), options);
  const before = source.slice(block.start, block.end);
  if (sorted === before) return { source, changed: false };
  return { source: source.slice(0, block.start) + sorted + source.slice(block.end), changed: true };
}
