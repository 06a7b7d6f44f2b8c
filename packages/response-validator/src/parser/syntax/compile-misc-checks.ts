// compile()-level rules that need only the node itself: duplicate names, repeated keywords,
// starred expressions where compile() refuses them, `except:` order, unreachable match cases,
// `from __future__` placement and features, assignments to __debug__.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { extractParams } from '../extract/params.js';
import { leadingStar } from '../tree-utils.js';
import { codeChildren, type NodeCheck, type Report } from './check-context.js';

const FUTURE_FEATURES = new Set([
  'nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function',
  'unicode_literals', 'barry_as_FLUFL', 'generator_stop', 'annotations',
]);

function firstDuplicate(names: string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

const duplicateParameters: NodeCheck = (node, report) => {
  const names = extractParams(node).map((p) => p.name);
  const duplicate = firstDuplicate(names);
  if (duplicate) report(node, 'duplicate-argument', `duplicate argument '${duplicate}' in function definition`);
  if (names.includes('__debug__')) report(node, 'assign-to-debug', 'cannot assign to __debug__');
};

/**
 * PEP 695 parameter lists of a def, class or `type` alias. (`type_parameter` also names the
 * brackets of every `tuple[T, T]` in annotations, so those nodes are not collected themselves.)
 */
const duplicateTypeParameters: NodeCheck = (definition, report) => {
  const node = definition.type === 'type_alias_statement'
    ? definition.childForFieldName('left')?.namedChildren[0]?.namedChildren.find((c) => c.type === 'type_parameter')
    : definition.childForFieldName('type_parameters');
  if (!node) return;
  const names = codeChildren(node).map((t) => t.descendantsOfType('identifier')[0]?.text ?? '');
  const duplicate = firstDuplicate(names);
  if (duplicate) report(node, 'duplicate-type-parameter', `duplicate type parameter '${duplicate}'`);
};

const repeatedKeywords: NodeCheck = (node, report) => {
  const names = codeChildren(node)
    .filter((a) => a.type === 'keyword_argument')
    .map((a) => a.childForFieldName('name')?.text ?? '');
  const duplicate = firstDuplicate(names);
  if (duplicate) report(node, 'keyword-argument-repeated', `keyword argument repeated: ${duplicate}`);
  if (names.includes('__debug__')) report(node, 'assign-to-debug', 'cannot assign to __debug__');
};

const TARGET_SEQUENCES = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list']);
const isStar = (n: Node | null | undefined): boolean => n?.type === 'list_splat' || n?.type === 'list_splat_pattern';

function checkTarget(target: Node | null, report: Report): void {
  if (!target) return;
  if (isStar(target)) report(target, 'starred-assignment-target', 'starred assignment target must be in a list or tuple');
  else if (TARGET_SEQUENCES.has(target.type) && codeChildren(target).filter(isStar).length > 1) {
    report(target, 'multiple-starred-assignment', 'multiple starred expressions in assignment');
  }
  if (target.type === 'identifier' && target.text === '__debug__') report(target, 'assign-to-debug', 'cannot assign to __debug__');
  if (target.type === 'attribute' && target.childForFieldName('attribute')?.text === '__debug__') {
    report(target, 'assign-to-debug', 'cannot assign to __debug__');
  }
}

function checkStarredValue(value: Node | null | undefined, report: Report): void {
  const star = value ? leadingStar(value) : undefined;
  if (star) report(star, 'starred-expression-here', "can't use starred expression here");
}

const assignment: NodeCheck = (node, report) => {
  checkTarget(node.childForFieldName('left'), report);
  checkStarredValue(node.childForFieldName('right'), report);
};

const forStatement: NodeCheck = (node, report) => checkTarget(node.childForFieldName('left'), report);
const soleValue: NodeCheck = (node, report) => {
  const values = codeChildren(node);
  if (values.length === 1) checkStarredValue(values[0], report);
};

const defaultExceptLast: NodeCheck = (node, report) => {
  const handlers = node.namedChildren.filter((c) => c.type === 'except_clause');
  handlers.slice(0, -1).forEach((handler) => {
    if (codeChildren(handler).length === 1) report(handler, 'default-except-not-last', "default 'except:' must be last");
  });
};

/** `_` or a bare name (possibly parenthesised or behind `as`): matches anything. */
function irrefutable(pattern: Node | undefined): { wildcard: boolean; name?: string } | undefined {
  if (!pattern) return undefined;
  const inner = codeChildren(pattern);
  if (pattern.type === 'case_pattern' && inner.length === 0 && pattern.text === '_') return { wildcard: true };
  if (pattern.type === 'dotted_name' && inner.length === 1) return pattern.text === '_' ? { wildcard: true } : { wildcard: false, name: pattern.text };
  if (pattern.type === 'case_pattern' || (pattern.type === 'tuple_pattern' && inner.length === 1 && !pattern.children.some((c) => c.type === ','))) {
    return inner.length === 1 ? irrefutable(inner[0]) : undefined;
  }
  if (pattern.type === 'as_pattern') return irrefutable(inner[0]);
  if (pattern.type === 'union_pattern') {
    for (const alt of inner) if (irrefutable(alt)) return irrefutable(alt);
  }
  return undefined;
}

function unreachableMessage(found: { wildcard: boolean; name?: string }): string {
  return found.wildcard ? 'wildcard makes remaining patterns unreachable' : `name capture '${found.name}' makes remaining patterns unreachable`;
}

const matchCases: NodeCheck = (node, report) => {
  const cases = node.childForFieldName('body')?.namedChildren.filter((c) => c.type === 'case_clause') ?? [];
  cases.forEach((clause, i) => {
    const patterns = clause.namedChildren.filter((c) => c.type === 'case_pattern');
    const union = patterns.length === 1 ? patterns[0]!.namedChildren[0] : undefined;
    if (union?.type === 'union_pattern') {
      const alts = codeChildren(union);
      alts.slice(0, -1).forEach((alt) => {
        const found = irrefutable(alt);
        if (found) report(alt, 'unreachable-pattern', unreachableMessage(found));
      });
    }
    const guarded = clause.namedChildren.some((c) => c.type === 'if_clause');
    const found = patterns.length === 1 ? irrefutable(patterns[0]) : undefined;
    if (found && !guarded && i < cases.length - 1) report(clause, 'unreachable-pattern', unreachableMessage(found));
  });
};

const futureImport: NodeCheck = (node, report) => {
  for (const feature of codeChildren(node)) {
    const name = feature.type === 'aliased_import' ? (feature.childForFieldName('name')?.text ?? '') : feature.text;
    if (!FUTURE_FEATURES.has(name)) report(feature, 'future-feature-unknown', `future feature ${name} is not defined`);
  }
  const parent = node.parent;
  if (parent?.type !== 'module') {
    report(node, 'future-import-position', 'from __future__ imports must occur at the beginning of the file');
    return;
  }
  const before = codeChildren(parent).filter((s) => s.startIndex < node.startIndex);
  const allowed = before.every((s, i) => s.type === 'future_import_statement' || (i === 0 && s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  if (!allowed) report(node, 'future-import-position', 'from __future__ imports must occur at the beginning of the file');
};

/** CPython's CO_MAXBLOCKS: loops, try and with statements nest at most 20 deep within one function. */
const MAX_STATIC_BLOCKS = 20;
const STATIC_BLOCKS = new Set(['for_statement', 'while_statement', 'try_statement', 'with_statement']);
const SCOPES = new Set(['function_definition', 'class_definition', 'lambda', 'module']);
const staticallyNested: NodeCheck = (node, report) => {
  let depth = 1;
  for (let p = node.parent; p && !SCOPES.has(p.type); p = p.parent) if (STATIC_BLOCKS.has(p.type)) depth++;
  // reported once, at the first block over the limit (CPython stops there)
  if (depth === MAX_STATIC_BLOCKS + 1) report(node, 'too-many-static-blocks', 'too many statically nested blocks');
};
export const STATIC_BLOCK_CHECKS: Record<string, NodeCheck> = Object.fromEntries([...STATIC_BLOCKS].map((t) => [t, staticallyNested]));

export const COMPILE_MISC_CHECKS: Record<string, NodeCheck> = {
  parameters: duplicateParameters,
  lambda_parameters: duplicateParameters,
  function_definition: duplicateTypeParameters,
  class_definition: duplicateTypeParameters,
  type_alias_statement: duplicateTypeParameters,
  argument_list: repeatedKeywords,
  assignment,
  augmented_assignment: (node, report) => checkStarredValue(node.childForFieldName('right'), report),
  for_statement: forStatement,
  list_splat: (node, report) => {
    if (node.parent?.type === 'expression_statement' && codeChildren(node.parent).length === 1) checkStarredValue(node, report);
  },
  return_statement: soleValue,
  yield: soleValue,
  interpolation: soleValue,
  try_statement: defaultExceptLast,
  match_statement: matchCases,
  future_import_statement: futureImport,
};
