import { z } from 'zod';

// The structural shape of @onexgen/context-builder's BuiltContext that a retry prompt is built from.
// Declared here, not imported: context-builder sits above this package in the dependency order.
// Loose objects, so a BuiltContext with more fields passes straight in.

export const SECTION_IDS = ['system', 'operation', 'patterns', 'references', 'constraints', 'instructions'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const promptItemSchema = z.looseObject({
  id: z.string().min(1),
  text: z.string(),
  tokens: z.number().int().nonnegative(),
  score: z.number().optional(),
  /** critical patterns survive the attempt-3 trim */
  critical: z.boolean().optional(),
});

export const promptSectionSchema = z.looseObject({
  id: z.enum(SECTION_IDS),
  title: z.string(),
  content: z.string(),
  tokens: z.number().int().nonnegative(),
  items: z.array(promptItemSchema).optional(),
});

export const promptContextSchema = z.looseObject({
  sections: z.array(promptSectionSchema).min(1),
});

export type PromptItem = z.output<typeof promptItemSchema>;
export type PromptSection = z.output<typeof promptSectionSchema>;
export type PromptContext = z.input<typeof promptContextSchema>;
