// Runs every case (an example-bearing spec) under every arm (strategy × model), `repeat` times.
// How one case is generated is the caller's: the app passes a function that runs its pipeline
// with the arm's configuration. Order is repeat → case → arm, so arms meet the provider under the
// same conditions (a slow minute hits every arm, not one).
import { evalSampleSchema, type EvalSample } from './sample.js';

export interface EvalArm {
  strategy: string;
  /** the configured model, or undefined for the configuration's own */
  model?: string;
}

export interface EvalCase<Spec = unknown> {
  /** the spec file, relative to the suite */
  name: string;
  spec: Spec;
}

export type CaseSample = Omit<EvalSample, 'strategy' | 'caseName' | 'repeat'>;

export interface RunEvalInput<C extends EvalCase> {
  cases: readonly C[];
  arms: readonly EvalArm[];
  repeat: number;
  runCase: (c: C, arm: EvalArm, repeat: number) => Promise<CaseSample[]>;
  onProgress?: (done: number, total: number, c: C, arm: EvalArm) => void;
  signal?: AbortSignal;
}

export async function runEval<C extends EvalCase>(input: RunEvalInput<C>): Promise<EvalSample[]> {
  if (!Number.isInteger(input.repeat) || input.repeat < 1) throw new RangeError(`repeat must be a positive integer, got ${input.repeat}`);
  if (input.cases.length === 0) throw new RangeError('the suite holds no cases');
  if (input.arms.length === 0) throw new RangeError('no strategy to evaluate');
  const samples: EvalSample[] = [];
  const total = input.repeat * input.cases.length * input.arms.length;
  let done = 0;
  for (let repeat = 0; repeat < input.repeat; repeat++) {
    for (const c of input.cases) {
      for (const arm of input.arms) {
        input.signal?.throwIfAborted();
        const produced = await input.runCase(c, arm, repeat);
        for (const s of produced) samples.push(evalSampleSchema.parse({ ...s, strategy: arm.strategy, caseName: c.name, repeat }));
        input.onProgress?.(++done, total, c, arm);
      }
    }
  }
  return samples;
}
