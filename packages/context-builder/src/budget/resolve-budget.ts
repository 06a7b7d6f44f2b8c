// The token budget: a total and the per-section table (data/budget.yaml), optionally derived from
// a model's context window minus the room kept for the answer.
import { z } from 'zod';
import { loadBudgetData } from '../data/load-data.js';
import { SECTION_IDS, type SectionId } from '@onexgen/onex';
import { SectionBudgetSchema, type SectionBudget } from '../data/data-files.js';
import { ContextBuilderError, describeZodIssues } from '../errors.js';

export interface ResolvedBudget {
  total: number;
  sections: Record<SectionId, SectionBudget>;
  /** how the total was decided */
  source: 'default' | 'explicit' | 'model-window';
  contextWindow?: number;
  outputReserve?: number;
}

export const BudgetOptionsSchema = z.object({
  /** a total (tokens) or a total plus section overrides */
  budget: z
    .union([
      z.number().int().positive(),
      z.object({
        total: z.number().int().positive().optional(),
        sections: z.partialRecord(z.enum(SECTION_IDS), SectionBudgetSchema).optional(),
      }),
    ])
    .optional(),
  contextWindow: z.number().int().positive().optional(),
  outputReserve: z.number().int().nonnegative().optional(),
});
export type BudgetOptions = z.input<typeof BudgetOptionsSchema>;

export function resolveBudget(options: BudgetOptions = {}): ResolvedBudget {
  const parsed = BudgetOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ContextBuilderError('BUDGET_INVALID', `budget options: ${describeZodIssues(parsed.error.issues)}`);
  const { budget, contextWindow, outputReserve } = parsed.data;
  const data = loadBudgetData();
  const explicitTotal = typeof budget === 'number' ? budget : budget?.total;
  const sections = { ...data.sections, ...(typeof budget === 'object' ? budget.sections : {}) } as Record<SectionId, SectionBudget>;

  if (contextWindow === undefined) {
    return { total: explicitTotal ?? data.total, sections, source: explicitTotal === undefined ? 'default' : 'explicit' };
  }
  const reserve = outputReserve ?? data.outputReserve;
  const available = contextWindow - reserve;
  if (available <= 0) {
    throw new ContextBuilderError(
      'BUDGET_INVALID',
      `contextWindow ${contextWindow} leaves no room for the prompt after outputReserve ${reserve}`,
    );
  }
  // An explicit total still applies: a large window is not a reason to send a larger prompt.
  const total = explicitTotal === undefined ? available : Math.min(explicitTotal, available);
  return { total, sections, source: explicitTotal !== undefined && explicitTotal <= available ? 'explicit' : 'model-window', contextWindow, outputReserve: reserve };
}
