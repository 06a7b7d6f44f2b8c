// Import statements the model added at the top level of the returned code are reported and
// removed: the orchestrator decides whether the node file needs them.
import type { ParsedModule } from '../parser/types.js';

export function stripTopLevelImports(module: ParsedModule): { code: string; imports: string[] } {
  const top = module.imports.filter((i) => i.range.startColumn === 1);
  if (top.length === 0) return { code: module.source, imports: [] };
  const drop = new Set<number>();
  for (const imp of top) for (let l = imp.range.startLine; l <= imp.range.endLine; l++) drop.add(l);
  const code = module.source
    .split('\n')
    .filter((_, i) => !drop.has(i + 1))
    .join('\n')
    .replace(/^\n+/, '');
  return { code, imports: top.map((i) => i.text) };
}
