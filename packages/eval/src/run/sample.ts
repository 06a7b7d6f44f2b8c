// One generated method of one eval run: what the eval records and every statistic is computed from.
import { z } from 'zod';
import { VERDICTS } from '@onexgen/onex';

export const evalSampleSchema = z.strictObject({
  /** the strategy (a named configuration) the method was generated with */
  strategy: z.string().min(1),
  /** model (as the provider answered it, or as configured when no call was made) */
  model: z.string().min(1),
  /** the spec file (relative to the suite) */
  caseName: z.string().min(1),
  method: z.string().min(1),
  /** 0-based sample index of --repeat */
  repeat: z.number().int().min(0),
  /** the spec's examples for the method (0: none — counted for the static rate only) */
  examples: z.number().int().min(0),
  examplesPassed: z.number().int().min(0),
  verdict: z.enum(VERDICTS),
  /** the final code passed static validation (the method did not fall back) */
  staticPassed: z.boolean(),
  attempts: z.number().int().min(0),
  tokensInput: z.number().int().min(0),
  tokensOutput: z.number().int().min(0),
  costMicroUsd: z.number().int().min(0),
  latencyMs: z.number().min(0),
  /** prompt template version the method was generated with, when recorded */
  promptVersion: z.string().optional(),
});
export type EvalSample = z.infer<typeof evalSampleSchema>;

/** A task is one method of one spec; pass@k counts only tasks whose spec gives examples. */
export const taskOf = (s: Pick<EvalSample, 'caseName' | 'method'>): string => `${s.caseName}#${s.method}`;

/** A sample passes when every example of its method passed (verdict `passed`). */
export const samplePassed = (s: Pick<EvalSample, 'verdict'>): boolean => s.verdict === 'passed';

export const armOf = (s: Pick<EvalSample, 'strategy' | 'model'>): string => `${s.strategy} · ${s.model}`;
