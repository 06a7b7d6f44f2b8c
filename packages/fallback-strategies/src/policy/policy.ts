import { issueCategorySchema, severitySchema, TIERS } from '@onexgen/onex';
import { z } from 'zod';

// The fallback policy is data: a team sets it in its configuration file (validated here), the
// orchestrator may override it per method. Every field has a default, so `{}` is a full policy.

/** What to produce when no further LLM attempt is allowed. */
export const endActionSchema = z.enum(['template', 'partial']);

// A method's budget is read, not owned, here: @onexgen/llm-effect states it (methodBudget(), with the
// same defaults) and the pipeline passes it in; these defaults serve a caller that passes none.
const budgetSchema = z
  .object({
    /** prompt + completion tokens across all attempts for one method */
    maxTokens: z.number().int().positive().default(30_000),
    /** cost across all attempts for one method, in micro-dollars (1 USD = 1,000,000) */
    maxCostMicros: z.number().int().nonnegative().default(100_000),
  })
  .strict();

const escalationSchema = z
  .object({
    allowed: z.boolean().default(true),
    /** ordered tier ladder; escalation moves one step up from the tier of the failed attempt */
    tiers: z.array(z.string().min(1)).min(1).default([...TIERS]),
    /** the first attempt number that may run on a higher tier (2 = escalate right after the first failure) */
    fromAttempt: z.number().int().min(2).default(3),
  })
  .strict();

export const fallbackPolicySchema = z
  .object({
    /** LLM attempts per method, the first one included */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /**
     * failures in these categories are worth another attempt (the retry prompt names the rule, which
     * is usually enough); security is retried whatever this says; drop 'quality'/'pattern' to save
     * money on answers that run but read badly
     */
    retryableCategories: z.array(issueCategorySchema).default(['syntax', 'compliance', 'security', 'quality', 'pattern', 'behaviour']),
    /** a security issue at or above this severity blocks acceptance, whatever `passed` says */
    securityBlockingSeverity: severitySchema.default('warning'),
    budget: budgetSchema.prefault({}),
    escalation: escalationSchema.prefault({}),
    /** what to produce after the last attempt, when the budget is spent or the failure is not retryable */
    afterLastAttempt: endActionSchema.default('partial'),
  })
  .strict();

export type FallbackPolicy = z.output<typeof fallbackPolicySchema>;
export type FallbackPolicyInput = z.input<typeof fallbackPolicySchema>;
export type EndAction = z.output<typeof endActionSchema>;

export const defaultPolicy: FallbackPolicy = Object.freeze(fallbackPolicySchema.parse({}));

/** The attempt that was just validated, with what this method has spent so far (it included). */
export const attemptSchema = z
  .object({
    /** 1-based */
    number: z.number().int().min(1),
    /** the tier the attempt ran on, e.g. 'cloud_fast' */
    tier: z.string().min(1),
    /** prompt + completion tokens spent by all attempts for this method so far */
    tokensSpent: z.number().int().nonnegative().default(0),
    /** micro-dollars spent by all attempts for this method so far */
    costMicros: z.number().int().nonnegative().default(0),
    /** what the next attempt is expected to cost; default: the average attempt so far */
    nextEstimate: z
      .object({ tokens: z.number().int().nonnegative(), costMicros: z.number().int().nonnegative() })
      .strict()
      .optional(),
  })
  .strict();

export type AttemptState = z.output<typeof attemptSchema>;
export type AttemptInput = z.input<typeof attemptSchema>;
