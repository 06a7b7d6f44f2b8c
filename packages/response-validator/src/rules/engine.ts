// Runs the profile's enabled rules over one parsed tree and collects issues, mapping positions
// back to the fragment's own lines when the tree is of a wrapped method body.
import type { SyntaxNode as Node } from '../parser/mirror/syntax-node.js';
import type { ApiIndexView } from '../api-index/api-view.js';
import type { ParsedModule, PyImport, SourceRange } from '../parser/types.js';
import type { ResolvedProfile } from '../profiles/schema.js';
import type { ValidationContext, ValidationIssue } from '../validation/validation-types.js';
import type { Severity } from '@onexgen/onex';
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
  let siteList: CallSite[] | undefined;
  const sites = (): CallSite[] => (siteList ??= callSites(nodes('call'), resolver()));

  const issues: ValidationIssue[] = [];
  const run: RunShared = {
    root,
    module: input.module,
    nodes,
    profile,
    context: input.context,
    wrapper,
    isWrapper,
    qualify: input.qualify ?? ((c) => c),
    resolver,
    sites,
    builtins: input.builtins,
    fileImportNames: input.fileImportNames ?? new Set(),
    fileImports: input.fileImports ?? [],
    api: input.api ?? (() => undefined),
    map,
    issues,
  };
  for (const rule of input.rules) {
    const setting = profile.rules[rule.id];
    if (!setting || setting.enabled === false) continue;
    rule.check(new RuleRun(run, rule, setting));
  }
  return issues;
}

type RuleSetting = ResolvedProfile['rules'][string];

/** What every rule of one run shares. */
interface RunShared extends Omit<RuleContext, 'names' | 'options' | 'report'> {
  resolver(): NameResolver;
  map: PositionMapper;
  issues: ValidationIssue[];
}

/**
 * One rule's context. A class, so the lazy `names` getter lives once on the prototype: an object
 * literal with `get names()` per rule made V8 allocate an accessor pair in the OLD generation for
 * each, whose getter closure kept the run (and its whole syntax tree) alive through every young
 * GC until the next full one — a quarter of what a validation allocated was promoted, and GC took
 * ~23 % of a validation's time (tools/bench/validator-bench.mjs; see the package README).
 */
class RuleRun implements RuleContext {
  readonly root: Node;
  readonly module: ParsedModule;
  readonly nodes: (type: string) => Node[];
  readonly profile: ResolvedProfile;
  readonly options: Record<string, unknown>;
  readonly context: ValidationContext;
  readonly wrapper: Node | undefined;
  readonly isWrapper: (fn: Node) => boolean;
  readonly qualify: (callee: string) => string;
  readonly sites: () => CallSite[];
  readonly builtins: ReadonlySet<string>;
  readonly fileImportNames: ReadonlySet<string>;
  readonly fileImports: readonly PyImport[];
  readonly api: () => ApiIndexView | undefined;

  constructor(
    private readonly run: RunShared,
    private readonly rule: Rule,
    private readonly setting: RuleSetting,
  ) {
    this.root = run.root;
    this.module = run.module;
    this.nodes = run.nodes;
    this.profile = run.profile;
    this.options = setting.options ?? {};
    this.context = run.context;
    this.wrapper = run.wrapper;
    this.isWrapper = run.isWrapper;
    this.qualify = run.qualify;
    this.sites = run.sites;
    this.builtins = run.builtins;
    this.fileImportNames = run.fileImportNames;
    this.fileImports = run.fileImports;
    this.api = run.api;
  }

  get names(): NameResolver {
    return this.run.resolver();
  }

  report(at: Node | SourceRange, message: string, override?: Severity): void {
    const { map } = this.run;
    const { rule, setting } = this;
    const [l0, c0, l1, c1] =
      'startPosition' in at
        ? [at.startPosition.row + 1, at.startPosition.column + 1, at.endPosition.row + 1, at.endPosition.column + 1]
        : [at.startLine, at.startColumn, at.endLine, at.endColumn];
    const start = map(l0, c0) ?? { line: 1, column: 1 };
    const end = map(l1, c1);
    this.run.issues.push({
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
  }
}

function innermostWrapper(functions: Node[], isWrapper: (fn: Node) => boolean): Node | undefined {
  let found: Node | undefined;
  for (const fn of functions) if (isWrapper(fn)) found = fn;
  return found;
}
