// zod schemas for every result shape in ./validation-types.ts (and the context, validated at the boundary).
// `satisfies` ties each schema to its TypeScript contract so the two cannot drift apart.
import { issueCategorySchema, NODE_TYPES, severitySchema } from '@onexgen/onex';
import { z } from 'zod';
import type {
  ExtractionResult,
  RequiredImport,
  ScoreBreakdown,
  ValidationContext,
  ValidationIssue,
  ValidationResult,
} from './validation-types.js';

export const ValidationIssueSchema = z.object({
  ruleId: z.string().min(1),
  category: issueCategorySchema,
  severity: severitySchema,
  message: z.string().min(1),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1).optional(),
  endColumn: z.number().int().min(1).optional(),
  bandit: z.string().optional(),
  cwe: z.string().optional(),
}) satisfies z.ZodType<ValidationIssue>;

// Unknown keys are dropped, not refused: callers spread larger option objects into the context.
export const ValidationContextSchema = z.object({
  fragment: z.boolean().optional(),
  nodeType: z.enum(NODE_TYPES).optional(),
  methodName: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier').optional(),
  isAsync: z.boolean().optional(),
  expectedPatterns: z.array(z.string()).optional(),
  requiredPatterns: z.array(z.string()).optional(),
  variant: z.string().optional(),
  fileImports: z.array(z.string()).optional(),
  knownNames: z.array(z.string()).optional(),
  returnAnnotation: z.string().optional(),
  generated: z.boolean().optional(),
  attempt: z.number().int().min(1).optional(),
}) satisfies z.ZodType<ValidationContext>;

export const ScoreBreakdownSchema = z.object({
  syntax: z.number().min(0).max(1),
  compliance: z.number().min(0).max(1),
  security: z.number().min(0).max(1),
  quality: z.number().min(0).max(1),
  pattern: z.number().min(0).max(1),
}) satisfies z.ZodType<ScoreBreakdown>;

export const ValidationResultSchema = z.object({
  syntaxValid: z.boolean(),
  passed: z.boolean(),
  score: z.number().min(0).max(1),
  breakdown: ScoreBreakdownSchema,
  issues: z.array(ValidationIssueSchema),
  stats: z.object({
    lines: z.number().int().min(0),
    functions: z.number().int().min(0),
    maxComplexity: z.number().int().min(0),
    durationMs: z.number().min(0),
  }),
}) satisfies z.ZodType<ValidationResult>;

export const ExtractionMethodSchema = z.enum([
  'fenced',
  'fenced-multiple-merged',
  'fenced-multiple-chosen',
  'unterminated-fence',
  'raw',
  'empty',
]);

export const RequiredImportSchema = z.object({
  statement: z.string().min(1),
  kind: z.enum(['import', 'from']),
  module: z.string(),
  names: z.array(z.object({ name: z.string().min(1), alias: z.string().optional() })),
  binds: z.array(z.string()),
}) satisfies z.ZodType<RequiredImport>;

export const ExtractionResultSchema = z.object({
  code: z.string(),
  method: ExtractionMethodSchema,
  reducedFrom: z.enum(['class', 'function']).optional(),
  imports: z.array(z.string()),
  requiredImports: z.array(RequiredImportSchema),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<ExtractionResult>;

export const ResponseValidationResultSchema = ValidationResultSchema.extend({
  extraction: ExtractionResultSchema,
  code: z.string(),
});
