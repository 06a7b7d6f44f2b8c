// Builds a MethodOutcome from a validation result and what the method spent.
import { microsToUsd } from '@onexgen/onex';
import type { ValidationResult } from '@onexgen/response-validator';
import { verdictOf, type BehaviourOutcome, type GeneratedBody, type MethodOutcome, type Strategy } from '../outcome/outcome.js';
import type { MethodInfo } from './node-context.js';

export interface Spend {
  attempts: number;
  /** ms waiting for the model */
  latencyMs: number;
  /** ms building the context and validating answers (the two largest parts of the overhead) */
  contextMs?: number;
  validateMs?: number;
  tokensInput: number;
  tokensOutput: number;
  /** integer micro-dollars */
  costMicros: number;
}

export const NO_SPEND: Spend = { attempts: 0, latencyMs: 0, tokensInput: 0, tokensOutput: 0, costMicros: 0 };

export function bodyResult(
  info: MethodInfo,
  correlationId: string,
  started: number,
  strategy: Strategy,
  code: string,
  imports: readonly string[],
  validation: ValidationResult,
  spend: Spend,
  reason?: string,
  behaviour?: BehaviourOutcome,
): GeneratedBody {
  const verdict = verdictOf(strategy, spend.attempts, behaviour);
  const outcome: MethodOutcome = {
    class: info.stub.className,
    name: info.stub.method,
    strategy,
    attempts: spend.attempts,
    // a fallback body is never reported as passing, whatever its static score
    passed: validation.passed && (verdict === 'passed' || verdict === 'passed-static'),
    verdict,
    score: Math.round(validation.score * 1000) / 1000,
    tokens: { input: spend.tokensInput, output: spend.tokensOutput, total: spend.tokensInput + spend.tokensOutput },
    costMicros: spend.costMicros,
    cost: microsToUsd(spend.costMicros),
    latency: Math.round((performance.now() - started) * 100) / 100,
    modelLatency: Math.round(spend.latencyMs * 100) / 100,
    ...(spend.contextMs !== undefined ? { contextMs: Math.round(spend.contextMs * 100) / 100 } : {}),
    ...(spend.validateMs !== undefined ? { validateMs: Math.round(spend.validateMs * 100) / 100 } : {}),
    issues: validation.issues.map((i) => ({ ruleId: i.ruleId, severity: i.severity, message: i.message, line: i.line })),
    correlationId,
    ...(behaviour ? { behaviour } : {}),
    ...(reason ? { reason } : {}),
  };
  return { outcome, code, imports: [...imports] };
}
