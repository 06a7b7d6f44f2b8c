// Picks the code out of several fenced blocks, by a stated rule (reported in warnings):
//  1. Only blocks labelled as Python count; unlabelled blocks count when no block is labelled Python.
//  2. If a method name is known and exactly one block defines it, that block is chosen.
//  3. Blocks made only of import statements are merged in front of the chosen block.
//  4. Otherwise the longest block (non-blank lines; first on ties) is chosen.
import type { PythonParser } from '../parser/types.js';
import type { ExtractionMethod } from '../validation/validation-types.js';
import { type FencedBlock, isPythonLang } from './fences.js';

export interface ChosenCode {
  code: string;
  method: ExtractionMethod;
  warnings: string[];
}

export function chooseBlocks(blocks: FencedBlock[], parser: PythonParser | undefined, methodName?: string): ChosenCode | undefined {
  const python = blocks.filter((b) => isPythonLang(b.lang));
  const candidates = python.length ? python : blocks.filter((b) => b.lang === '');
  const skipped = blocks.length - candidates.length;
  const warnings: string[] = [];
  if (skipped) warnings.push(`ignored ${skipped} fenced block(s) not labelled as Python`);
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) {
    const only = candidates[0] as FencedBlock;
    if (!only.terminated) warnings.push('the answer ends inside an unterminated fence (truncated answer?)');
    return { code: only.content, method: only.terminated ? 'fenced' : 'unterminated-fence', warnings };
  }

  const lines = (b: FencedBlock) => b.content.split('\n').filter((l) => l.trim() !== '').length;
  let chosen: FencedBlock | undefined;
  let importOnly: FencedBlock[] = [];
  if (parser) {
    const parsed = candidates.map((b) => parser.parse(b.content));
    importOnly = candidates.filter((_, i) => isImportOnly(parsed[i]!));
    if (methodName) {
      const defining = candidates.filter((_, i) => parsed[i]!.functions.some((f) => f.name === methodName));
      if (defining.length === 1) {
        chosen = defining[0];
        warnings.push(`${candidates.length} Python blocks: chose the one (line ${chosen!.openLine}) that defines ${methodName}`);
      }
    }
  }
  const rest = candidates.filter((b) => !importOnly.includes(b));
  if (!chosen) {
    const pool = rest.length ? rest : candidates;
    chosen = pool.reduce((best, b) => (lines(b) > lines(best) ? b : best));
    warnings.push(`${candidates.length} Python blocks: chose the longest (line ${chosen.openLine}), ignored the others`);
  }
  const merged = importOnly.filter((b) => b !== chosen);
  if (merged.length) {
    warnings.push(`merged ${merged.length} import-only block(s) in front of the chosen block`);
    return { code: [...merged, chosen].map((b) => b.content).join('\n'), method: 'fenced-multiple-merged', warnings };
  }
  return { code: chosen.content, method: 'fenced-multiple-chosen', warnings };
}

function isImportOnly(module: ReturnType<PythonParser['parse']>): boolean {
  if (!module.syntaxValid || module.imports.length === 0) return false;
  if (module.functions.length || module.classes.length || module.calls.length) return false;
  // every non-blank, non-comment character belongs to an import statement
  return uncovered(module.source, [...module.imports.map((i) => i.range), ...module.comments.map((c) => c.range)]).trim() === '';
}

/** The source with the given ranges blanked out. */
export function uncovered(source: string, ranges: { startIndex: number; endIndex: number }[]): string {
  const sorted = [...ranges].sort((a, b) => a.startIndex - b.startIndex);
  let out = '';
  let pos = 0;
  for (const r of sorted) {
    if (r.startIndex > pos) out += source.slice(pos, r.startIndex);
    pos = Math.max(pos, r.endIndex);
  }
  return out + source.slice(pos);
}
