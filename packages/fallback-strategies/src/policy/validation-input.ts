import { z } from 'zod';
import type { ValidationIssue, ValidationResult } from '@onexgen/response-validator';
import { issueCategorySchema, severitySchema } from '@onexgen/onex';

// The part of response-validator's ValidationResult this package reads, checked at the boundary so
// a result from another validator version fails loudly instead of being half understood.

export const validationIssueSchema = z.object({
  ruleId: z.string().min(1),
  category: issueCategorySchema,
  severity: severitySchema,
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int().optional(),
  endColumn: z.number().int().optional(),
  bandit: z.string().optional(),
  cwe: z.string().optional(),
}) satisfies z.ZodType<ValidationIssue>;

export const validationInputSchema = z.object({
  syntaxValid: z.boolean(),
  passed: z.boolean(),
  score: z.number().min(0).max(1),
  issues: z.array(validationIssueSchema),
});

/** What decide() and planRetry() need of a validation; a full ValidationResult fits. */
export type ValidationInput = Pick<ValidationResult, 'syntaxValid' | 'passed' | 'score' | 'issues'>;
