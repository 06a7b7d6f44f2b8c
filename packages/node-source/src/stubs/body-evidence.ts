// Reads a method body (its statements after the docstring) and says whether it is only placeholder:
// `pass`, `...`, `raise NotImplementedError`, a constant or empty result, a placeholder value assigned
// and returned, a simulated delay, log calls, and these inside a `try` whose handlers only re-raise or
// log. Anything else is code. The body is parsed with the validator's fragment API and read from its tree.
import type { PythonParser } from '@onexgen/response-validator';

/** The part of a web-tree-sitter node (or of the parser's mirror of one) this module reads. */
export interface TreeNode {
  type: string;
  text: string;
  namedChildren: (TreeNode | null)[];
  childForFieldName(name: string): TreeNode | null;
}

export interface BodyEvidence {
  /** every statement is placeholder (an empty body counts) */
  placeholder: boolean;
  /** the body is exactly one `raise NotImplementedError…` */
  onlyRaisesNotImplemented: boolean;
  /** statements (recursively through `try`) that are code */
  codeStatements: number;
  /** placeholder statements */
  placeholderStatements: number;
}

const LOG_CALLEE = /^(?:emit_log_event(?:_sync)?|print|logging\.\w+|(?:self\.)?_?log(?:ger)?\.\w+)$/;
const SIMULATED_DELAY = /^(?:asyncio\.sleep|time\.sleep)$/;

function named(node: TreeNode): TreeNode[] {
  return node.namedChildren.filter((c): c is TreeNode => c !== null && c.type !== 'comment');
}

function isNotImplementedRaise(node: TreeNode): boolean {
  const exc = named(node)[0];
  if (!exc) return false;
  const callee = exc.type === 'call' ? exc.childForFieldName('function') : exc;
  return callee?.type === 'identifier' && callee.text === 'NotImplementedError';
}

/**
 * A value a placeholder returns: a literal, an empty or literal container, a name that was assigned a
 * placeholder, or a status dictionary that echoes inputs (`{"status": "not_implemented", "op": data.get("op")}`).
 */
function isPlaceholderValue(node: TreeNode | null, placeholders: ReadonlySet<string>): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'integer':
    case 'float':
    case 'string':
    case 'concatenated_string':
    case 'true':
    case 'false':
    case 'none':
      return true;
    case 'unary_operator':
    case 'parenthesized_expression':
    case 'list':
    case 'tuple':
    case 'set':
      return named(node).every((c) => isPlaceholderValue(c, placeholders));
    case 'dictionary':
      return named(node).every((c) => c.type === 'pair' && isEcho(c.childForFieldName('value'), placeholders));
    case 'identifier':
      return placeholders.has(node.text);
    case 'call': {
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      return fn?.type === 'identifier' && ['dict', 'list', 'tuple', 'set'].includes(fn.text) && (!args || named(args).length === 0);
    }
    default:
      return false;
  }
}

/** A dictionary value that only echoes an input: a name, an attribute or item read, `x.get("key")`. */
function isEcho(node: TreeNode | null, placeholders: ReadonlySet<string>): boolean {
  if (!node) return false;
  if (isPlaceholderValue(node, placeholders)) return true;
  switch (node.type) {
    case 'identifier':
    case 'attribute':
      return true;
    case 'subscript':
      return named(node).every((c) => isEcho(c, placeholders));
    case 'call': {
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && (!args || named(args).every((a) => isPlaceholderValue(a, placeholders)));
    }
    default:
      return false;
  }
}

function isNeutralCall(expr: TreeNode): boolean {
  const call = expr.type === 'await' ? named(expr)[0] : expr;
  if (call?.type !== 'call') return false;
  const callee = call.childForFieldName('function')?.text ?? '';
  return LOG_CALLEE.test(callee) || SIMULATED_DELAY.test(callee);
}

/** Handlers that only re-raise, raise, log or pass. */
function isBoilerplateHandler(block: TreeNode | undefined): boolean {
  if (!block) return true;
  return named(block).every(
    (s) =>
      s.type === 'raise_statement' ||
      s.type === 'pass_statement' ||
      (s.type === 'expression_statement' && named(s).every((e) => isNeutralCall(e))),
  );
}

class Counter {
  code = 0;
  placeholder = 0;
  readonly assigned = new Set<string>();

  statements(nodes: readonly TreeNode[]): void {
    for (const s of nodes) this.statement(s);
  }

  private statement(s: TreeNode): void {
    if (this.isPlaceholder(s)) this.placeholder++;
    else if (s.type === 'try_statement') this.tryStatement(s);
    else this.code++;
  }

  private tryStatement(s: TreeNode): void {
    const body = s.childForFieldName('body');
    const handlers = named(s).filter((c) => c !== body);
    const handlersOk = handlers.every((h) => isBoilerplateHandler(named(h).find((c) => c.type === 'block')));
    if (!body || !handlersOk) {
      this.code++;
      return;
    }
    this.statements(named(body));
  }

  private isPlaceholder(s: TreeNode): boolean {
    switch (s.type) {
      case 'pass_statement':
        return true;
      case 'raise_statement':
        return isNotImplementedRaise(s);
      case 'return_statement':
        return isPlaceholderValue(named(s)[0] ?? null, this.assigned);
      case 'expression_statement':
        return named(s).every((e) => this.isPlaceholderExpression(e));
      default:
        return false;
    }
  }

  private isPlaceholderExpression(e: TreeNode): boolean {
    if (e.type === 'ellipsis' || e.type === 'string' || isNeutralCall(e)) return true;
    if (e.type === 'assignment') {
      const left = e.childForFieldName('left');
      if (left?.type === 'identifier' && isPlaceholderValue(e.childForFieldName('right'), this.assigned)) {
        this.assigned.add(left.text);
        return true;
      }
    }
    return false;
  }
}

/**
 * Evidence about a body given as the text of its statements (after the docstring, at any indentation).
 * An empty text (a body of comments only) is placeholder.
 */
export function bodyEvidence(parser: PythonParser, statementsText: string, isAsync: boolean): BodyEvidence {
  if (statementsText.trim() === '') return statementEvidence([]);
  return parser.withFragmentTree(statementsText, { isAsync }, (tree) => {
    const root: TreeNode = tree.rootNode;
    const fn = named(root).find((n) => n.type === 'function_definition');
    return statementEvidence(named(fn?.childForFieldName('body') ?? root));
  });
}

/** Evidence about a body given as its statements (after the docstring) in a tree already parsed: the file's own. */
export function statementEvidence(statements: readonly TreeNode[]): BodyEvidence {
  const counter = new Counter();
  counter.statements(statements);
  const only = statements.length === 1 ? statements[0] : undefined;
  return {
    placeholder: counter.code === 0,
    onlyRaisesNotImplemented: only?.type === 'raise_statement' && isNotImplementedRaise(only),
    codeStatements: counter.code,
    placeholderStatements: counter.placeholder,
  };
}
