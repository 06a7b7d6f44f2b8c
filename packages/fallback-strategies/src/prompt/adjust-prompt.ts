import { z } from 'zod';
import { FallbackError, parseInput } from '../errors.js';
import { isSecurityFinding, selectFailingRules } from '../policy/failing-rules.js';
import { defaultPolicy, fallbackPolicySchema } from '../policy/policy.js';
import { validationInputSchema } from '../policy/validation-input.js';
import type { ValidationInput } from '../policy/validation-input.js';
import { renderTemplate } from '../templates.js';
import { promptContextSchema } from './prompt-context.js';
import type { SectionId } from '@onexgen/onex';
import type { PromptContext, PromptSection } from './prompt-context.js';
import { countTokens } from '@onexgen/onex/tokens';
import { fenceFor, ruleViews, truncateCode, type CountTokens } from './retry-feedback.js';

export const adjustPromptOptionsSchema = z
  .object({
    /** the policy in force: its maxAttempts and securityBlockingSeverity shape the prompt */
    policy: fallbackPolicySchema.optional(),
    /** failing rules stated in the prompt, security first */
    maxFailingRules: z.number().int().min(1).default(8),
    /** each rule message is cut to this many characters */
    maxRuleMessageChars: z.number().int().min(40).default(240),
    /** the previous answer is cut to this many tokens (whole lines around the first failing rule) */
    maxPreviousCodeTokens: z.number().int().min(50).default(1200),
    /** room for the rejected-attempt block on top of the first prompt's size (the default bound) */
    feedbackTokens: z.number().int().nonnegative().default(2000),
    /** hard bound on system + user tokens; default: first-prompt tokens + feedbackTokens */
    maxTokens: z.number().int().positive().optional(),
  })
  .strict();

export type AdjustPromptOptions = z.input<typeof adjustPromptOptionsSchema> & {
  /** a tiktoken-exact counter to use instead of this package's cl100k_base one */
  countTokens?: CountTokens;
};

export interface DroppedPart {
  section: SectionId | 'previous-answer';
  /** the pattern/reference item, when one item was dropped rather than the section */
  itemId?: string;
  tokens: number;
  why: string;
}

export interface AdjustedPrompt {
  system: string;
  user: string;
  /** the attempt this prompt is for (give it to the validator context as `attempt`) */
  attempt: number;
  /** exact tokens of system + user */
  tokens: number;
  /** the bound the prompt was held to */
  bound: number;
  dropped: DroppedPart[];
}

interface Plan {
  sections: PromptSection[];
  codeTokens: number;
  patternsTrimmed: boolean;
}

/**
 * The prompt for the attempt after `failed`, rebuilt from the context sections (never from the
 * transcript): attempt 2 drops the reference implementations, attempt 3 also keeps only critical
 * patterns; the failing rules are stated and the previous answer is shown once.
 *
 * Bound: system + user ≤ `maxTokens` (default: the first prompt's tokens + `feedbackTokens`),
 * counted exactly. Only the latest rules and answer appear, both capped, so the size does not grow
 * with the attempt number; if it is still over, references, non-critical patterns, lines of the
 * previous answer, then all patterns are shed, in that order; if even that is not enough the
 * bound is unreachable and a FallbackError PROMPT_OVER_BOUND says by how much.
 */
export function adjustPrompt(
  context: PromptContext,
  validation: ValidationInput,
  failed: { number: number },
  previousCode: string,
  options: AdjustPromptOptions = {},
): AdjustedPrompt {
  const { countTokens: counter, ...rest } = options;
  const count: CountTokens = counter ?? ((text) => countTokens(text));
  const ctx = parseInput(promptContextSchema, context, 'context');
  const result = parseInput(validationInputSchema, validation, 'validation');
  const previous = parseInput(z.looseObject({ number: z.number().int().min(1) }), failed, 'attempt').number;
  const opts = parseInput(adjustPromptOptionsSchema, rest, 'options');
  if (typeof previousCode !== 'string') throw new FallbackError('INVALID_INPUT', 'invalid previousCode: expected a string');
  const policy = opts.policy ?? defaultPolicy;

  const attempt = previous + 1;
  const system = ctx.sections.find((section) => section.id === 'system')?.content ?? '';
  const body = ctx.sections.filter((section) => section.id !== 'system');
  const systemTokens = count(system);
  const bound = opts.maxTokens ?? systemTokens + count(renderSections(body)) + opts.feedbackTokens;

  const failing = selectFailingRules(result, policy);
  const { rules, omitted } = ruleViews(failing, (issue) => isSecurityFinding(issue, policy), opts.maxFailingRules, opts.maxRuleMessageChars);
  const dropped: DroppedPart[] = [];
  const plan: Plan = { sections: body, codeTokens: opts.maxPreviousCodeTokens, patternsTrimmed: false };

  // The schedule: what an attempt of this number leaves out whatever the size.
  if (attempt >= 2) dropSection(plan, 'references', 'attempt 2+ drops reference implementations', dropped, count);
  if (attempt >= 3) trimPatterns(plan, 'attempt 3+ keeps only critical patterns', dropped, count);

  // Shedding, only while over the bound.
  const shed: Array<() => boolean> = [
    () => dropSection(plan, 'references', 'over the bound', dropped, count),
    () => trimPatterns(plan, 'over the bound', dropped, count),
    () => (plan.codeTokens > 100 ? ((plan.codeTokens = Math.floor(plan.codeTokens / 2)), true) : false),
    () => dropSection(plan, 'patterns', 'over the bound', dropped, count),
  ];
  for (;;) {
    const code = truncateCode(previousCode, plan.codeTokens, count, failing[0]?.line);
    const user = renderTemplate('prompts/retry-user.mustache', {
      sections: plan.sections,
      attempt,
      maxAttempts: Math.max(policy.maxAttempts, attempt),
      previousAttempt: previous,
      rules,
      omittedRules: omitted,
      code: code.code,
      fence: fenceFor(code.code),
      firstLine: code.firstLine,
      omittedBefore: code.omittedBefore,
      omittedAfter: code.omittedAfter,
    });
    const tokens = systemTokens + count(user);
    if (tokens <= bound) {
      const cutLines = code.omittedBefore + code.omittedAfter;
      if (cutLines > 0) {
        dropped.push({ section: 'previous-answer', tokens: count(previousCode) - count(code.code), why: `${cutLines} line(s) beyond ${plan.codeTokens} tokens` });
      }
      return { system, user, attempt, tokens, bound, dropped };
    }
    // Run the first shedding step that still changes something; a step that cannot is retired.
    while (shed.length > 0 && !shed[0]!()) shed.shift();
    if (shed.length === 0) {
      throw new FallbackError('PROMPT_OVER_BOUND', `retry prompt for attempt ${attempt} needs ${tokens} tokens after shedding everything optional; the bound is ${bound}`);
    }
  }
}

function renderSections(sections: readonly PromptSection[]): string {
  return sections.map((section) => `## ${section.title}\n\n${section.content}\n\n`).join('');
}

function dropSection(plan: Plan, id: SectionId, why: string, dropped: DroppedPart[], count: CountTokens): boolean {
  const section = plan.sections.find((candidate) => candidate.id === id);
  if (!section) return false;
  plan.sections = plan.sections.filter((candidate) => candidate !== section);
  dropped.push({ section: id, tokens: count(section.content), why });
  return true;
}

/** Keeps the critical pattern items; without items nothing can be told apart, so nothing is trimmed. */
function trimPatterns(plan: Plan, why: string, dropped: DroppedPart[], count: CountTokens): boolean {
  const patterns = plan.sections.find((section) => section.id === 'patterns');
  if (plan.patternsTrimmed || !patterns?.items) return false;
  plan.patternsTrimmed = true;
  const critical = patterns.items.filter((item) => item.critical === true);
  for (const item of patterns.items) {
    if (item.critical !== true) dropped.push({ section: 'patterns', itemId: item.id, tokens: count(item.text), why });
  }
  if (critical.length === 0) {
    plan.sections = plan.sections.filter((section) => section !== patterns);
    return true;
  }
  const content = critical.map((item) => item.text).join('\n\n');
  plan.sections = plan.sections.map((section) => (section === patterns ? { ...section, content, items: critical } : section));
  return true;
}
