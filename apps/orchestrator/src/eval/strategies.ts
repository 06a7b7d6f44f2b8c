// Named generation strategies an eval compares: each is a configuration layer over the run's own.
// `single-pass` is the product as configured (the attempt loop with its re-asks); the others change
// one thing, so a difference in the eval is that thing's effect.
import type { RunConfig } from '@onexgen/pipeline';
import { OnexgenError } from '@onexgen/pipeline/errors';

export interface StrategyDefinition {
  name: string;
  description: string;
  /** fields laid over the resolved configuration of the eval */
  apply<C extends RunConfig>(config: C): C;
}

export const STRATEGIES: readonly StrategyDefinition[] = [
  { name: 'single-pass', description: 'the configured attempt loop: one code answer per attempt, re-asked with the failing rules', apply: (c) => c },
  { name: 'one-shot', description: 'one attempt, no re-ask (what re-asks buy)', apply: (c) => ({ ...c, maxAttempts: 1 }) },
  { name: 'multi-pass', description: 'every method planned first, then coded from the plan (what a plan buys)', apply: (c) => ({ ...c, multiPass: 'always' }) },
  { name: 'reviewed', description: 'every accepted method reviewed by a second model; a rejection re-asks (what review buys)', apply: (c) => ({ ...c, review: { ...c.review, when: 'always' } }) },
];

export function strategyNamed(name: string): StrategyDefinition {
  const found = STRATEGIES.find((s) => s.name === name);
  if (!found) throw new OnexgenError('USAGE', `--strategy: unknown strategy "${name}" (known: ${STRATEGIES.map((s) => s.name).join(', ')})`);
  return found;
}

/** `a,b` or repeated flags → distinct names in order; each must be known. */
export function parseStrategyList(values: readonly string[] | undefined): StrategyDefinition[] {
  const names = (values?.length ? values : ['single-pass']).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return [...new Set(names)].map(strategyNamed);
}
