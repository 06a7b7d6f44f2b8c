import { SECTION_IDS, type SectionId } from '@onexgen/onex';
import { z } from 'zod';

// The structural shape of @onexgen/context-builder's BuiltContext that a retry prompt is built from.
// Declared here, not imported: context-builder sits above this package in the dependency order.
// Loose objects, so a BuiltContext with more fields passes straight in.

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

/**
 * What adjustPrompt accepts, as a plain interface (zod's loose-object input type carries an index
 * signature that interfaces such as context-builder's BuiltContext lack): the schema above checks
 * the same fields at run time.
 */
export interface PromptContext {
  sections: readonly {
    id: SectionId;
    title: string;
    content: string;
    tokens: number;
    items?: readonly { id: string; text: string; tokens: number; score?: number; critical?: boolean }[];
  }[];
}
