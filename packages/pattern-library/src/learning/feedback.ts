// A person's verdict on a generation, turned into what learning keeps: the patterns its prompt
// showed gain or lose effectiveness (counted once per generation, however often the verdict is
// changed), and the templates learned from its code are approved, retired or sent back to pending.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { PatternLibraryError, describeZodIssues } from '../errors.js';
import { patternUsage } from '../schema/pattern-library.js';
import { createTemplateStore, type LearnedTemplate } from '../templates/template-store.js';
import type { PatternDb } from './db.js';
import type { Effectiveness } from './effectiveness.js';
import { createPatternStore } from './pattern-store.js';

export const FEEDBACK_VERDICTS = ['accept', 'reject', 'edited'] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

const feedbackSchema = z.object({
  /** the generation's correlation id (templates record it as their generationId) */
  generationId: z.string().min(1).max(200),
  verdict: z.enum(FEEDBACK_VERDICTS),
  /** the catalog patterns its prompt showed */
  patternIds: z.array(z.string().min(1)).default([]),
});
export type GenerationFeedback = z.input<typeof feedbackSchema>;

/**
 * How each verdict counts as evidence: accepted as written is a full success, accepted after edits
 * half of one (the pattern helped, the code was not right), rejected a failure.
 */
export const FEEDBACK_OUTCOMES: Record<FeedbackVerdict, { passed: boolean; score: number }> = {
  accept: { passed: true, score: 1 },
  edited: { passed: true, score: 0.5 },
  reject: { passed: false, score: 0 },
};

export interface FeedbackResult {
  /** false when an earlier verdict on this generation was already counted */
  effectivenessCounted: boolean;
  effectiveness: Effectiveness[];
  /** the templates learned from the generation, in their new state */
  templates: LearnedTemplate[];
}

/** The pattern_usage session id that marks a generation's feedback (so it counts once). */
export const feedbackSession = (generationId: string): string => `feedback:${generationId}`.slice(0, 200);

export async function applyGenerationFeedback(db: PatternDb, input: GenerationFeedback): Promise<FeedbackResult> {
  const parsed = feedbackSchema.safeParse(input);
  if (!parsed.success) throw new PatternLibraryError('INPUT_INVALID', `feedback: ${describeZodIssues(parsed.error.issues)}`, { cause: parsed.error });
  const { generationId, verdict, patternIds } = parsed.data;
  const session = feedbackSession(generationId);
  const already = await db.select({ id: patternUsage.id }).from(patternUsage).where(eq(patternUsage.sessionId, session)).limit(1);
  const patterns = createPatternStore(db);
  const effectiveness = already.length > 0 ? [] : await patterns.recordPatternUsages(patternIds, { ...FEEDBACK_OUTCOMES[verdict], sessionId: session });
  const store = createTemplateStore(db);
  const templates: LearnedTemplate[] = [];
  for (const t of await store.byGeneration(generationId)) {
    const next = verdict === 'accept' ? await store.approve(t.id) : await store.setState(t.id, verdict === 'reject' ? 'retired' : 'pending');
    if (next) templates.push(next);
  }
  return { effectivenessCounted: already.length === 0 && patternIds.length > 0, effectiveness, templates };
}
