// What injecting bodies into a parsed source needs to know of that parse: its imports and its module
// docstring. A few hundred bytes for a 5 MB file, so it is kept for a run and passed between threads
// where the whole parse (tens of MB) would not be.
import type { ParsedModule, PyImport, SourceRange } from '@onexgen/response-validator';

export interface InjectionBase {
  /** the parsed source */
  source: string;
  syntaxValid: boolean;
  /** every import statement of the source, nested ones included */
  imports: PyImport[];
  /** the module docstring (a column-1 docstring before the first definition), if any */
  moduleDocstring?: SourceRange;
}

export function injectionBase(module: ParsedModule): InjectionBase {
  let firstCode = Number.POSITIVE_INFINITY;
  for (const d of [...module.functions, ...module.classes]) firstCode = Math.min(firstCode, d.definition.startLine);
  const doc = module.strings.find((s) => s.isDocstring && s.range.startColumn === 1 && s.range.startLine < firstCode);
  return { source: module.source, syntaxValid: module.syntaxValid, imports: module.imports, ...(doc ? { moduleDocstring: doc.range } : {}) };
}
