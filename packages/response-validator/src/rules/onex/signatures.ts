// Type hints on parameters and return, and a docstring on public methods. A fragment's synthetic
// wrapper is not the model's code, so it is never judged here.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule } from '../rule.js';
import { enclosingFunction, functionName } from '../tree/nodes.js';

const IMPLICIT = new Set(['self', 'cls']);

export const missingTypeHints: Rule = {
  id: 'onex/missing-type-hints',
  category: 'compliance',
  severity: 'warning',
  summary: 'parameter or return without a type hint',
  check(ctx) {
    for (const fn of ctx.nodes('function_definition')) {
      if (ctx.isWrapper(fn)) continue;
      const missing = unannotatedParams(fn);
      const name = functionName(fn);
      if (!fn.childForFieldName('return_type') && name !== '__init__') missing.push('return');
      if (missing.length) ctx.report(fn.childForFieldName('name') ?? fn, `add type hints to ${name}: ${missing.join(', ')}`);
    }
  },
};

function unannotatedParams(fn: Node): string[] {
  const out: string[] = [];
  const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
  params.forEach((p, i) => {
    if (!p) return;
    let name: string | undefined;
    if (p.type === 'identifier') name = p.text;
    else if (p.type === 'default_parameter') name = p.childForFieldName('name')?.text;
    else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') name = p.namedChildren[0]?.text;
    if (!name || (i === 0 && IMPLICIT.has(name))) return;
    out.push(name);
  });
  return out;
}

export const missingDocstring: Rule = {
  id: 'onex/missing-docstring',
  category: 'compliance',
  severity: 'warning',
  summary: 'public method without a docstring',
  check(ctx) {
    for (const fn of ctx.nodes('function_definition')) {
      const name = functionName(fn);
      if (ctx.isWrapper(fn) || name.startsWith('_')) continue;
      const outer = enclosingFunction(fn);
      if (outer && !ctx.isWrapper(outer)) continue; // helpers nested in a method are private by nature
      const first = fn.childForFieldName('body')?.namedChildren[0];
      const hasDocstring = first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string';
      if (!hasDocstring) ctx.report(fn.childForFieldName('name') ?? fn, `add a docstring to public method ${name} (what it does, its arguments, what it returns or raises)`);
    }
  },
};
