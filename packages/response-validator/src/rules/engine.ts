// Runs the profile's enabled rules over one parsed tree and collects issues, mapping positions
// back to the fragment's own lines when the tree is of a wrapped method body.
import type { SyntaxNode as Node } from '../parser/mirror/syntax-node.js';
import type { ApiIndexView } from '../api-index/api-view.js';
import type { ParsedModule, PyImport } from '../parser/types.js';
import type { ResolvedProfile } from '../profiles/schema.js';
import type { ValidationContext, ValidationIssue } from '../validation/validation-types.js';
import type { Rule, RuleContext } from './rule.js';
import { type CallSite, callSites } from './tree/call-sites.js';
import type { Qualifier } from './tree/import-aliases.js';
import { type NameResolver, nameResolver } from './tree/name-resolution.js';

export type PositionMapper = (line: number, column: number) => { line: number; column: number } | null;

export interface EngineInput {
  root: Node;
  module: ParsedModule;
  profile: ResolvedProfile;
  context: ValidationContext;
  rules: readonly Rule[];
  mapPosition?: PositionMapper;
  /** resolves import aliases in callees */
  qualify?: Qualifier;
  builtins: ReadonlySet<string>;
  fileImportNames?: ReadonlySet<string>;
  /** the imports in scope (the node file's and the code's own), for name resolution */
  imports?: readonly PyImport[];
  /** the node file's imports for the api/* rules (the caller's, or the profile's for a method body) */
  fileImports?: readonly PyImport[];
  api?: () => ApiIndexView | undefined;
}

export function runRules(input: EngineInput): ValidationIssue[] {
  const { root, profile, mapPosition } = input;
  // the mirror indexes nodes by type once per tree; the cache keeps each list's identity per run
  const cache = new Map<string, Node[]>();
  const nodes = (type: string): Node[] => {
    let hit = cache.get(type);
    if (!hit) cache.set(type, (hit = root.descendantsOfType(type)));
    return hit;
  };
  const map: PositionMapper = mapPosition ?? ((line, column) => ({ line, column }));
  const isWrapper = (fn: Node) => !!mapPosition && map(fn.startPosition.row + 1, fn.startPosition.column + 1) === null;
  const wrapper = mapPosition ? innermostWrapper(nodes('function_definition'), isWrapper) : undefined;

  let names: NameResolver | undefined;
  const resolver = () => (names ??= nameResolver(root, input.imports ?? input.module.imports));
  const sites = (): CallSite[] => callSites(nodes('call'), resolver());

  const issues: ValidationIssue[] = [];
  for (const rule of input.rules) {
    const setting = profile.rules[rule.id];
    if (!setting || setting.enabled === false) continue;
    const ctx: RuleContext = {
      root,
      module: input.module,
      nodes,
      profile,
      options: setting.options ?? {},
      context: input.context,
      wrapper,
      isWrapper,
      qualify: input.qualify ?? ((c) => c),
      get names() {
        return resolver();
      },
      sites,
      builtins: input.builtins,
      fileImportNames: input.fileImportNames ?? new Set(),
      fileImports: input.fileImports ?? [],
      api: input.api ?? (() => undefined),
      report(at, message, override) {
        const [l0, c0, l1, c1] =
          'startPosition' in at
            ? [at.startPosition.row + 1, at.startPosition.column + 1, at.endPosition.row + 1, at.endPosition.column + 1]
            : [at.startLine, at.startColumn, at.endLine, at.endColumn];
        const start = map(l0, c0) ?? { line: 1, column: 1 };
        const end = map(l1, c1);
        issues.push({
          ruleId: rule.id,
          category: rule.category,
          // a rule's explicit severity for this finding wins (it knows the case, e.g. generated code)
          severity: override ?? setting.severity ?? rule.severity,
          message,
          line: start.line,
          column: start.column,
          ...(end && end.line >= start.line ? { endLine: end.line, endColumn: end.column } : {}),
          ...(rule.bandit ? { bandit: rule.bandit } : {}),
          ...(rule.cwe ? { cwe: rule.cwe } : {}),
        });
      },
    };
    rule.check(ctx);
  }
  return issues;
}

function innermostWrapper(functions: Node[], isWrapper: (fn: Node) => boolean): Node | undefined {
  let found: Node | undefined;
  for (const fn of functions) if (isWrapper(fn)) found = fn;
  return found;
}
