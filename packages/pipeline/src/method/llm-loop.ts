// The LLM stage: context-builder → model (llm-effect) → response-validator → fallback-strategies,
// until an answer is accepted or the policy ends the loop with a template or partial body.
import { buildContext, buildRetryPrompt, type BuiltContext } from '@onexgen/context-builder';
import { methodBudget } from '@onexgen/llm-effect';
import { countTokens } from '@onexgen/onex/tokens';
import { runFallbackLoop, type AttemptRequest, type AttemptResult, type FallbackPolicyInput } from '@onexgen/fallback-strategies';
import type { ExtractionResult, ValidationResult } from '@onexgen/response-validator';
import type { Spend } from './method-result.js';
import { contextSpecOf, type MethodInfo, type NodeContext } from './node-context.js';
import type { BehaviourOutcome } from '../outcome/outcome.js';
import type { ModelCaller } from '../model/model-port.js';
import type { Session } from '../session/session.js';
import { silentProgress } from '../session/progress-events.js';
import { validateAnswer } from '../session/validation.js';
import { behaviourRecord, checkBehaviour, withBehaviour, type BehaviourCheck } from './stage-behaviour.js';
import { planAddition } from '@onexgen/context-builder';
import { MethodCalls, multiPassFor, planPass, reviewFor, reviewPass } from './extra-passes.js';
import { promptArmOf } from './prompt-arm.js';
import type { MethodReview } from '../outcome/outcome.js';

/** What the strategy's extra passes add to a loop result: the experiment arm, the plan, the review. */
export interface LoopExtras {
  /** `experiment/arm` when a prompt experiment runs */
  experimentArm?: string;
  plan?: { structured: boolean; reason: string };
  review?: MethodReview;
}

type CodeLoopResult =
  | { accepted: true; code: string; imports: string[]; validation: ValidationResult; behaviour?: BehaviourOutcome; spend: Spend; patternIds: string[]; tier: string; model: string; provider: string; finishReason?: string; promptLength: number; responseLength: number; promptVersion: string }
  | { accepted: false; action: 'template' | 'partial'; reason: string; spend: Spend; patternIds: string[]; promptVersion: string };

export type LoopResult = CodeLoopResult & LoopExtras;

const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n\n') || undefined;

/** The policy the loop decides with: the method's attempts, and its budget and escalation ladder as llm-effect states them. */
function policyOf(info: MethodInfo, model: ModelCaller): FallbackPolicyInput {
  return {
    maxAttempts: info.config.maxAttempts,
    budget: methodBudget({ maxTokens: info.config.methodMaxTokens, maxCostUsd: info.config.methodMaxCostUsd }),
    escalation: { tiers: model.ladder(info.config.tier) },
  };
}

/** The method's context (no recording): used by the loop and by `onexgen explain`. */
export function buildMethodContext(deps: Pick<Session, 'patterns' | 'parser' | 'references'>, node: NodeContext, info: MethodInfo): BuiltContext {
  const fn = info.stub.function;
  const arm = promptArmOf(info.config.experiments, node.spec.name, info.stub.method);
  return buildContext(
    {
      spec: contextSpecOf(node) as Parameters<typeof buildContext>[0]['spec'],
      method: {
        name: fn.name,
        signature: info.signatureText,
        ...(fn.docstring ? { docstring: fn.docstring.text } : {}),
        async: fn.isAsync,
      },
      nodeType: node.nodeType,
    },
    { patterns: deps.patterns, parser: deps.parser, ...(deps.references ? { references: deps.references } : {}) },
    {
      budget: info.config.contextBudget,
      ...(info.config.model ? { model: info.config.model } : {}),
      // a prompt experiment: this method's arm builds its context with the arm's template set
      ...(arm?.templatesDir ? { templatesDir: arm.templatesDir } : {}),
    },
  );
}

function build(session: Session, node: NodeContext, info: MethodInfo, correlationId: string): BuiltContext {
  const fn = info.stub.function;
  const built = buildMethodContext(session, node, info);
  const tokensPerSection = Object.fromEntries(built.sections.map((s) => [s.id, s.tokens]));
  session.recorder.contextBuild({
    correlationId,
    nodeType: node.nodeType,
    methodName: fn.name,
    buildMs: built.metrics.buildTimeMs,
    totalTokens: built.total,
    budgetTokens: built.budget.total,
    tokensPerSection,
    truncatedSections: built.sections.filter((s) => s.truncated).map((s) => s.id),
    patternsIncluded: built.metadata.patterns.included,
    patternsAvailable: built.metadata.patterns.available,
    referencesIncluded: built.metadata.references.included,
    referencesAvailable: built.metadata.references.available,
  });
  return built;
}

/** One attempt as the loop sees it, with what the method's result needs from it. */
interface Attempt extends AttemptResult {
  validation: ValidationResult & { extraction: ExtractionResult };
  behaviour?: BehaviourCheck;
  model: string;
  provider: string;
  finishReason?: string;
  promptLength: number;
  responseLength: number;
}

/**
 * The LLM stage of one method: fallback-strategies' attempt loop, driven with this pipeline's model
 * call, static validation, behaviour check and recording as its `attempt` — with the strategy's
 * extra passes around it: a plan first for complex methods (multi-pass), and for critical ones a
 * second model's review of the accepted code, whose rejection re-asks (the loop again, with the
 * issues) or marks the method for a person.
 */
export async function llmLoop(session: Session, node: NodeContext, info: MethodInfo, correlationId: string): Promise<LoopResult> {
  const model = session.model!;
  const progress = (stage: 'context' | 'model' | 'validate' | 'behaviour', attempt?: number) =>
    session.progress({ node: node.label, method: info.stub.method, stage, ...(attempt ? { attempt } : {}) });
  progress('context');
  const contextStarted = performance.now();
  const built = build(session, node, info, correlationId);
  const contextMs = performance.now() - contextStarted;
  const patternIds = built.metadata.patterns.ids;
  const policy = policyOf(info, model);
  const first = built.toMessages();
  const spend: Spend = { attempts: 0, latencyMs: 0, tokensInput: 0, tokensOutput: 0, costMicros: 0, contextMs, validateMs: 0 };
  const complexity = multiPassFor(node, info);
  const criticality = reviewFor(node, info);
  // every model call of the method gets its own call number; with extra passes each code attempt is a pass row too
  const calls = new MethodCalls(session, node, info, correlationId, complexity !== undefined || criticality !== undefined);
  const arm = promptArmOf(info.config.experiments, node.spec.name, info.stub.method);
  const extras: LoopExtras = arm ? { experimentArm: arm.label } : {};

  let baseAdditions = info.config.promptAdditions;
  if (complexity) {
    const plan = await planPass(calls, first, info, complexity, spend);
    extras.plan = { structured: plan.structured, reason: complexity.reason };
    baseAdditions = joined(baseAdditions, planAddition(plan.text));
  }
  let result = await codeLoop(baseAdditions);
  if (criticality && result.accepted) {
    // the code under review: the accepted answer, then each re-ask's accepted answer
    let reviewed = result.code;
    for (let reasks = 0; ; ) {
      const review = await reviewPass(calls, node, info, reviewed, reasks, spend);
      const { decision } = review;
      extras.review = { verdict: review.verdict, action: decision.action, reasks, model: review.model, reason: decision.reason };
      if (decision.action !== 're-ask') break;
      reasks += 1;
      const rejected = `The rejected code:\n\`\`\`python\n${reviewed}\n\`\`\``;
      result = await codeLoop(joined(baseAdditions, decision.feedback, rejected));
      if (!result.accepted) {
        extras.review = { ...extras.review, reasks, reason: `${decision.reason}; the re-ask fell back (${result.reason})` };
        break;
      }
      reviewed = result.code;
    }
  }
  return { ...result, ...extras };

  /** One run of the attempt loop with these additions to the prompt (first ask and re-asks). */
  async function codeLoop(additions: string | undefined): Promise<CodeLoopResult> {
    const attempt = async ({ system, user, tier, attempt }: AttemptRequest): Promise<Attempt> => {
      // the run's budget (money, tokens) is llm-effect's: the call is refused there once it is spent
      progress('model', attempt);
      session.trace?.content(correlationId, 'prompt', `${system}\n\n${user}`);
      // a streaming answer: each chunk to the progress display with the answer's tokens so far. With
      // no display nobody reads them: counting every chunk was 2 % of a run's CPU (tools/bench)
      let streamed = 0;
      const onText =
        session.progress === silentProgress
          ? undefined
          : (text: string) => {
              streamed += countTokens(text);
              session.progress({ node: node.label, method: info.stub.method, stage: 'model', attempt, text, tokens: streamed });
            };
      calls.calls += 1;
      const callNumber = calls.calls;
      const waitStarted = performance.now();
      const answer = await model.call(
        { system, user, tier, ...(info.config.methodModel ? { model: info.config.methodModel } : {}),
          ...(info.config.methodModel && info.config.methodProvider ? { provider: info.config.methodProvider } : {}), correlationId, attempt: callNumber, nodeType: node.nodeType, ...(onText ? { onText } : {}) },
        session.signal,
      );
      session.trace?.content(correlationId, 'completion', answer.text);
      spend.attempts += 1;
      // with extra passes, the loop's first answer is the code pass and each re-ask a self-review against the failing rules
      if (calls.recordCode) calls.record(attempt === 1 ? 'code' : 'self-review', answer, { attempt, tier });
      spend.latencyMs += performance.now() - waitStarted;
      spend.tokensInput += answer.tokensInput;
      spend.tokensOutput += answer.tokensOutput;
      spend.costMicros += answer.costMicros;
      progress('validate', attempt);
      const validateStarted = performance.now();
      // what the selected variant requires of this method (pooling in a DATABASE_HEAVY effect, …) is checked too
      const required = built.metadata.variant.requiredPatterns;
      const statically = await validateAnswer(session, answer.text, { ...info.validation, ...(required.length ? { requiredPatterns: required } : {}), attempt });
      spend.validateMs = (spend.validateMs ?? 0) + performance.now() - validateStarted;
      // the examples run only on code that passed static validation
      let behaviour: BehaviourCheck | undefined;
      if (statically.passed && statically.syntaxValid) {
        progress('behaviour', attempt);
        behaviour = await checkBehaviour(session, node, info, statically.code, statically.extraction.imports);
      }
      const checked = behaviour ? withBehaviour(statically, behaviour) : statically;
      session.recorder.history({
        correlationId,
        attempt: callNumber,
        nodeType: node.nodeType,
        methodName: info.stub.method,
        // the system prompt is stored once per distinct text, the row names it (metrics' llm_prompt_texts)
        ...(system ? { systemPrompt: system, promptText: user } : { promptText: user }),
        generatedCode: checked.code,
        qualityScore: checked.score,
        validationPassed: checked.passed,
        // so that a person's feedback on this generation can move these patterns' effectiveness
        patternIds,
        ...(behaviour ? { behaviour: behaviourRecord(behaviour) } : {}),
      });
      return {
        code: checked.code,
        validation: checked,
        ...(behaviour ? { behaviour } : {}),
        tokens: answer.tokensInput + answer.tokensOutput,
        costMicros: answer.costMicros,
        model: answer.model,
        provider: answer.provider,
        ...(answer.finishReason ? { finishReason: answer.finishReason } : {}),
        promptLength: system.length + user.length,
        responseLength: answer.text.length,
      };
    };

    const outcome = await runFallbackLoop<Attempt>({
      nodeType: node.nodeType,
      // fallback-strategies plans what a re-ask changes; context-builder builds, counts and trims it
      retryPrompt: (plan) => buildRetryPrompt(built, plan),
      firstPrompt: { system: first.system, user: additions ? `${first.user}\n\n${additions}` : first.user },
      startTier: info.config.tier,
      attempt,
      policy,
      // a behaviour issue states given / expected / actual: give it room, still bounded
      retryOptions: (last) => (last.behaviour?.issues.length ? { maxRuleMessageChars: 700 } : {}),
      ...(additions ? { userSuffix: additions } : {}),
      correlationId,
      onDecision: (decision) => {
        if (decision.action === 'accept') return;
        session.recorder.fallback({
          correlationId,
          nodeType: node.nodeType,
          methodName: info.stub.method,
          strategy: decision.action,
          reason: decision.reason,
          attempts: spend.attempts,
          success: false,
        });
      },
    });
    const { decision, last } = outcome;
    if (decision.action === 'accept') {
      return {
        accepted: true,
        code: last.code,
        imports: last.validation.extraction.imports,
        validation: last.validation,
        ...(last.behaviour ? { behaviour: last.behaviour.outcome } : {}),
        spend,
        patternIds,
        tier: outcome.metrics.tiers.at(-1) ?? info.config.tier,
        model: last.model,
        provider: last.provider,
        ...(last.finishReason ? { finishReason: last.finishReason } : {}),
        promptLength: last.promptLength,
        promptVersion: built.metadata.promptVersion,
        responseLength: last.responseLength,
      };
    }
    return { accepted: false, action: decision.action as 'template' | 'partial', reason: decision.reason, spend, patternIds, promptVersion: built.metadata.promptVersion };
  }
}
