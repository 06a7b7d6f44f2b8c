import { z } from 'zod';
import { parseInput } from '../errors.js';
import type { Decision } from '../policy/decide.js';

// Per-method record of what the fallback loop did, serialisable for @onexgen/metrics (which this
// package does not import). The schema is exported so the receiving side can validate it.

export const fallbackAttemptRecordSchema = z.object({
  number: z.number().int().min(1),
  tier: z.string(),
  action: z.enum(['accept', 'retry', 'escalate', 'template', 'partial']),
  reason: z.string(),
  failingRuleIds: z.array(z.string()),
  score: z.number().optional(),
  tokens: z.number().int().nonnegative(),
  costMicros: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative().optional(),
});

export const fallbackMetricsSchema = z.object({
  method: z.string(),
  nodeType: z.string().optional(),
  correlationId: z.string().optional(),
  /**
   * how the body was obtained in the end, in @onexgen/metrics' vocabulary: accept (first attempt),
   * retry (accepted after same-tier retries), escalate (accepted after climbing a tier), template,
   * partial; unfinished while the loop is still running
   */
  strategy: z.enum(['accept', 'retry', 'escalate', 'template', 'partial', 'unfinished']),
  /** LLM attempts made */
  attempts: z.number().int().nonnegative(),
  success: z.boolean(),
  reasons: z.array(z.string()),
  tiers: z.array(z.string()),
  tokens: z.number().int().nonnegative(),
  costMicros: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  finalScore: z.number().optional(),
  attemptLog: z.array(fallbackAttemptRecordSchema),
});

export type FallbackAttemptRecord = z.output<typeof fallbackAttemptRecordSchema>;
export type FallbackMetrics = z.output<typeof fallbackMetricsSchema>;

export interface AttemptOutcome {
  tier: string;
  /** this attempt's own tokens and cost (not cumulative) */
  tokens: number;
  costMicros: number;
  durationMs?: number;
  score?: number;
  decision: Decision;
}

export interface FallbackRecorder {
  recordAttempt(outcome: AttemptOutcome): void;
  /** cumulative spend so far, in the shape decide()'s `attempt` takes */
  spent(): { tokensSpent: number; costMicros: number };
  toJSON(): FallbackMetrics;
}

const recorderOptionsSchema = z
  .object({ method: z.string().min(1), nodeType: z.string().optional(), correlationId: z.string().optional() })
  .strict();

/** `now` is injectable so durations are testable; the default is the monotonic performance clock. */
export function createFallbackRecorder(
  options: z.input<typeof recorderOptionsSchema>,
  now: () => number = () => performance.now(),
): FallbackRecorder {
  const identity = parseInput(recorderOptionsSchema, options, 'options');
  const started = now();
  let finishedAt: number | undefined;
  const log: FallbackAttemptRecord[] = [];

  const total = (key: 'tokens' | 'costMicros') => log.reduce((sum, record) => sum + record[key], 0);

  return {
    recordAttempt(outcome) {
      const record = parseInput(
        fallbackAttemptRecordSchema,
        {
          number: log.length + 1,
          tier: outcome.tier,
          action: outcome.decision.action,
          reason: outcome.decision.reason,
          failingRuleIds: outcome.decision.failingRules.map((issue) => issue.ruleId),
          score: outcome.score,
          tokens: outcome.tokens,
          costMicros: outcome.costMicros,
          durationMs: outcome.durationMs,
        },
        'attempt outcome',
      );
      log.push(record);
      const action = record.action;
      if (action === 'accept' || action === 'template' || action === 'partial') finishedAt = now();
    },
    spent: () => ({ tokensSpent: total('tokens'), costMicros: total('costMicros') }),
    toJSON() {
      const last = log.at(-1);
      return {
        ...identity,
        strategy: strategyOf(log),
        attempts: log.length,
        success: last?.action === 'accept',
        reasons: log.filter((record) => record.action !== 'accept').map((record) => record.reason),
        tiers: log.map((record) => record.tier),
        tokens: total('tokens'),
        costMicros: total('costMicros'),
        durationMs: (finishedAt ?? now()) - started,
        ...(last?.score !== undefined ? { finalScore: last.score } : {}),
        attemptLog: log.map((record) => ({ ...record })),
      };
    },
  };
}

function strategyOf(log: readonly FallbackAttemptRecord[]): FallbackMetrics['strategy'] {
  const last = log.at(-1);
  if (!last || last.action === 'retry' || last.action === 'escalate') return 'unfinished';
  if (last.action === 'template' || last.action === 'partial') return last.action;
  if (log.length === 1) return 'accept';
  return log.some((record) => record.action === 'escalate') ? 'escalate' : 'retry';
}
