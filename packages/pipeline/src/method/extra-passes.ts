// The passes a strategy adds around the attempt loop: a plan before the code (multi-pass) and a
// second model's review of accepted code. Which methods get them is decided here from the run's
// configuration and fallback-strategies' complexity / criticality rules; each pass is one model
// call, charged (by llm-effect) to the run's budget and to the method's spend, and recorded as a
// generation_passes row with its model, tokens, cost and what it produced.
import { planPrompt, reviewPrompt } from '@onexgen/context-builder';
import {
  decideReview,
  methodComplexity,
  methodCriticality,
  parsePlanAnswer,
  parseReviewAnswer,
  type Complexity,
  type Criticality,
  type ParsedPlan,
  type ReviewDecision,
} from '@onexgen/fallback-strategies';
import { expectsRaise } from '@onexgen/onex';
import type { GenerationPassKind } from '@onexgen/metrics';
import type { ModelAnswer } from '../model/model-port.js';
import type { Session } from '../session/session.js';
import type { Spend } from './method-result.js';
import type { MethodInfo, NodeContext } from './node-context.js';

export type PassMode = 'off' | 'declared' | 'auto' | 'always';

/** Whether a method is planned first: `declared` needs `complexity: complex`, `auto` also the inferred rule. */
export function multiPassFor(node: NodeContext, info: MethodInfo): Complexity | undefined {
  const mode: PassMode = info.config.multiPass ?? 'declared';
  if (mode === 'off') return undefined;
  const declared = node.spec.overrides?.[info.stub.method]?.complexity;
  const c = methodComplexity({
    ...(declared ? { declared } : {}),
    examples: info.examples.length,
    raisingExamples: info.examples.filter(expectsRaise).length,
    ...(info.stub.function.docstring ? { docstring: info.stub.function.docstring.text } : {}),
  });
  if (mode === 'always') return { ...c, complex: true, reason: `multiPass: always (${c.reason})` };
  if (mode === 'declared' && c.source !== 'declared') return undefined;
  return c.complex ? c : undefined;
}

/** Whether a second model reviews the accepted code: `declared` needs `critical: true`, `auto` also the patterns. */
export function reviewFor(node: NodeContext, info: MethodInfo): Criticality | undefined {
  const mode: PassMode = info.config.review?.when ?? 'declared';
  if (mode === 'off') return undefined;
  const declared = node.spec.overrides?.[info.stub.method]?.critical;
  const c = methodCriticality({
    ...(declared !== undefined ? { declared } : {}),
    methodName: info.stub.method,
    ...(info.stub.function.docstring ? { docstring: info.stub.function.docstring.text } : {}),
    description: node.spec.description,
  });
  if (mode === 'always') return declared === false ? undefined : { ...c, critical: true, reason: `review: always (${c.reason})` };
  if (mode === 'declared' && c.source !== 'declared') return undefined;
  return c.critical ? c : undefined;
}

/** Numbers a method's model calls and passes, so that attempt rows and pass rows never collide. */
export class MethodCalls {
  /** model calls of the method so far (llm-effect's call number of the next one is calls + 1) */
  calls = 0;
  /** generation_passes rows of the method so far */
  passes = 0;

  constructor(
    private readonly session: Session,
    private readonly node: NodeContext,
    private readonly info: MethodInfo,
    readonly correlationId: string,
    /** record every code attempt as a pass too (set when the method takes extra passes) */
    readonly recordCode: boolean,
  ) {}

  /** A pass row for an answer the method paid for. */
  record(kind: GenerationPassKind, answer: Pick<ModelAnswer, 'provider' | 'model' | 'tokensInput' | 'tokensOutput' | 'costMicros' | 'latencyMs'>, detail: Record<string, unknown>): void {
    this.passes += 1;
    this.session.recorder.pass({
      correlationId: this.correlationId,
      methodName: this.info.stub.method,
      passNumber: this.passes,
      kind,
      provider: answer.provider,
      model: answer.model,
      tokensInput: answer.tokensInput,
      tokensOutput: answer.tokensOutput,
      costMicroUsd: answer.costMicros,
      latencyMs: answer.latencyMs,
      detail,
    });
  }

  /** One extra model call (plan or review), charged like an attempt. */
  async call(request: { system: string; user: string; model?: string; provider?: string }, spend: Spend): Promise<ModelAnswer> {
    const { session, node, info } = this;
    // the run's budget (money, tokens) is llm-effect's: the call is refused there once it is spent
    this.calls += 1;
    const started = performance.now();
    const answer = await session.model!.call(
      {
        system: request.system,
        user: request.user,
        tier: info.config.tier,
        ...(request.model ? { model: request.model } : {}),
        ...(request.model && request.provider ? { provider: request.provider } : {}),
        correlationId: this.correlationId,
        attempt: this.calls,
        nodeType: node.nodeType,
      },
      session.signal,
    );
    spend.latencyMs += performance.now() - started;
    spend.tokensInput += answer.tokensInput;
    spend.tokensOutput += answer.tokensOutput;
    spend.costMicros += answer.costMicros;
    return answer;
  }
}

/** Pass 1 of multi-pass: the plan (structured or prose), recorded. */
export async function planPass(calls: MethodCalls, messages: { system: string; user: string }, info: MethodInfo, complexity: Complexity, spend: Spend): Promise<ParsedPlan> {
  const answer = await calls.call(planPrompt({ messages, methodName: info.stub.method, examples: info.examples }), spend);
  const plan = parsePlanAnswer(answer.text);
  calls.record('plan', answer, {
    structured: plan.structured,
    complexity: complexity.reason,
    ...(plan.plan ? { steps: plan.plan.steps.length, edgeCases: plan.plan.edge_cases.length } : {}),
    ...(plan.error ? { error: plan.error } : {}),
  });
  return plan;
}

export interface ReviewResult {
  decision: ReviewDecision;
  verdict: 'approve' | 'reject' | 'unreadable';
  model: string;
}

/** A second model reviews the accepted body; recorded with its verdict and issues. */
export async function reviewPass(calls: MethodCalls, node: NodeContext, info: MethodInfo, code: string, reasksUsed: number, spend: Spend): Promise<ReviewResult> {
  const review = info.config.review ?? {};
  const fn = info.stub.function;
  const prompt = reviewPrompt({
    nodeType: node.nodeType,
    methodName: info.stub.method,
    signature: info.signatureText,
    ...(fn.docstring ? { docstring: fn.docstring.text } : {}),
    examples: info.examples,
    code,
  });
  const answer = await calls.call({ ...prompt, ...(review.model ? { model: review.model } : {}), ...(review.provider ? { provider: review.provider } : {}) }, spend);
  const parsed = parseReviewAnswer(answer.text);
  const decision = decideReview(parsed, reasksUsed, {
    ...(review.onReject ? { onReject: review.onReject } : {}),
    ...(review.maxReasks !== undefined ? { maxReasks: review.maxReasks } : {}),
  });
  const verdict = parsed.ok ? parsed.value.verdict : 'unreadable';
  calls.record('review', answer, {
    verdict,
    action: decision.action,
    reason: decision.reason,
    ...(parsed.ok ? { issues: parsed.value.issues } : { error: parsed.error }),
  });
  return { decision, verdict, model: answer.model };
}
