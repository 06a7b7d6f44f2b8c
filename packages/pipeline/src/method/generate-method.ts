// One stub through the hybrid order: learned template → pattern code → LLM loop → template/partial.
// Records the generation (every strategy), learns from good LLM answers, feeds pattern effectiveness.
import { randomUUID } from 'node:crypto';
import type { GenerationInput } from '@onexgen/metrics';
import { llmLoop } from './llm-loop.js';
import { bodyResult, NO_SPEND, type Spend } from './method-result.js';
import type { MethodInfo, NodeContext } from './node-context.js';
import type { GeneratedBody, Strategy } from '../outcome/outcome.js';
import type { Session } from '../session/session.js';
import { parsedBodyOf } from '../session/validation.js';
import { DEFAULT_END_ACTION, fallbackBody } from './stage-fallback.js';
import { tryLearnedTemplate, tryPatternCode } from './stage-reuse.js';

const OFFLINE_REASON = 'offline: no LLM provider configured';

interface Recorded {
  strategy: Strategy;
  tier: string;
  provider?: string;
  model: string;
  finishReason?: string;
  promptLength?: number;
  responseLength?: number;
  /** the prompt template set's name@hash (LLM paths only) */
  promptVersion?: string;
  /** the prompt experiment's `experiment/arm` (LLM paths only) */
  experimentArm?: string;
}

/** Records the generation row (and returns it, for learning to commit it with the template). */
function record(session: Session, node: NodeContext, info: MethodInfo, body: GeneratedBody, meta: Recorded, spend: Spend): Omit<GenerationInput, 'sessionId'> {
  const { outcome } = body;
  const issues = outcome.issues;
  const row: Omit<GenerationInput, 'sessionId'> = {
    correlationId: outcome.correlationId,
    nodeType: node.nodeType,
    serviceName: node.spec.name,
    methodName: info.stub.method,
    tier: meta.tier,
    ...(meta.provider ? { provider: meta.provider } : {}),
    model: meta.model,
    tokensInput: spend.tokensInput,
    tokensOutput: spend.tokensOutput,
    latencyMs: outcome.latency,
    costMicroUsd: spend.costMicros,
    syntaxValid: !issues.some((i) => i.ruleId.startsWith('syntax/')),
    onexCompliant: !issues.some((i) => i.ruleId.startsWith('onex/') && i.severity === 'error'),
    hasTypeHints: info.stub.function.returnAnnotation !== undefined,
    validationPassed: outcome.passed,
    securityIssues: issues.filter((i) => i.ruleId.startsWith('security/')),
    qualityScore: outcome.score,
    strategy: meta.strategy,
    verdict: outcome.verdict,
    examplesTotal: outcome.behaviour?.examples ?? 0,
    examplesPassed: outcome.behaviour?.status === 'ran' ? outcome.behaviour.passed : 0,
    // model calls made: 0 for a body no model wrote, as --json reports it
    attempts: spend.attempts,
    ...(meta.finishReason ? { finishReason: meta.finishReason } : {}),
    ...(meta.promptLength !== undefined ? { promptLength: meta.promptLength, responseLength: meta.responseLength } : {}),
    ...(meta.promptVersion ? { promptVersion: meta.promptVersion } : {}),
    ...(meta.experimentArm ? { experimentArm: meta.experimentArm } : {}),
  };
  session.recorder.generation(row);
  return row;
}

/** One method, inside its trace span when the run is traced. */
export async function generateMethod(session: Session, node: NodeContext, info: MethodInfo): Promise<GeneratedBody> {
  const correlationId = randomUUID();
  const trace = session.trace;
  if (!trace) return generate(session, node, info, correlationId);
  trace.startMethod(node.label, info.stub.method, correlationId, { 'onexgen.node_type': node.nodeType });
  try {
    const body = await generate(session, node, info, correlationId);
    const o = body.outcome;
    trace.endMethod(correlationId, { verdict: o.verdict, strategy: o.strategy, attempts: o.attempts, costUsd: o.cost, tokensInput: o.tokens.input, tokensOutput: o.tokens.output, ...(o.reason ? { reason: o.reason } : {}) });
    return body;
  } catch (error) {
    trace.failMethod(correlationId, error);
    throw error;
  }
}

async function generate(session: Session, node: NodeContext, info: MethodInfo, correlationId: string): Promise<GeneratedBody> {
  const started = performance.now();
  // its examples will need the run's sandbox: start it now, behind this method's other work
  if (info.examples.length > 0) session.sandbox?.warm();
  const progress = (stage: Parameters<Session['progress']>[0]['stage'], detail?: string) =>
    session.progress({ node: node.label, method: info.stub.method, stage, ...(detail ? { detail } : {}) });

  progress('learned-template');
  const learned = await tryLearnedTemplate(session, node, info);
  progress('pattern');
  const reused = learned ?? (await tryPatternCode(session, node, info));
  if (reused) {
    const body = bodyResult(info, correlationId, started, reused.strategy, reused.code, reused.imports, reused.validation, NO_SPEND, reused.reason, reused.behaviour);
    record(session, node, info, body, { strategy: reused.strategy, tier: 'none', model: 'none' }, NO_SPEND);
    progress('done', reused.strategy);
    return body;
  }

  let action: 'template' | 'partial' = DEFAULT_END_ACTION;
  let reason = OFFLINE_REASON;
  let spend = NO_SPEND;
  let promptVersion: string | undefined;
  let experimentArm: string | undefined;
  // an eval (or --no-learn) is a measurement: nothing it generates is learned
  const learn = !info.config.noLearn;
  if (session.model && !info.config.offline) {
    const loop = await llmLoop(session, node, info, correlationId);
    spend = loop.spend;
    if (loop.accepted) {
      const strategy: Strategy = loop.spend.attempts > 1 ? 'retry' : 'llm';
      const body = bodyResult(info, correlationId, started, strategy, loop.code, loop.imports, loop.validation, spend, undefined, loop.behaviour);
      const parsed = parsedBodyOf(session, loop.validation);
      if (parsed) body.parsed = parsed;
      if (loop.plan) body.outcome.plan = loop.plan;
      if (loop.review) body.outcome.review = loop.review;
      const generation = record(session, node, info, body, { strategy, tier: loop.tier, provider: loop.provider, model: loop.model, ...(loop.finishReason ? { finishReason: loop.finishReason } : {}), promptLength: loop.promptLength, responseLength: loop.responseLength, promptVersion: loop.promptVersion, ...(loop.experimentArm ? { experimentArm: loop.experimentArm } : {}) }, spend);
      if (!learn) {
        progress('done', strategy);
        return body;
      }
      void session.learning.recordPatternUsage(loop.patternIds, true, loop.validation.score);
      // learned only once the node is written with this body in it (run-nodes calls it then); only
      // an answer whose examples all passed (and no reviewer rejected) may be reused, others are
      // kept pending for a person
      const b = loop.behaviour;
      const examplesPassed = b?.status === 'ran' && b.failed === 0 && loop.review?.action !== 'mark';
      body.learning = {
        task: info.task,
        code: loop.code,
        options: {
          score: loop.validation.score,
          costMicros: spend.costMicros,
          origin: examplesPassed ? 'examples' : 'pending',
          generationId: correlationId,
          model: loop.model,
          checks: [`static ${loop.validation.score.toFixed(2)}`, ...(b?.status === 'ran' ? [`examples ${b.passed}/${b.examples}`] : [])],
        },
        generation,
      };
      progress('done', strategy);
      return body;
    }
    action = loop.action;
    promptVersion = loop.promptVersion;
    experimentArm = loop.experimentArm;
    reason = loop.reason;
    if (learn) void session.learning.recordPatternUsage(loop.patternIds, false, 0);
  }

  progress('fallback', action);
  const fb = fallbackBody(session, node, info, action, reason);
  const body = bodyResult(info, correlationId, started, fb.strategy, fb.code, fb.imports, fb.validation, spend, reason);
  session.recorder.fallback({
    correlationId,
    nodeType: node.nodeType,
    methodName: info.stub.method,
    strategy: fb.strategy === 'partial' ? 'partial' : 'template',
    reason,
    attempts: spend.attempts,
    success: fb.validation.syntaxValid,
    durationMs: body.outcome.latency,
  });
  record(session, node, info, body, { strategy: fb.strategy, tier: spend.attempts > 0 ? info.config.tier : 'none', model: spend.attempts > 0 ? (info.config.model ?? 'unknown') : 'none', ...(promptVersion ? { promptVersion } : {}), ...(experimentArm ? { experimentArm } : {}) }, spend);
  progress('done', fb.strategy);
  return body;
}
