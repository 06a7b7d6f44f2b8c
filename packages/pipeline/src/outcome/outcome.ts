// What a run produces, per method and per node: the `--json` document is built from these.
import type { GenerationInput } from '@onexgen/metrics';
import { microsToUsd, PASSING_VERDICTS, VERDICTS, type Verdict } from '@onexgen/onex';
import type { ParsedFragment, ValidationIssue } from '@onexgen/response-validator';
import type { TaskSignature } from '@onexgen/pattern-library';
import type { LearnOptions } from '../session/learning.js';

/** How a method's code was produced (the metrics vocabulary). */
export type Strategy = 'learned_template' | 'pattern' | 'llm' | 'retry' | 'template_fallback' | 'partial';

export const FELL_BACK: readonly Strategy[] = ['template_fallback', 'partial'];

export { VERDICTS, PASSING_VERDICTS, type Verdict } from '@onexgen/onex';

/** The verdict of a method from how its body was produced and what the examples said. */
export function verdictOf(strategy: Strategy, attempts: number, behaviour?: Pick<BehaviourOutcome, 'status' | 'failed'>): Verdict {
  if (FELL_BACK.includes(strategy)) return attempts > 0 ? 'failed' : 'incomplete';
  if (!behaviour || behaviour.status === 'no-examples') return 'passed-static';
  if (behaviour.status === 'unavailable') return 'unchecked';
  return behaviour.failed === 0 ? 'passed' : 'failed';
}

/** What running the spec's examples against the accepted body showed. */
export interface BehaviourOutcome {
  status: 'ran' | 'no-examples' | 'unavailable';
  examples: number;
  passed: number;
  failed: number;
  /** 'stand-in' or 'real' omnibase_core */
  runtime?: string;
  networkIsolated?: boolean;
  /** why no Python ran them */
  reason?: string;
}

export interface MethodOutcome {
  class: string | null;
  name: string;
  strategy: Strategy;
  /** LLM attempts made (0 when no model was asked) */
  attempts: number;
  /** true only for the verdicts `passed` and `passed-static` */
  passed: boolean;
  verdict: Verdict;
  score: number;
  behaviour?: BehaviourOutcome;
  tokens: { input: number; output: number; total: number };
  /** integer micro-dollars (what is summed and stored) */
  costMicros: number;
  /** the same in US dollars, for a person reading --json */
  cost: number;
  /** ms spent on this method, waiting for the model included */
  latency: number;
  /** ms of `latency` spent waiting for the model (the rest is the pipeline's own overhead) */
  modelLatency: number;
  /** LLM path only: ms spent building the context and validating the answers */
  contextMs?: number;
  validateMs?: number;
  issues: Pick<ValidationIssue, 'ruleId' | 'severity' | 'message' | 'line'>[];
  correlationId: string;
  /** why the method fell back (or which template/pattern was used) */
  reason?: string;
  /** multi-pass: the plan pass 1 wrote (structured JSON or prose) and why the method was planned */
  plan?: { structured: boolean; reason: string };
  /** cross-model review of the accepted code: the last verdict, what it led to, re-asks made */
  review?: MethodReview;
}

export interface MethodReview {
  verdict: 'approve' | 'reject' | 'unreadable';
  /** accept; mark (the code is kept, a person should look); re-ask (the re-asked loop fell back) */
  action: 'accept' | 'mark' | 're-ask';
  reasks: number;
  model: string;
  reason: string;
}

export interface GeneratedBody {
  outcome: MethodOutcome;
  code: string;
  imports: string[];
  /**
   * `code` as its validation parsed it, so injecting it does not parse it again (in this process
   * only: a queued run carries code, imports, outcome and learning, not this)
   */
  parsed?: ParsedFragment;
  /** what to learn a template from (plain data: a queued run carries it from worker to worker);
   *  learned only after the node is written with this body */
  learning?: LearningInput;
}

export interface LearningInput {
  task: TaskSignature;
  code: string;
  options: LearnOptions;
  /** the generation row that made the code: committed in one transaction with the template */
  generation?: Omit<GenerationInput, 'sessionId'>;
}

export type NodeStatus = 'written' | 'failed' | 'skipped';

export interface NodeOutcome {
  input: string;
  kind: 'spec' | 'node-file';
  /** where the result was written (a directory for specs, a file for node files) */
  output?: string;
  className?: string;
  status: NodeStatus;
  methods: MethodOutcome[];
  addedImports: string[];
  error?: { code: string; message: string };
  /** --in-place: where the original was saved (`onexgen undo <run id>` restores it) */
  backup?: string;
  /** a node that was not written: the stubs it still has (what a later run has left to do) */
  pendingMethods?: string[];
}

import type { RunStop } from './stop-reason.js';

export interface RunTotals {
  methods: number;
  passed: number;
  fellBack: number;
  verdicts: Record<Verdict, number>;
  tokens: number;
  /** integer micro-dollars */
  costMicros: number;
  /** US dollars, for a person */
  cost: number;
  latency: number;
}

export interface RunOutcome extends RunStop {
  sessionId: string;
  offline: boolean;
  exitCode: 0 | 1 | 2 | 3;
  nodes: NodeOutcome[];
  totals: RunTotals;
  database: string;
  provider?: string;
}

export function totalsOf(nodes: readonly NodeOutcome[]): RunTotals {
  const methods = nodes.flatMap((n) => n.methods);
  const costMicros = methods.reduce((s, m) => s + m.costMicros, 0);
  return {
    methods: methods.length,
    passed: methods.filter((m) => PASSING_VERDICTS.includes(m.verdict)).length,
    fellBack: methods.filter((m) => FELL_BACK.includes(m.strategy)).length,
    verdicts: Object.fromEntries(VERDICTS.map((v) => [v, methods.filter((m) => m.verdict === v).length])) as Record<Verdict, number>,
    tokens: methods.reduce((s, m) => s + m.tokens.total, 0),
    costMicros,
    cost: microsToUsd(costMicros),
    latency: Math.round(methods.reduce((s, m) => s + m.latency, 0)),
  };
}

/**
 * 3 provider/budget failure > 2 input error > 1 some method `failed` or `incomplete` > 0.
 * `unchecked` does not raise the code (no Python to run the examples is a warning, said once).
 */
export function exitCodeOf(nodes: readonly NodeOutcome[]): 0 | 1 | 2 | 3 {
  const codes = nodes.map((n): 0 | 1 | 2 | 3 => {
    if (n.error && ['PROVIDER_FAILED', 'BUDGET_EXHAUSTED', 'INTERRUPTED', 'DATABASE_FAILED'].includes(n.error.code)) return 3;
    if (n.status === 'failed') return 2;
    return n.methods.some((m) => m.verdict === 'failed' || m.verdict === 'incomplete') ? 1 : 0;
  });
  return codes.reduce<0 | 1 | 2 | 3>((a, b) => (b > a ? b : a), 0);
}
