// One eval case under one arm: the spec through the real pipeline (runNodes) with the arm's
// configuration laid over the session's, written to a throwaway directory. An eval is a
// measurement: no learned template is reused (a sample must be the strategy's own answer, not an
// earlier sample) and, unless `--learn`, nothing is learned from it (no template, no pattern
// effectiveness), so an eval never changes what later runs see.
import { join } from 'node:path';
import { examplesOf } from '@onexgen/onex';
import type { CaseSample, EvalArm } from '@onexgen/eval';
import { FELL_BACK, runNodes, type MethodConfig, type Session } from '@onexgen/pipeline';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { strategyNamed } from './strategies.js';
import type { SuiteCase } from './suite.js';

export function armSession(session: Session, arm: EvalArm, options: { learn?: boolean } = {}): Session {
  const strategy = strategyNamed(arm.strategy);
  const config: MethodConfig = { ...strategy.apply(session.config), noReuse: true, noLearn: !options.learn, ...(arm.model ? { model: arm.model, methodModel: arm.model } : {}) };
  return { ...session, config };
}

export async function runCase(session: Session, c: SuiteCase, arm: EvalArm, repeat: number, outRoot: string, options: { learn?: boolean } = {}): Promise<CaseSample[]> {
  const outDir = join(outRoot, `${arm.strategy}-${arm.model ?? 'default'}-${repeat}`.replace(/[^A-Za-z0-9._-]/g, '_'));
  const [node] = await runNodes(armSession(session, arm, options), [{ kind: 'spec', file: c.file, spec: c.spec, outDir }]);
  if (!node || node.status === 'failed') {
    // a provider or budget failure ends the eval: its numbers would be about the provider, not the strategy
    const error = node?.error;
    throw new OnexgenError(error?.code === 'BUDGET_EXHAUSTED' ? 'BUDGET_EXHAUSTED' : 'PROVIDER_FAILED', `eval: ${c.name} (${arm.strategy}): ${error?.message ?? 'failed'}`);
  }
  const model = arm.model ?? session.config.model ?? 'default';
  return node.methods.map((m) => ({
    model,
    method: m.name,
    examples: examplesOf(c.spec, m.name).length,
    examplesPassed: m.behaviour?.status === 'ran' ? m.behaviour.passed : 0,
    verdict: m.verdict,
    staticPassed: !FELL_BACK.includes(m.strategy),
    attempts: m.attempts,
    tokensInput: m.tokens.input,
    tokensOutput: m.tokens.output,
    costMicroUsd: m.costMicros,
    latencyMs: m.latency,
  }));
}
