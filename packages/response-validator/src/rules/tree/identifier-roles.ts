// The role of one identifier in name binding, read from its parent and grandparent. Each case is
// one pattern of the tree-sitter query the scope table was first built from (kept in the comments);
// when several fit, the strongest role wins (ROLES order), as with the query's captures.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';

/** Roles, strongest first: a weaker role never overrides a stronger one. */
export const ROLES = ['importbind', 'ignore', 'def', 'global', 'simple', 'aug', 'bind', 'both', 'id'] as const;
export type Role = (typeof ROLES)[number];
export const RANK = new Map<string, number>(ROLES.map((r, i) => [r, i]));

const BIND_PARENTS = new Set([
  'parameters', // (parameters (identifier) @bind)
  'lambda_parameters', // (lambda_parameters (identifier) @bind)
  'list_splat_pattern', // (list_splat_pattern (identifier) @bind)
  'dictionary_splat_pattern',
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
]);

/** `(parent . (identifier))`: the identifier is the parent's first named child */
function isFirstNamed(node: Node, parent: Node): boolean {
  return parent.namedChildren[0] === node;
}

export function roleOf(id: Node): Role {
  return ROLES[rankOf(id)]!;
}

const [IMPORTBIND, IGNORE, DEF, GLOBAL, SIMPLE, AUG, BIND, BOTH, ID] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/** The rank (index in ROLES) of the identifier's strongest role. */
export function rankOf(id: Node): number {
  let best = ID; // (identifier) @id
  const offer = (rank: number): void => {
    if (rank < best) best = rank;
  };
  const parent = id.parent;
  if (!parent) return best;
  const field = id.fieldName;
  const up = parent.parent;
  const upField = parent.fieldName;
  switch (parent.type) {
    case 'attribute': // (attribute attribute: (identifier) @ignore)
      if (field === 'attribute') offer(IGNORE);
      break;
    case 'keyword_argument': // (keyword_argument name: (identifier) @ignore)
      if (field === 'name') offer(IGNORE);
      break;
    case 'dotted_name':
      switch (up?.type) {
        case 'import_from_statement':
          if (upField === 'module_name') offer(IGNORE); // (import_from_statement module_name: (dotted_name (identifier) @ignore))
          if (upField === 'name') offer(IMPORTBIND); // (import_from_statement name: (dotted_name (identifier) @importbind))
          break;
        case 'relative_import': // (relative_import (dotted_name (identifier) @ignore))
          offer(IGNORE);
          break;
        case 'aliased_import': // (aliased_import name: (dotted_name (identifier) @ignore))
          if (upField === 'name') offer(IGNORE);
          break;
        case 'import_statement':
          if (upField === 'name') {
            offer(IGNORE); // (import_statement name: (dotted_name (identifier) @ignore))
            if (isFirstNamed(id, parent)) offer(IMPORTBIND); // (import_statement name: (dotted_name . (identifier) @importbind))
          }
          break;
        case 'future_import_statement': // (future_import_statement name: (dotted_name (identifier) @importbind))
          if (upField === 'name') offer(IMPORTBIND);
          break;
      }
      break;
    case 'aliased_import': // (import_statement|import_from_statement name: (aliased_import alias: (identifier) @importbind))
      if (field === 'alias' && upField === 'name' && (up?.type === 'import_statement' || up?.type === 'import_from_statement')) offer(IMPORTBIND);
      break;
    case 'function_definition': // (function_definition name: (identifier) @def)
    case 'class_definition': // (class_definition name: (identifier) @def)
      if (field === 'name') offer(DEF);
      break;
    case 'default_parameter': // (default_parameter name: (identifier) @bind)
    case 'typed_default_parameter':
    case 'named_expression': // (named_expression name: (identifier) @bind)
      if (field === 'name') offer(BIND);
      break;
    case 'typed_parameter': // (typed_parameter . (identifier) @bind)
      if (isFirstNamed(id, parent)) offer(BIND);
      break;
    case 'assignment': // (assignment left: (identifier) @simple)
      if (field === 'left') offer(SIMPLE);
      break;
    case 'augmented_assignment': // (augmented_assignment left: (identifier) @aug)
      if (field === 'left') offer(AUG);
      break;
    case 'for_statement': // (for_statement left: (identifier) @bind)
    case 'for_in_clause': // (for_in_clause left: (identifier) @bind)
      if (field === 'left') offer(BIND);
      break;
    case 'as_pattern_target': // (as_pattern alias: (as_pattern_target (identifier) @bind))
      if (up?.type === 'as_pattern' && upField === 'alias') offer(BIND);
      break;
    case 'global_statement': // (global_statement (identifier) @global)
    case 'nonlocal_statement': // (nonlocal_statement (identifier) @global)
      offer(GLOBAL);
      break;
    case 'type':
      if (up?.type === 'type_parameter') offer(BOTH); // (type_parameter (type (identifier) @both))
      if (up?.type === 'type_alias_statement' && upField === 'left') offer(BIND); // (type_alias_statement left: (type (identifier) @bind))
      break;
    default:
      if (BIND_PARENTS.has(parent.type)) offer(BIND);
  }
  return best;
}
