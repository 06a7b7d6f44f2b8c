// The behaviour stage: after static validation passes, the spec's examples run against the body,
// injected into the node as it will be written, in @onexgen/python-sandbox. A failing example, a
// timeout or a crash becomes a validation issue the fallback loop re-asks with (bounded: the example
// and the actual value, never the transcript).
import type { MethodExample } from '@onexgen/onex';
import type { ExampleResult, MethodRun } from '@onexgen/python-sandbox';
import type { ValidationIssue, ValidationResult } from '@onexgen/response-validator';
import { injectBodies } from '@onexgen/node-source';
import type { MethodInfo, NodeContext } from './node-context.js';
import type { BehaviourOutcome } from '../outcome/outcome.js';
import type { Session } from '../session/session.js';

/** Each shown value is cut to this many characters (the retry prompt stays bounded). */
const VALUE_CHARS = 160;
/** Failing examples turned into issues per attempt; the rest are counted. */
const MAX_ISSUES = 3;

export interface BehaviourCheck {
  outcome: BehaviourOutcome;
  issues: ValidationIssue[];
}

const cut = (text: string): string => (text.length <= VALUE_CHARS ? text : `${text.slice(0, VALUE_CHARS - 1)}…`);
const shown = (value: unknown): string => cut(JSON.stringify(value) ?? 'undefined');

function ruleOf(result: ExampleResult): string {
  if (result.outcome === 'timeout') return 'behaviour/timeout';
  if (result.outcome === 'crash') return 'behaviour/crash';
  return 'behaviour/example-failed';
}

/** One line: which example, what it gave, what was expected, what happened. */
export function describeFailure(result: ExampleResult, example: MethodExample | undefined): string {
  const label = `example ${result.index + 1}${result.name ? ` "${cut(result.name)}"` : ''}`;
  const expected = result.expectedRaises !== undefined ? `raises ${result.expectedRaises}` : shown(result.expected ?? (example as { expect?: unknown } | undefined)?.expect);
  const error = result.error ? `${result.error.type.split('.').pop()}${result.error.code ? ` ${result.error.code}` : ''}: ${cut(result.error.message)}` : '';
  const actual =
    result.outcome === 'timeout'
      ? `killed after ${Math.round(result.durationMs)} ms (it did not finish: a loop that never ends?)`
      : result.outcome === 'crash'
        ? `the Python process died${error ? ` (${error})` : ''}`
        : result.outcome === 'raised' || (result.error && result.actual === undefined)
          ? `raised ${error}`
          : `returned ${cut(result.actual ?? 'None')}`;
  return `${label}: given ${shown(result.given)}; expected ${expected}; actual: ${actual}`;
}

function issuesOf(run: MethodRun, examples: readonly MethodExample[]): ValidationIssue[] {
  const failing = run.results.filter((r) => r.outcome !== 'passed');
  const issues = failing.slice(0, MAX_ISSUES).map(
    (r): ValidationIssue => ({ ruleId: ruleOf(r), category: 'behaviour', severity: 'error', message: describeFailure(r, examples[r.index]), line: 1, column: 1 }),
  );
  if (failing.length > MAX_ISSUES) {
    issues.push({ ruleId: 'behaviour/example-failed', category: 'behaviour', severity: 'error', message: `${failing.length - MAX_ISSUES} more example(s) failed`, line: 1, column: 1 });
  }
  return issues;
}

const warned = new WeakSet<Session>();

/** One warning per run when examples exist and no Python can run them. */
function warnUnchecked(session: Session, reason: string): void {
  if (warned.has(session)) return;
  warned.add(session);
  session.recorder.warnings.push(`behaviour: spec examples were not run (${reason}); methods with examples are reported "unchecked", never "passed"`);
}

/** Runs the method's examples against `code` (a body for `info.stub`) in the session's sandbox. */
export async function checkBehaviour(session: Session, node: NodeContext, info: MethodInfo, code: string, imports: readonly string[]): Promise<BehaviourCheck> {
  const examples = info.examples;
  if (examples.length === 0) return { outcome: { status: 'no-examples', examples: 0, passed: 0, failed: 0 }, issues: [] };
  const sandbox = await session.sandbox?.get();
  if (!sandbox?.available) {
    warnUnchecked(session, sandbox?.unavailableReason ?? 'no sandbox');
    return { outcome: { status: 'unavailable', examples: examples.length, passed: 0, failed: 0, reason: sandbox?.unavailableReason ?? 'no sandbox' }, issues: [] };
  }
  let source: string;
  try {
    source = injectBodies(session.parser, node.source, [{ stub: info.stub, code, imports: [...imports] }], node.injection).source;
  } catch (err) {
    const message = `the body cannot be put into the node file: ${cut((err as Error).message)}`;
    return { outcome: { status: 'ran', examples: examples.length, passed: 0, failed: examples.length }, issues: [{ ruleId: 'behaviour/crash', category: 'behaviour', severity: 'error', message, line: 1, column: 1 }] };
  }
  const module = node.moduleName ?? 'node';
  const run = await sandbox.runMethod({
    files: { ...(node.packageFiles ?? {}), [`${module}.py`]: source },
    module,
    className: node.className,
    method: info.stub.method,
    examples,
    ...(session.signal ? { signal: session.signal } : {}),
  });
  if (run.status === 'unavailable') {
    warnUnchecked(session, run.unavailableReason ?? 'sandbox unavailable');
    return { outcome: { status: 'unavailable', examples: examples.length, passed: 0, failed: 0, reason: run.unavailableReason ?? 'sandbox unavailable' }, issues: [] };
  }
  return {
    outcome: { status: 'ran', examples: examples.length, passed: run.passed, failed: run.failed, runtime: run.runtime, networkIsolated: run.networkIsolated },
    issues: issuesOf(run, examples),
  };
}

/** The static result with the behaviour issues added: failing examples make it fail. */
export function withBehaviour<T extends ValidationResult>(validation: T, check: BehaviourCheck): T {
  if (check.issues.length === 0) return validation;
  return { ...validation, passed: false, issues: [...validation.issues, ...check.issues] };
}

/** What the history row of an attempt keeps of the check: counts and the (bounded) issue lines. */
export function behaviourRecord(check: BehaviourCheck): Record<string, unknown> {
  return { ...check.outcome, issues: check.issues.map((i) => ({ ruleId: i.ruleId, message: i.message })) };
}
