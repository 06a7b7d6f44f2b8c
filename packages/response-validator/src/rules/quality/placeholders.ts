// Work left undone: TODO/FIXME/IMPLEMENTATION REQUIRED comments, bodies that are only `pass`/`...`,
// `raise NotImplementedError`, and bare `except:`.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule } from '../rule.js';
import { calleeText, functionName, unwrap } from '../tree/nodes.js';

const MARKERS = /\b(TODO|FIXME|XXX|HACK|IMPLEMENTATION REQUIRED)\b/;

export const todoLeft: Rule = {
  id: 'quality/todo-left',
  category: 'quality',
  severity: 'warning',
  summary: 'TODO/FIXME/IMPLEMENTATION REQUIRED comment left in',
  check(ctx) {
    for (const c of ctx.nodes('comment')) {
      const marker = MARKERS.exec(c.text)?.[1];
      if (marker) ctx.report(c, `a "${marker}" comment is left in: implement what it describes and remove the comment`);
    }
  },
};

export const stubLeft: Rule = {
  id: 'quality/stub-left',
  category: 'quality',
  severity: 'error',
  summary: 'body left as pass / ... / raise NotImplementedError',
  check(ctx) {
    for (const fn of ctx.nodes('function_definition')) {
      const body = fn.childForFieldName('body');
      if (!body) continue;
      const statements = body.namedChildren.filter((s): s is Node => !!s && s.type !== 'comment');
      const code = statements.filter((s, i) => !(i === 0 && isDocstring(s)));
      const what = ctx.isWrapper(fn) ? 'the method body' : functionName(fn);
      if (code.length === 0 || code.every((s) => s.type === 'pass_statement' || isEllipsis(s))) {
        ctx.report(code[0] ?? body, `${what} is still a stub (only pass/...): write the implementation`);
      }
    }
    for (const r of ctx.nodes('raise_statement')) {
      const raised = r.namedChildren[0];
      const name = raised ? (unwrap(raised).type === 'call' ? calleeText(unwrap(raised)) : raised.text) : '';
      if (name === 'NotImplementedError') ctx.report(r, 'raise NotImplementedError is a stub left in: write the implementation');
    }
  },
};

function isDocstring(s: Node): boolean {
  return s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string';
}

function isEllipsis(s: Node): boolean {
  return s.type === 'expression_statement' && s.namedChildren[0]?.type === 'ellipsis';
}

export const bareExcept: Rule = {
  id: 'quality/bare-except',
  category: 'quality',
  severity: 'error',
  summary: 'bare except: catches SystemExit and KeyboardInterrupt too',
  check(ctx) {
    for (const clause of ctx.nodes('except_clause')) {
      if (clause.childForFieldName('value')) continue;
      ctx.report(clause, 'bare `except:` also catches KeyboardInterrupt and SystemExit: catch the specific exceptions (or `except Exception as e:` and re-raise as ModelOnexError)');
    }
  },
};
