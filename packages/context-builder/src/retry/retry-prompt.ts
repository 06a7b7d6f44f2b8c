// The prompt of a re-ask, built from the context's sections (never from the transcript) and a
// RetryPlan (@onexgen/fallback-strategies decides what changes: the failing rules, the answer shown
// again, what the attempt number leaves out). Counting and trimming are this package's: the one
// token counter of the context's encoding, and one shedding order when the prompt is over its bound.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import { SECTION_IDS, type SectionId } from '@onexgen/onex';
import type { EncodingName } from '@onexgen/onex/tokens';
import type { RetryPlan } from '@onexgen/fallback-strategies';
import { z } from 'zod';
import { TEMPLATES_DIR } from '../data-dir.js';
import { ContextBuilderError, describeZodIssues } from '../errors.js';
import { fenceFor } from '../format/spec-data.js';
import { sharedTokenCounter } from '../tokens/shared-counter.js';
import { excerptAround } from './code-excerpt.js';

/** The part of a BuiltContext a re-ask is built from (a BuiltContext fits as it is). */
export interface RetryContext {
  sections: readonly {
    id: SectionId;
    title: string;
    content: string;
    tokens: number;
    items?: readonly { id: string; text: string; tokens: number; score?: number; critical?: boolean }[];
  }[];
  /** the encoding the context was counted in (default cl100k_base) */
  metadata?: { encoding?: EncodingName };
}

const retryContextSchema = z.looseObject({
  sections: z
    .array(
      z.looseObject({
        id: z.enum(SECTION_IDS),
        title: z.string(),
        content: z.string(),
        tokens: z.number().int().nonnegative(),
        items: z.array(z.looseObject({ id: z.string().min(1), text: z.string(), tokens: z.number().int().nonnegative(), critical: z.boolean().optional() })).optional(),
      }),
    )
    .min(1),
});

export interface DroppedPart {
  section: SectionId | 'previous-answer';
  /** the pattern/reference item, when one item was dropped rather than the section */
  itemId?: string;
  tokens: number;
  why: string;
}

export interface RetryPrompt {
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

type Section = RetryContext['sections'][number];

interface Trim {
  sections: Section[];
  codeTokens: number;
  patternsTrimmed: boolean;
}

/**
 * The re-ask prompt for `plan`. The system prompt is the system section byte for byte (provider
 * prompt caches hit). Bound: system + user ≤ plan.bound.maxTokens, else the first prompt's tokens +
 * plan.bound.feedbackTokens, counted exactly. Over it, references, non-critical patterns, lines of
 * the previous answer, then all patterns are shed, in that order; if even that is not enough a
 * ContextBuilderError PROMPT_OVER_BOUND says by how much.
 */
export function buildRetryPrompt(context: RetryContext, plan: RetryPlan): RetryPrompt {
  const checked = retryContextSchema.safeParse(context);
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => ({ ...issue, path: ['context', ...issue.path] }));
    throw new ContextBuilderError('INPUT_INVALID', `retry context: ${describeZodIssues(issues)}`, { cause: checked.error });
  }
  const counter = sharedTokenCounter(context.metadata?.encoding ?? 'cl100k_base');
  const count = (text: string) => counter.count(text);
  const system = context.sections.find((section) => section.id === 'system')?.content ?? '';
  const body = context.sections.filter((section) => section.id !== 'system');
  const systemTokens = count(system);
  const bound = plan.bound.maxTokens ?? systemTokens + count(renderSections(body)) + plan.bound.feedbackTokens;
  const dropped: DroppedPart[] = [];
  const trim: Trim = { sections: [...body], codeTokens: plan.maxPreviousCodeTokens, patternsTrimmed: false };

  // What the plan leaves out whatever the size.
  if (plan.leaveOut.references) dropSection(trim, 'references', 'attempt 2+ drops reference implementations', dropped, count);
  if (plan.leaveOut.nonCriticalPatterns) trimPatterns(trim, 'attempt 3+ keeps only critical patterns', dropped, count);

  // Shedding, only while over the bound.
  const shed: Array<() => boolean> = [
    () => dropSection(trim, 'references', 'over the bound', dropped, count),
    () => trimPatterns(trim, 'over the bound', dropped, count),
    () => (trim.codeTokens > 100 ? ((trim.codeTokens = Math.floor(trim.codeTokens / 2)), true) : false),
    () => dropSection(trim, 'patterns', 'over the bound', dropped, count),
  ];
  for (;;) {
    const code = excerptAround(plan.previousCode, trim.codeTokens, count, plan.focusLine);
    const user = render({
      sections: trim.sections,
      attempt: plan.attempt,
      maxAttempts: plan.maxAttempts,
      previousAttempt: plan.previousAttempt,
      rules: plan.rules,
      omittedRules: plan.omittedRules,
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
        dropped.push({ section: 'previous-answer', tokens: count(plan.previousCode) - count(code.code), why: `${cutLines} line(s) beyond ${trim.codeTokens} tokens` });
      }
      return { system, user, attempt: plan.attempt, tokens, bound, dropped };
    }
    // Run the first shedding step that still changes something; a step that cannot is retired.
    while (shed.length > 0 && !shed[0]!()) shed.shift();
    if (shed.length === 0) {
      throw new ContextBuilderError('PROMPT_OVER_BOUND', `retry prompt for attempt ${plan.attempt} needs ${tokens} tokens after shedding everything optional; the bound is ${bound}`);
    }
  }
}

const NO_ESCAPE = { escape: (value: unknown) => String(value) };
let template: string | undefined;

function render(view: object): string {
  template ??= readFileSync(join(TEMPLATES_DIR, 'retry', 'retry-user.mustache'), 'utf8');
  return Mustache.render(template, view, {}, NO_ESCAPE);
}

function renderSections(sections: readonly Section[]): string {
  return sections.map((section) => `## ${section.title}\n\n${section.content}\n\n`).join('');
}

function dropSection(trim: Trim, id: SectionId, why: string, dropped: DroppedPart[], count: (text: string) => number): boolean {
  const section = trim.sections.find((candidate) => candidate.id === id);
  if (!section) return false;
  trim.sections = trim.sections.filter((candidate) => candidate !== section);
  dropped.push({ section: id, tokens: count(section.content), why });
  return true;
}

/** Keeps the critical pattern items; without items nothing can be told apart, so nothing is trimmed. */
function trimPatterns(trim: Trim, why: string, dropped: DroppedPart[], count: (text: string) => number): boolean {
  const patterns = trim.sections.find((section) => section.id === 'patterns');
  if (trim.patternsTrimmed || !patterns?.items) return false;
  trim.patternsTrimmed = true;
  const critical = patterns.items.filter((item) => item.critical === true);
  for (const item of patterns.items) {
    if (item.critical !== true) dropped.push({ section: 'patterns', itemId: item.id, tokens: count(item.text), why });
  }
  if (critical.length === 0) {
    trim.sections = trim.sections.filter((section) => section !== patterns);
    return true;
  }
  const content = critical.map((item) => item.text).join('\n\n');
  trim.sections = trim.sections.map((section) => (section === patterns ? { ...section, content, items: critical } : section));
  return true;
}
