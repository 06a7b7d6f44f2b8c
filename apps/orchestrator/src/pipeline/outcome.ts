// What a run produces, per method and per node: the `--json` document is built from these.
import type { ValidationIssue } from '@onexgen/response-validator';

/** How a method's code was produced (the metrics vocabulary). */
export type Strategy = 'learned_template' | 'pattern' | 'llm' | 'retry' | 'template_fallback' | 'partial';

export const FELL_BACK: readonly Strategy[] = ['template_fallback', 'partial'];

export interface MethodOutcome {
  class: string | null;
  name: string;
  strategy: Strategy;
  /** LLM attempts made (0 when no model was asked) */
  attempts: number;
  passed: boolean;
  score: number;
  tokens: { input: number; output: number; total: number };
  /** US dollars */
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
}

export interface GeneratedBody {
  outcome: MethodOutcome;
  code: string;
  imports: string[];
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
  /** a node that was not written: the stubs it still has (what a later run has left to do) */
  pendingMethods?: string[];
}

import type { RunStop } from './stop-reason.js';

export interface RunTotals {
  methods: number;
  passed: number;
  fellBack: number;
  tokens: number;
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
  return {
    methods: methods.length,
    passed: methods.filter((m) => m.passed).length,
    fellBack: methods.filter((m) => FELL_BACK.includes(m.strategy)).length,
    tokens: methods.reduce((s, m) => s + m.tokens.total, 0),
    cost: Math.round(methods.reduce((s, m) => s + m.cost, 0) * 1e6) / 1e6,
    latency: Math.round(methods.reduce((s, m) => s + m.latency, 0)),
  };
}

/** 3 provider/budget failure > 2 input error > 1 some fell back > 0. */
export function exitCodeOf(nodes: readonly NodeOutcome[]): 0 | 1 | 2 | 3 {
  const codes = nodes.map((n): 0 | 1 | 2 | 3 => {
    if (n.error && ['PROVIDER_FAILED', 'BUDGET_EXHAUSTED', 'INTERRUPTED', 'DATABASE_FAILED'].includes(n.error.code)) return 3;
    if (n.status === 'failed') return 2;
    return n.methods.some((m) => FELL_BACK.includes(m.strategy) || !m.passed) ? 1 : 0;
  });
  return codes.reduce<0 | 1 | 2 | 3>((a, b) => (b > a ? b : a), 0);
}
