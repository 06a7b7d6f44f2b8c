import { loadPythonParser, type ParsedModule, type PyCall, type PyFunction } from '@onexgen/response-validator';
import { describeRule, loadSignalTable, type SignalRule, type SignalTable } from './code-signals.js';

export interface ExtractedPattern {
  /** catalog pattern name, e.g. 'connection_pooling' */
  name: string;
  /** versioned id of the shipped pattern it corresponds to, e.g. 'connection_pooling_v1' */
  patternId: string;
  /** what showed it, with 1-based lines: 'line 4: call ending .acquire' */
  evidence: string[];
  /** source of the smallest enclosing function (or the whole code when at module level) */
  example: string;
}

let signals: SignalTable | undefined;

function callMatches(rule: SignalRule, call: PyCall): boolean {
  if (rule.callee !== undefined && call.callee !== rule.callee) return false;
  if (rule.callee_suffix !== undefined && !call.callee.endsWith(rule.callee_suffix)) return false;
  if (rule.callee_prefix !== undefined && !call.callee.startsWith(rule.callee_prefix)) return false;
  if (rule.keyword !== undefined && !call.keywords.some((k) => k.name === rule.keyword)) return false;
  if (rule.arg_includes !== undefined) {
    const needle = rule.arg_includes;
    if (!call.args.some((a) => a.includes(needle)) && !call.keywords.some((k) => k.value.includes(needle))) return false;
  }
  return true;
}

const isCallRule = (r: SignalRule): boolean =>
  r.callee !== undefined || r.callee_suffix !== undefined || r.callee_prefix !== undefined || r.keyword !== undefined;

/** Parses code as a module, or as a method body when it only makes sense inside an async method. */
async function parseEither(code: string): Promise<ParsedModule> {
  const parser = await loadPythonParser();
  const module = parser.parse(code);
  if (module.syntaxValid && module.compileErrors.length === 0) return module;
  const fragment = parser.parseFragment(code, { isAsync: true });
  return fragment.syntaxValid ? fragment : module;
}

function enclosing(module: ParsedModule, line: number): PyFunction | undefined {
  return module.functions
    .filter((f) => f.definition.startLine <= line && line <= f.definition.endLine && f.name !== '__fragment__')
    .sort((a, b) => a.definition.endLine - a.definition.startLine - (b.definition.endLine - b.definition.startLine))[0];
}

/**
 * Finds which catalog patterns a piece of generated Python uses (error handling shape, pool
 * acquire, transactions, retries, logging, timing, ...), from the parsed tree's calls, decorators
 * and statements as listed in data/code-signals.yaml.
 */
export async function extractPatternsFromCode(code: string): Promise<ExtractedPattern[]> {
  signals ??= loadSignalTable();
  const module = await parseEither(code);
  const found: ExtractedPattern[] = [];
  for (const [name, rules] of Object.entries(signals)) {
    const evidence: string[] = [];
    let firstLine: number | undefined;
    for (const rule of rules) {
      if (isCallRule(rule)) {
        for (const call of module.calls.filter((c) => callMatches(rule, c))) {
          evidence.push(`line ${call.range.startLine}: ${describeRule(rule)}`);
          firstLine ??= call.range.startLine;
        }
      } else if (rule.decorator_includes !== undefined) {
        const needle = rule.decorator_includes;
        for (const fn of module.functions.filter((f) => f.decorators.some((d) => d.includes(needle)))) {
          evidence.push(`line ${fn.definition.startLine}: ${describeRule(rule)} on ${fn.name}`);
          firstLine ??= fn.definition.startLine;
        }
      } else if (rule.statement !== undefined) {
        for (const fn of module.functions) {
          for (const st of fn.statements.filter((s) => s.type === rule.statement)) {
            evidence.push(`line ${st.range.startLine}: ${describeRule(rule)}`);
            firstLine ??= st.range.startLine;
          }
        }
      }
    }
    if (evidence.length === 0) continue;
    const fn = firstLine === undefined ? undefined : enclosing(module, firstLine);
    const example = fn ? code.slice(fn.definition.startIndex, fn.definition.endIndex) : code;
    found.push({ name, patternId: `${name}_v1`, evidence: [...new Set(evidence)], example });
  }
  return found;
}
