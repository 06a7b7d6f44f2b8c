// Function parameters from a `parameters` node, with CPython's kinds: everything before `/` is
// positional-only; everything after `*` or `*args` is keyword-only.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { codeChildren } from '../tree-utils.js';
import type { PyParam } from '../types.js';

function splatName(node: Node): string {
  return node.namedChildren.find((c) => c.type === 'identifier')?.text ?? node.text.replace(/^\*+/, '');
}

function paramOf(node: Node, afterStar: boolean): PyParam | undefined {
  const kind: PyParam['kind'] = afterStar ? 'keyword_only' : 'positional';
  switch (node.type) {
    case 'identifier':
      return { name: node.text, kind };
    case 'list_splat_pattern':
      return { name: splatName(node), kind: 'var_positional' };
    case 'dictionary_splat_pattern':
      return { name: splatName(node), kind: 'var_keyword' };
    case 'default_parameter':
      return { name: node.childForFieldName('name')?.text ?? '', kind, default: node.childForFieldName('value')?.text };
    case 'typed_parameter': {
      const inner = node.namedChildren[0];
      const annotation = node.childForFieldName('type')?.text;
      if (inner?.type === 'list_splat_pattern') return { name: splatName(inner), kind: 'var_positional', annotation };
      if (inner?.type === 'dictionary_splat_pattern') return { name: splatName(inner), kind: 'var_keyword', annotation };
      return { name: inner?.text ?? '', kind, annotation };
    }
    case 'typed_default_parameter':
      return {
        name: node.childForFieldName('name')?.text ?? '',
        kind,
        annotation: node.childForFieldName('type')?.text,
        default: node.childForFieldName('value')?.text,
      };
    default:
      return undefined;
  }
}

export function extractParams(parameters: Node | null): PyParam[] {
  if (!parameters) return [];
  const params: PyParam[] = [];
  let afterStar = false;
  for (const child of codeChildren(parameters)) {
    if (child.type === 'positional_separator') {
      for (const p of params) if (p.kind === 'positional') p.kind = 'positional_only';
      continue;
    }
    if (child.type === 'keyword_separator') {
      afterStar = true;
      continue;
    }
    const param = paramOf(child, afterStar);
    if (!param) continue;
    if (param.kind === 'var_positional') afterStar = true;
    params.push(dropUndefined(param));
  }
  return params;
}

/** Keeps the plain-data objects free of `key: undefined` (they are serialised and compared). */
export function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
