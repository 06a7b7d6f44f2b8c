// A body was asked for but the model returned a whole `def` (or a whole class around it):
// keep only the method's body. Docstring rule (explicit, option `docstring`): 'drop' (default)
// removes the returned docstring because the stub being filled already carries its own;
// 'keep' leaves it as the body's first statement.
import type { ParsedModule, PyFunction } from '../parser/types.js';
import { dedent } from './normalize.js';
import { uncovered } from './choose-blocks.js';

export interface Reduction {
  code: string;
  reducedFrom: 'class' | 'function';
  warnings: string[];
}

export function reduceToBody(module: ParsedModule, opts: { methodName?: string; docstring: 'keep' | 'drop' }): Reduction | undefined {
  if (!module.syntaxValid) return undefined;
  const topFunctions = module.functions.filter((f) => f.definition.startColumn === 1 && !f.className);
  const topClasses = module.classes.filter((c) => c.definition.startColumn === 1);
  if (topFunctions.length + topClasses.length !== 1) return undefined;
  const def = topFunctions[0]?.definition ?? topClasses[0]!.definition;
  // Only imports and comments may stand beside the definition; anything else means real module code.
  const covered = [def, ...module.imports.map((i) => i.range), ...module.comments.map((c) => c.range)];
  if (uncovered(module.source, covered).trim() !== '') return undefined;

  const warnings: string[] = [];
  let fn: PyFunction | undefined = topFunctions[0];
  let reducedFrom: Reduction['reducedFrom'] = 'function';
  if (!fn) {
    const cls = topClasses[0]!;
    reducedFrom = 'class';
    fn = pickMethod(module.functions.filter((f) => f.className === cls.name && f.qualifiedName === `${cls.name}.${f.name}`), opts.methodName);
    if (!fn) {
      warnings.push(`the answer is a whole class ${cls.name} and no single method in it could be taken as the body`);
      return { code: module.source, reducedFrom, warnings };
    }
    warnings.push(`the answer is a whole class ${cls.name}: reduced to the body of ${fn.name}`);
  } else {
    if (opts.methodName && fn.name !== opts.methodName) warnings.push(`the returned function is named ${fn.name}, expected ${opts.methodName}`);
    warnings.push(`the answer is a whole definition of ${fn.name}: reduced to its body`);
  }
  return { code: bodyText(module.source, fn, opts.docstring, warnings), reducedFrom, warnings };
}

function pickMethod(methods: PyFunction[], methodName?: string): PyFunction | undefined {
  if (methodName) {
    const named = methods.find((m) => m.name === methodName);
    if (named) return named;
  }
  const candidates = methods.filter((m) => !(m.name.startsWith('__') && m.name.endsWith('__')));
  if (candidates.length === 1) return candidates[0];
  const asyncOnes = candidates.filter((m) => m.isAsync);
  return asyncOnes.length === 1 ? asyncOnes[0] : undefined;
}

function bodyText(source: string, fn: PyFunction, docstring: 'keep' | 'drop', warnings: string[]): string {
  if (fn.body.startLine === fn.signature.endLine) {
    // `def f(): return x` — the body shares the signature's line
    return source.slice(fn.body.startIndex, fn.body.endIndex).trim();
  }
  const lines = source.split('\n');
  const skip = new Set<number>();
  if (fn.docstring && docstring === 'drop') {
    for (let l = fn.docstring.range.startLine; l <= fn.docstring.range.endLine; l++) skip.add(l);
    warnings.push("dropped the returned docstring (docstring rule: 'drop'; the stub keeps its own)");
  }
  const kept: string[] = [];
  for (let l = fn.signature.endLine + 1; l <= fn.body.endLine; l++) if (!skip.has(l)) kept.push(lines[l - 1] ?? '');
  const body = dedent(kept.join('\n')).replace(/^\n+|\s+$/g, '');
  if (body === '') {
    warnings.push('the returned definition has no statement besides its docstring');
    return 'pass';
  }
  return body;
}
