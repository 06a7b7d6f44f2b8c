// createValidator: a profile resolved once, the warm parser, and synchronous validate/validateResponse.
import type { SyntaxTree as Tree } from '../parser/mirror/syntax-node.js';
import { ValidatorError } from '../errors.js';
import { type BodyParse, type ExtractOptions, extractCode } from '../extraction/extract-code.js';
import type { ParsedFragment, ParsedModule, PyImport, PySyntaxIssue } from '../parser/types.js';
import type { BuiltWrapper } from '../parser/fragment-wrapper.js';
import { mapToFragment, textItemMapper } from '../parser/fragment-mapping.js';
import type { TreeSitterPythonParser } from '../parser/types.js';
import { loadProfile } from '../profiles/load-profile.js';
import type { ProfileInput, ResolvedProfile } from '../profiles/schema.js';
import { type PositionMapper, runRules } from '../rules/engine.js';
import { complexityOf } from '../rules/quality/complexity.js';
import { ALL_RULES } from '../rules/registry.js';
import { importQualifier } from '../rules/tree/import-aliases.js';
import { pythonBuiltins } from './builtins.js';
import { FileImportCache } from './file-imports.js';
import { ValidationContextSchema } from './schemas.js';
import { scoreIssues } from './score.js';
import { loadPythonParser } from '../parser/index.js';
import { loadApiIndex } from '../api-index/load-index.js';
import { nodeTypeFacts, type NodeType } from '@onexgen/onex';
import type { ApiIndexView } from '../api-index/api-view.js';
import type { ExtractionResult, ValidationContext, ValidationIssue, ValidationResult, Validator } from './validation-types.js';

export interface ValidatorOptions {
  /** 'onex-v2' (default), 'generic-python', a path to a YAML/JSON profile, or a profile object */
  profile?: string | ProfileInput;
  /** how validateResponse extracts code (the docstring rule for returned definitions, ...) */
  extraction?: Pick<ExtractOptions, 'docstring'>;
}

/** Parameters a node type's entry method receives: self and its entry parameter (`contract` or `input_data`). */
const entryParams = (nodeType: NodeType) => ['self', nodeTypeFacts(nodeType).entryParam.name];

export async function createValidator(options: ValidatorOptions = {}): Promise<Validator & { readonly resolvedProfile: ResolvedProfile }> {
  const profile = loadProfile(options.profile ?? 'onex-v2');
  const parser = await loadPythonParser();
  return new ProfileValidator(parser, profile, options.extraction ?? {});
}

class ProfileValidator implements Validator {
  readonly profile: string;
  private readonly fileImports: FileImportCache;
  /**
   * The bodies validateResponse parsed as fragments, by the result it returned: the caller that
   * injects an accepted body asks for its parse instead of parsing the same text again. Weak: an
   * entry lives as long as its result.
   */
  private readonly parsedBodies = new WeakMap<ValidationResult, { module: ParsedModule; wrapper: BuiltWrapper }>();
  /** the profile's API index, read on the first validation that asks for it */
  private readonly api: () => ApiIndexView | undefined;

  constructor(
    private readonly parser: TreeSitterPythonParser,
    readonly resolvedProfile: ResolvedProfile,
    private readonly extraction: Pick<ExtractOptions, 'docstring'>,
  ) {
    this.profile = resolvedProfile.id;
    this.fileImports = new FileImportCache(parser);
    let view: ApiIndexView | undefined;
    const file = resolvedProfile.apiIndex;
    this.api = () => (file ? (view ??= loadApiIndex(file)) : undefined);
  }

  validate(code: string, context: ValidationContext = {}): ValidationResult {
    const started = performance.now();
    if (typeof code !== 'string') throw new ValidatorError('INPUT_UNREADABLE', `validate(code): code must be a string, got ${typeof code}`);
    return this.validateChecked(code, checkContext(context), started);
  }

  /**
   * validate() with a context already checked (validateResponse's own, built from a checked one).
   * `keep` receives a fragment's parse when it parsed (validateResponse keeps it for parsedBody).
   */
  private validateChecked(code: string, ctx: ValidationContext, started = performance.now(), keep?: (module: ParsedModule, wrapper: BuiltWrapper) => void): ValidationResult {
    const run = (tree: Tree, module: ParsedModule, mapPosition?: PositionMapper) => this.check(code, ctx, tree, module, mapPosition);
    const outcome = ctx.fragment
      ? this.parser.withFragmentSyntaxTree(code, { isAsync: ctx.isAsync ?? true, methodName: ctx.methodName }, (tree, module, wrapper) => {
          if (module.syntaxValid) keep?.(module, wrapper);
          return run(tree, module, wrapper.mapPosition);
        })
      : this.parser.withSyntaxTree(code, (tree, module) => run(tree, module));
    return this.scored(outcome, started);
  }

  /** The result of check(): scored by the profile, timed from `started`. */
  private scored(outcome: ReturnType<ProfileValidator['check']>, started: number): ValidationResult {
    const { score, breakdown, passed } = scoreIssues(outcome.issues, outcome.syntaxValid, this.resolvedProfile);
    return {
      syntaxValid: outcome.syntaxValid,
      passed,
      score,
      breakdown,
      issues: outcome.issues,
      stats: { ...outcome.stats, durationMs: Math.round((performance.now() - started) * 1000) / 1000 },
    };
  }

  validateResponse(answer: string, context: ValidationContext = {}): ValidationResult & { extraction: ExtractionResult; code: string } {
    if (typeof answer !== 'string') throw new ValidatorError('INPUT_UNREADABLE', `validateResponse(answer): answer must be a string, got ${typeof answer}`);
    const ctx = checkContext(context);
    let parsed: { module: ParsedModule; wrapper: BuiltWrapper } | undefined;
    const keep = (module: ParsedModule, wrapper: BuiltWrapper) => (parsed = { module, wrapper });
    // A body's checks parse it as a method body; that parse also answers extraction (instead of a
    // module parse of its own), and when nothing is reduced or moved it is the checks' parse too
    let plain: ValidationResult | undefined;
    const bodyParse = (code: string): BodyParse | undefined => {
      const body = this.parseBody(code, { generated: true, ...ctx }, keep);
      plain = body?.plain;
      return body && (body.plain ? 'plain' : { imports: body.imports });
    };
    const extraction = extractCode(answer, {
      parser: this.parser,
      expect: ctx.fragment ? 'body' : 'module',
      methodName: ctx.methodName,
      docstring: this.extraction.docstring,
      ...(ctx.fragment ? { bodyParse } : {}),
    });
    // Imports the answer carried were moved out of the body: they belong to the file's import block
    // and still bind names for the checks (`from os import system as s` then `s(cmd)` is os.system).
    const checked: ValidationContext = {
      generated: true,
      ...ctx,
      ...(extraction.imports.length ? { fileImports: [...(ctx.fileImports ?? []), ...extraction.imports] } : {}),
    };
    const result = { ...(plain ?? this.validateChecked(extraction.code, checked, undefined, keep)), extraction, code: extraction.code };
    if (parsed) this.parsedBodies.set(result, parsed);
    return result;
  }

  /**
   * An extracted body parsed as a method body, for extraction (ExtractOptions.bodyParse): `plain`,
   * validateChecked()'s result from that parse, when no statement of the body is a definition, a
   * class or an import (nothing will change); else the body's imports in its own positions, when it
   * is valid and holds no definition or class (extraction moves them, the checks then parse what is
   * left); else undefined.
   */
  private parseBody(
    code: string,
    ctx: ValidationContext,
    keep: (module: ParsedModule, wrapper: BuiltWrapper) => void,
  ): { plain: ValidationResult; imports?: undefined } | { plain?: undefined; imports: PyImport[] } | undefined {
    const started = performance.now();
    return this.parser.withFragmentSyntaxTree(code, { isAsync: ctx.isAsync ?? true, methodName: ctx.methodName }, (tree, module, wrapper) => {
      if (!module.syntaxValid) return undefined;
      const kinds = new Set(bodyStatements(tree).map((statement) => statement.type));
      if (DEFINITIONS.some((kind) => kinds.has(kind))) return undefined;
      // the imports alone, as mapToFragment would map them with the rest of the module
      if (IMPORTS.some((kind) => kinds.has(kind))) return { imports: module.imports.map(textItemMapper(wrapper)) };
      keep(module, wrapper);
      return { plain: this.scored(this.check(code, ctx, tree, module, wrapper.mapPosition), started) };
    });
  }

  parsedBody(result: ValidationResult): ParsedFragment | undefined {
    const parsed = this.parsedBodies.get(result);
    return parsed && mapToFragment(parsed.module, parsed.wrapper);
  }

  private check(code: string, ctx: ValidationContext, tree: Tree, module: ParsedModule, mapPosition?: PositionMapper) {
    const map: PositionMapper = mapPosition ?? ((line, column) => ({ line, column }));
    const issues: ValidationIssue[] = [
      ...module.syntaxErrors.map((e) => syntaxIssue('syntax/invalid', e, map)),
      ...module.compileErrors.map((e) => syntaxIssue('syntax/compile', e, map)),
    ];
    const root = tree.rootNode;
    const functions = root.descendantsOfType('function_definition').filter((f) => !!f);
    const stats = {
      lines: code === '' ? 0 : code.split('\n').length - (code.endsWith('\n') ? 1 : 0),
      functions: functions.length - (mapPosition ? 1 : 0),
      maxComplexity: module.syntaxValid ? Math.max(0, ...functions.map((f) => complexityOf(f!))) : 0,
    };
    if (module.syntaxValid) {
      const fileImports = this.fileImports.get(ctx.fileImports);
      // a method body runs under the node file's imports: the profile's (the skeleton's block), then the caller's over them
      const apiImports = ctx.fragment ? [...this.fileImports.get(this.resolvedProfile.api.fragmentImports).imports, ...fileImports.imports] : fileImports.imports;
      const known = ctx.fragment && ctx.nodeType ? [...entryParams(ctx.nodeType), ...(ctx.knownNames ?? [])] : ctx.knownNames;
      issues.push(
        ...runRules({
          root,
          module,
          profile: this.resolvedProfile,
          context: { ...ctx, knownNames: known },
          rules: ALL_RULES,
          mapPosition,
          qualify: importQualifier([...fileImports.imports, ...module.imports]),
          imports: [...fileImports.imports, ...module.imports],
          builtins: pythonBuiltins(),
          fileImportNames: fileImports.names,
          fileImports: apiImports,
          api: this.api,
        }),
      );
    }
    issues.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
    return { syntaxValid: module.syntaxValid, issues, stats };
  }
}

/** Statements extraction may reduce a body to (a whole definition, a class around it)... */
const DEFINITIONS = ['function_definition', 'class_definition', 'decorated_definition'];
/** ...and statements it moves out of the body. */
const IMPORTS = ['import_statement', 'import_from_statement', 'future_import_statement'];

/**
 * A wrapped body's own statements: the synthetic method's block. For a valid body they are the
 * top-level statements of the body parsed as a module, which is what extraction looks at.
 */
function bodyStatements(tree: Tree) {
  const method = tree.rootNode.namedChildren.find((n) => n.type === 'function_definition');
  return method?.childForFieldName('body')?.namedChildren ?? [];
}

function syntaxIssue(ruleId: string, e: PySyntaxIssue, map: PositionMapper): ValidationIssue {
  const at = map(e.line, e.column) ?? { line: 1, column: 1 };
  return { ruleId, category: 'syntax', severity: 'error', message: e.message, line: at.line, column: at.column };
}

function checkContext(context: ValidationContext): ValidationContext {
  const parsed = ValidationContextSchema.safeParse(context ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ValidatorError('CONTEXT_INVALID', `invalid validation context: ${first?.path.join('.') || '(root)'}: ${first?.message}`, { cause: parsed.error });
  }
  return parsed.data;
}
