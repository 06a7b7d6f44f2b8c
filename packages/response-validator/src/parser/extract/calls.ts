// Calls: callee as written, positional arguments (`*a` and `**kw` included as written) and
// keyword arguments by name.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { rangeOf } from '../ranges.js';
import { codeChildren } from '../tree-utils.js';
import type { PyCall } from '../types.js';

export function extractCall(node: Node, enclosingFunction: string | undefined): PyCall {
  const argsNode = node.childForFieldName('arguments');
  const args: string[] = [];
  const keywords: PyCall['keywords'] = [];
  if (argsNode?.type === 'generator_expression') {
    args.push(argsNode.text);
  } else {
    for (const arg of argsNode ? codeChildren(argsNode) : []) {
      if (arg.type === 'keyword_argument') {
        keywords.push({ name: arg.childForFieldName('name')?.text ?? '', value: arg.childForFieldName('value')?.text ?? '' });
      } else {
        args.push(arg.text);
      }
    }
  }
  const call: PyCall = { callee: node.childForFieldName('function')?.text ?? '', args, keywords, range: rangeOf(node) };
  if (enclosingFunction !== undefined) call.enclosingFunction = enclosingFunction;
  return call;
}
