// `import a.b as c, d`, `from .x import (y as z, w)`, `from m import *`, `from __future__ import x`.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { rangeOf } from '../ranges.js';
import type { PyImport } from '../types.js';

type ImportedName = PyImport['names'][number];

function importedName(node: Node): ImportedName {
  if (node.type === 'aliased_import') {
    return { name: node.childForFieldName('name')?.text ?? '', alias: node.childForFieldName('alias')?.text ?? '' };
  }
  return { name: node.text };
}

/** `import a, b as c` yields one PyImport per module; `from` forms yield one with all names. */
export function extractImports(node: Node): PyImport[] {
  const text = node.text;
  const range = rangeOf(node);
  if (node.type === 'import_statement') {
    return node
      .childrenForFieldName('name')
      .map((n) => importedName(n))
      .map((n) => ({ kind: 'import' as const, module: n.name, names: [n], text, range }));
  }
  const module = node.type === 'future_import_statement' ? '__future__' : (node.childForFieldName('module_name')?.text ?? '');
  const names = node.namedChildren.some((c) => c.type === 'wildcard_import')
    ? [{ name: '*' }]
    : node.childrenForFieldName('name').map((n) => importedName(n));
  return [{ kind: 'from', module, names, text, range }];
}
