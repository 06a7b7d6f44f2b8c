// Function and class definitions. Decorators live on the enclosing `decorated_definition`.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { lineIndentAt, rangeOf } from '../ranges.js';
import { codeChildren, isExtra } from '../tree-utils.js';
import type { PyClass, PyFunction, PyStatement, SourceRange } from '../types.js';
import { docstringNode, docstringOf } from './docstrings.js';
import { dropUndefined, extractParams } from './params.js';

export interface Scope {
  kind: 'function' | 'class';
  name: string;
  qualifiedName: string;
}

/** CPython's __qualname__: functions contribute `name.<locals>`, classes `name`. */
export function qualify(scopes: readonly Scope[], name: string): string {
  const parent = scopes[scopes.length - 1];
  if (!parent) return name;
  return parent.kind === 'function' ? `${parent.qualifiedName}.<locals>.${name}` : `${parent.qualifiedName}.${name}`;
}

function decoratorsOf(def: Node): { decorators: string[]; definition: SourceRange } {
  const parent = def.parent;
  if (parent?.type !== 'decorated_definition') return { decorators: [], definition: rangeOf(def) };
  const decorators = parent.namedChildren
    .filter((c) => c.type === 'decorator')
    .map((c) => c.text.replace(/^@\s*/, ''));
  return { decorators, definition: rangeOf(parent) };
}

function typeParametersOf(def: Node): string[] {
  const tp = def.childForFieldName('type_parameters');
  return tp ? codeChildren(tp).map((c) => c.text) : [];
}

/** Statements of a block, comments excluded. */
export function blockStatements(block: Node | null): PyStatement[] {
  if (!block) return [];
  return block.namedChildren
    .filter((c) => !isExtra(c))
    .map((c) => ({ type: c.type, text: c.text, range: rangeOf(c) }));
}

function bodyIndentOf(source: string, def: Node, statements: PyStatement[], colonRow: number): string {
  const first = statements[0];
  if (first && first.range.startLine - 1 > colonRow) return lineIndentAt(source, first.range.startIndex);
  // One-line body (`def f(): pass`): the indentation a body on its own line would take.
  return lineIndentAt(source, def.startIndex) + '    ';
}

export function extractFunction(source: string, def: Node, scopes: readonly Scope[]): PyFunction {
  const name = def.childForFieldName('name')?.text ?? '';
  const enclosing = scopes[scopes.length - 1];
  const body = def.childForFieldName('body');
  const colon = body?.previousSibling ?? def.lastChild ?? def;
  const { decorators, definition } = decoratorsOf(def);
  const statements = blockStatements(body);
  const doc = docstringNode(body);
  const signature = rangeOf(def);
  const colonRange = rangeOf(colon);
  const typeParameters = typeParametersOf(def);
  return dropUndefined<PyFunction>({
    name,
    qualifiedName: qualify(scopes, name),
    className: enclosing?.kind === 'class' ? enclosing.name : undefined,
    isAsync: def.firstChild?.type === 'async',
    isMethod: enclosing?.kind === 'class',
    decorators,
    params: extractParams(def.childForFieldName('parameters')),
    returnAnnotation: def.childForFieldName('return_type')?.text,
    docstring: doc ? docstringOf(doc) : undefined,
    signature: { ...signature, endLine: colonRange.endLine, endColumn: colonRange.endColumn, endIndex: colonRange.endIndex },
    definition,
    body: body ? rangeOf(body) : { ...colonRange, startLine: colonRange.endLine, startColumn: colonRange.endColumn, startIndex: colonRange.endIndex },
    bodyIndent: bodyIndentOf(source, def, statements, colon.endPosition.row),
    statements,
    ...(typeParameters.length > 0 ? { typeParameters } : {}),
  });
}

export function extractClass(def: Node, scopes: readonly Scope[]): PyClass {
  const body = def.childForFieldName('body');
  const superclasses = def.childForFieldName('superclasses');
  const { decorators, definition } = decoratorsOf(def);
  const doc = docstringNode(body);
  const methods: string[] = [];
  for (const stmt of body?.namedChildren ?? []) {
    const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (fn?.type === 'function_definition') methods.push(fn.childForFieldName('name')?.text ?? '');
  }
  const args = superclasses ? codeChildren(superclasses) : [];
  const name = def.childForFieldName('name')?.text ?? '';
  return dropUndefined<PyClass>({
    name,
    qualifiedName: qualify(scopes, name),
    bases: args.filter((a) => a.type !== 'keyword_argument').map((a) => a.text),
    keywords: args
      .filter((a) => a.type === 'keyword_argument')
      .map((a) => ({ name: a.childForFieldName('name')?.text ?? '', value: a.childForFieldName('value')?.text ?? '' })),
    decorators,
    docstring: doc ? docstringOf(doc) : undefined,
    definition,
    body: body ? rangeOf(body) : rangeOf(def),
    methods,
    typeParameters: typeParametersOf(def),
  });
}
