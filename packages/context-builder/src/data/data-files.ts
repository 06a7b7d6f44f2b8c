// zod schemas for the data files shipped in data/ (and for user-supplied replacements).
import { NODE_TYPES, SECTION_IDS, type SectionId } from '@onexgen/onex';
import { z } from 'zod';

const nodeType = z.enum(NODE_TYPES);

export const SectionBudgetSchema = z
  .object({
    target: z.number().int().nonnegative(),
    min: z.number().int().nonnegative(),
    max: z.number().int().positive(),
    priority: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  })
  .refine((b) => b.min <= b.target && b.target <= b.max, { message: 'needs min <= target <= max' });
export type SectionBudget = z.infer<typeof SectionBudgetSchema>;

export const BudgetFileSchema = z.object({
  total: z.number().int().positive(),
  outputReserve: z.number().int().nonnegative(),
  sections: z.object(Object.fromEntries(SECTION_IDS.map((id) => [id, SectionBudgetSchema])) as Record<SectionId, typeof SectionBudgetSchema>),
});
export type BudgetFile = z.infer<typeof BudgetFileSchema>;

export const EncodingsFileSchema = z.object({
  default: z.enum(['cl100k_base', 'o200k_base']),
  models: z.array(z.object({ prefix: z.string().min(1), encoding: z.enum(['cl100k_base', 'o200k_base']), exact: z.boolean() })),
});
export type EncodingsFile = z.infer<typeof EncodingsFileSchema>;

export const OnexRulesFileSchema = z.object({
  onexRules: z.array(z.string()),
  /** Python statements showing the call forms the node file's imports support (taught verbatim in the system section) */
  callForms: z.array(z.string()).default([]),
  securityRules: z.array(z.string()),
  errorCodes: z.object({
    always: z.array(z.string()),
    byFeature: z.record(z.string(), z.array(z.string())),
    byNodeType: z.record(z.string(), z.array(z.string())),
  }),
  forbiddenErrorCodes: z.array(z.string()),
});
export type OnexRulesFile = z.infer<typeof OnexRulesFileSchema>;

export const VariantSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'variant ids are UPPER_SNAKE'),
  aliases: z.array(z.string()).default([]),
  fallback: z.boolean().default(false),
  nodeTypes: z.array(nodeType).min(1),
  operations: z.object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative().optional() }),
  features: z.array(z.string()),
  suggestedMixins: z.array(z.string()),
  description: z.string(),
  characteristics: z.array(z.string()),
  /**
   * Patterns (ids of the validator profile's `patterns`) an operation method of a node of this
   * variant must use; `verbs` narrows one to methods whose name starts with one of them
   * (`create_user` → create). The entry method and private helpers are never held to them.
   */
  requires: z.array(z.object({ pattern: z.string().regex(/^[a-z_]+$/), verbs: z.array(z.string()).optional() })).default([]),
});
export type Variant = z.infer<typeof VariantSchema>;

export const VariantsFileSchema = z.object({
  minOverlap: z.number().min(0).max(1),
  weights: z.object({ nodeType: z.number(), operations: z.number(), features: z.number() }),
  variants: z.array(VariantSchema).min(1),
});
export type VariantsFile = z.infer<typeof VariantsFileSchema>;

export const MixinSchema = z.object({
  id: z.string().min(1),
  className: z.string().min(1),
  nodeTypes: z.array(nodeType).default([]),
  triggers: z.array(z.string()).default([]),
  requires: z.array(z.string()).default([]),
  conflicts: z.array(z.string()).default([]),
  provides: z.string(),
  usage: z.string(),
});
export type Mixin = z.infer<typeof MixinSchema>;

export const MixinsFileSchema = z.object({
  baseConfidence: z.number().min(0).max(1),
  perTrigger: z.number().min(0).max(1),
  variantBoost: z.number().min(0).max(1),
  mixins: z.array(MixinSchema).min(1),
});
export type MixinsFile = z.infer<typeof MixinsFileSchema>;

export const GuidanceFileSchema = z.array(z.object({ callee: z.string().min(1), advice: z.string().min(1) }));
export type GuidanceRule = z.infer<typeof GuidanceFileSchema>[number];

/**
 * I/O kinds a node's method can have (database, http, messaging, …): the evidence for each, read
 * from a reference's imports and calls and from words of a spec or docstring.
 */
export const IoKindsFileSchema = z.array(
  z.object({
    kind: z.string().regex(/^[a-z_]+$/),
    /** top-level modules whose import means this kind */
    modules: z.array(z.string()).default([]),
    /** last segment of a callee (`conn.fetchrow` → fetchrow) that means this kind */
    calls: z.array(z.string()).default([]),
    /** lower-case words of spec text, features or docstrings that mean this kind */
    words: z.array(z.string()).default([]),
  }),
);
export type IoKindRule = z.infer<typeof IoKindsFileSchema>[number];
