// Cross-model review: the reviewer's answer as a zod-checked structure (verdict, issues with lines),
// and what a rejection leads to — a re-ask carrying the issues, or the method marked for a person.
import { z } from 'zod';
import { parseInput } from '../errors.js';
import { parseJsonAnswer, type JsonAnswer } from './json-answer.js';

export const reviewIssueSchema = z.object({
  /** 1-based line of the reviewed body; absent: the issue is about the whole method */
  line: z.number().int().min(1).optional(),
  severity: z.enum(['low', 'medium', 'high']).default('medium'),
  message: z.string().min(1).max(2000),
});
export const reviewAnswerSchema = z.object({
  verdict: z.enum(['approve', 'reject']),
  issues: z.array(reviewIssueSchema).max(50).default([]),
});
export type ReviewAnswer = z.output<typeof reviewAnswerSchema>;
export type ReviewIssue = z.output<typeof reviewIssueSchema>;

export function parseReviewAnswer(answer: string): JsonAnswer<ReviewAnswer> {
  return parseJsonAnswer(answer, reviewAnswerSchema);
}

export const reviewPolicySchema = z.object({
  /** what a rejection does: ask the code model again with the issues, or keep the code and mark it for a person */
  onReject: z.enum(['re-ask', 'mark']).default('re-ask'),
  /** re-asks after rejections before the method is marked (default 1) */
  maxReasks: z.number().int().min(0).max(5).default(1),
});
export type ReviewPolicy = z.output<typeof reviewPolicySchema>;

export type ReviewDecision =
  | { action: 'accept'; reason: string }
  | { action: 're-ask'; reason: string; feedback: string }
  | { action: 'mark'; reason: string };

/** The issues as the re-ask prompt states them. */
export function reviewFeedback(review: ReviewAnswer): string {
  const lines = review.issues.map((i) => `- ${i.line ? `line ${i.line}: ` : ''}[${i.severity}] ${i.message}`);
  return `A reviewer rejected the previous code for these issues; fix every one:\n${lines.join('\n') || '- (no issue given)'}`;
}

/**
 * After a review: approve → accept; reject → re-ask while re-asks remain and the policy says so,
 * else mark for a person. An unreadable review is not a rejection: the code is kept and marked, so
 * a person looks at what no reviewer could judge.
 */
export function decideReview(review: JsonAnswer<ReviewAnswer>, reasksUsed: number, policyInput: z.input<typeof reviewPolicySchema> = {}): ReviewDecision {
  const policy = parseInput(reviewPolicySchema, policyInput, 'review policy');
  if (!review.ok) return { action: 'mark', reason: `the review could not be read (${review.error})` };
  if (review.value.verdict === 'approve') return { action: 'accept', reason: `approved${review.value.issues.length ? ` with ${review.value.issues.length} minor issue(s)` : ''}` };
  const count = `${review.value.issues.length} issue(s)`;
  if (policy.onReject === 're-ask' && reasksUsed < policy.maxReasks) {
    return { action: 're-ask', reason: `rejected (${count}): re-ask ${reasksUsed + 1} of ${policy.maxReasks}`, feedback: reviewFeedback(review.value) };
  }
  const why = policy.onReject === 'mark' ? 'policy marks rejections' : `${policy.maxReasks} re-ask(s) used`;
  return { action: 'mark', reason: `rejected (${count}); ${why}: marked for a person` };
}
