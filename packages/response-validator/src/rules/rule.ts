// What a rule is: a stable id, a category, a default severity, where it comes from (Bandit id, CWE),
// and a check that reads the parsed tree and reports issues through its context.
import type { SyntaxNode as Node } from '../parser/mirror/syntax-node.js';
import type { ApiIndexView } from '../api-index/api-view.js';
import type { ParsedModule, PyImport, SourceRange } from '../parser/types.js';
import type { ResolvedProfile } from '../profiles/schema.js';
import type { Severity } from '@onexgen/onex';
import type { Category, ValidationContext } from '../validation/validation-types.js';
import type { CallSite } from './tree/call-sites.js';
import type { NameResolver } from './tree/name-resolution.js';

export interface Rule {
  id: string;
  category: Category;
  severity: Severity;
  /** one line for rule listings and SARIF `shortDescription` */
  summary: string;
  bandit?: string;
  cwe?: string;
  check(ctx: RuleContext): void;
}

export interface RuleContext {
  root: Node;
  /** the module extracted from the same tree (same coordinates as the tree) */
  module: ParsedModule;
  /** every node of a type, in document order (cached per run) */
  nodes(type: string): Node[];
  profile: ResolvedProfile;
  /** this rule's `options` from the profile */
  options: Record<string, unknown>;
  context: ValidationContext;
  /** for a fragment: the synthetic function wrapping it (its def line is not the model's) */
  wrapper?: Node;
  /** a callee resolved through the imports in scope (the code's own and context.fileImports) */
  qualify(callee: string): string;
  /** names resolved through imports, aliases, getattr and __import__ (built on first use) */
  readonly names: NameResolver;
  /** every call, direct or by reference (executors, partial), with its resolved callee */
  sites(): CallSite[];
  /** names Python always provides (data/python/builtins.yaml) */
  builtins: ReadonlySet<string>;
  /** names bound by context.fileImports */
  fileImportNames: ReadonlySet<string>;
  /** the imports the checked code runs under besides its own (context.fileImports, or the profile's `api.fragmentImports` for a method body) */
  fileImports: readonly PyImport[];
  /** the profile's API index (read on first use); undefined when the profile has none */
  api(): ApiIndexView | undefined;
  /** is this function the synthetic wrapper of a fragment? */
  isWrapper(fn: Node): boolean;
  /** at a node of the tree, or at a range of the module (same coordinates) */
  report(at: Node | SourceRange, message: string, severity?: Severity): void;
}

export function numberOption(ctx: RuleContext, key: string, fallback: number): number {
  const v = ctx.options[key];
  return typeof v === 'number' ? v : fallback;
}
