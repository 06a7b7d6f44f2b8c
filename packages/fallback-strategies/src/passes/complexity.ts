// Which methods get multi-pass generation (a plan first, then code from the plan). A spec may
// declare it (`overrides.<method>.complexity`); otherwise it is inferred from what the spec asks of
// the method: one point per example, one more per example that must raise (each is a rule the code
// must hold), one per 15 words of docstring (stated rules). Complex at COMPLEX_POINTS or more —
// on the shipped eval suite (examples/eval) that is 7 of 23 methods (duration parsing, the order
// state machine, stock reservation, account balances, ...).
import { z } from 'zod';
import { parseInput } from '../errors.js';

export const COMPLEX_POINTS = 9;

export const complexityInputSchema = z.object({
  declared: z.enum(['simple', 'complex']).optional(),
  /** the spec's examples for the method */
  examples: z.number().int().min(0).default(0),
  /** of those, the ones that expect an error */
  raisingExamples: z.number().int().min(0).default(0),
  docstring: z.string().optional(),
});
export type ComplexityInput = z.input<typeof complexityInputSchema>;

export interface Complexity {
  complex: boolean;
  /** declared in the spec, or inferred from the points */
  source: 'declared' | 'inferred';
  points: number;
  /** e.g. `5 examples, 2 that raise, 38 docstring words` */
  reason: string;
}

export function methodComplexity(input: ComplexityInput): Complexity {
  const i = parseInput(complexityInputSchema, input, 'complexity input');
  const words = i.docstring ? i.docstring.split(/\s+/).filter(Boolean).length : 0;
  const points = i.examples + i.raisingExamples + Math.floor(words / 15);
  const counted = `${i.examples} examples, ${i.raisingExamples} that raise, ${words} docstring words: ${points} points (complex at ${COMPLEX_POINTS})`;
  if (i.declared) return { complex: i.declared === 'complex', source: 'declared', points, reason: `declared ${i.declared}` };
  return { complex: points >= COMPLEX_POINTS, source: 'inferred', points, reason: counted };
}
