// One pass over the nodes that matter that fills every ParsedModule collection, keeping the stack
// of enclosing functions/classes so qualified names and a call's enclosing function come for free.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import type { LayoutFacts } from '../syntax/layout.js';
import type { ParsedModule } from '../types.js';
import { extractCall } from './calls.js';
import { extractClass, extractFunction, qualify, type Scope } from './definitions.js';
import { docstringNode } from './docstrings.js';
import { extractImports } from './imports.js';
import { extractComment, extractString } from './strings.js';

export type Extraction = Pick<ParsedModule, 'functions' | 'classes' | 'imports' | 'calls' | 'strings' | 'comments'>;

/** Nodes that may begin a logical line besides the statements of a module or block. */
const LINE_STARTERS = new Set([
  'else_clause', 'elif_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'case_clause',
  'decorator', 'function_definition', 'class_definition',
]);
/** Node types whose keyword token has the same name (`await` the expression, `await` the word). */
const KEYWORD_TWINS = new Set(['await', 'yield', 'lambda']);
const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

export interface WalkResult {
  extraction: Extraction;
  layout: LayoutFacts;
  /** nodes the syntax checks look at, by type (valid until the tree is deleted) */
  nodes: Map<string, Node[]>;
}

const EXTRACTED_TYPES = ['function_definition', 'class_definition', 'call', 'string', 'comment', 'block', ...IMPORT_TYPES, ...LINE_STARTERS];

/**
 * tree-sitter collects the wanted nodes in one call (document order); scopes and outermost
 * strings follow from their index ranges, so no Node objects are made for the rest of the tree.
 */
export function extractAll(source: string, root: Node, collectTypes: ReadonlySet<string> = new Set()): WalkResult {
  const out: Extraction = { functions: [], classes: [], imports: [], calls: [], strings: [], comments: [] };
  const layout: LayoutFacts = { stringSpans: [], lineStarters: new Set() };
  const nodes = new Map<string, Node[]>();
  const docstringStarts = new Set<number>();
  const scopes: Scope[] = [];
  const scopeEnds: number[] = [];
  let stringEnd = -1;
  const markDocstring = (block: Node | null): void => {
    const doc = docstringNode(block);
    if (!doc) return;
    if (doc.type === 'string') docstringStarts.add(doc.startIndex);
    else for (const part of doc.namedChildren) docstringStarts.add(part.startIndex);
  };
  const markStatements = (block: Node): void => {
    for (const statement of block.namedChildren) layout.lineStarters.add(statement.startIndex);
  };
  const enclosingFunction = (): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.kind === 'function') return scopes[i]!.qualifiedName;
    return undefined;
  };

  markDocstring(root);
  markStatements(root);
  if (collectTypes.has('module')) nodes.set('module', [root]);
  const wanted = [...new Set([...EXTRACTED_TYPES, ...collectTypes])];
  for (const node of root.descendantsOfType(wanted)) {
    const type = node.type;
    const start = node.startIndex;
    while (scopeEnds.length > 0 && start >= scopeEnds[scopeEnds.length - 1]!) {
      scopeEnds.pop();
      scopes.pop();
    }
    if (LINE_STARTERS.has(type)) layout.lineStarters.add(start);
    if (KEYWORD_TWINS.has(type) && !node.isNamed) continue;
    if (collectTypes.has(type)) {
      const list = nodes.get(type);
      if (list) list.push(node);
      else nodes.set(type, [node]);
    }
    switch (type) {
      case 'function_definition': {
        const fn = extractFunction(source, node, scopes);
        out.functions.push(fn);
        markDocstring(node.childForFieldName('body'));
        scopes.push({ kind: 'function', name: fn.name, qualifiedName: fn.qualifiedName });
        scopeEnds.push(node.endIndex);
        break;
      }
      case 'class_definition': {
        const cls = extractClass(node, scopes);
        out.classes.push(cls);
        markDocstring(node.childForFieldName('body'));
        scopes.push({ kind: 'class', name: cls.name, qualifiedName: cls.qualifiedName ?? qualify(scopes, cls.name) });
        scopeEnds.push(node.endIndex);
        break;
      }
      case 'block':
        markStatements(node);
        break;
      case 'call':
        out.calls.push(extractCall(node, enclosingFunction()));
        break;
      case 'string': {
        const literal = extractString(node, docstringStarts.has(start));
        out.strings.push(literal);
        if (start >= stringEnd) {
          stringEnd = literal.range.endIndex;
          layout.stringSpans.push(start, stringEnd);
        }
        break;
      }
      case 'comment':
        out.comments.push(extractComment(node));
        break;
      default:
        if (IMPORT_TYPES.has(type)) out.imports.push(...extractImports(node));
    }
  }
  return { extraction: out, layout, nodes };
}
