// The prompt template set a method's context is built with: the enabled experiment's arm for this
// node + method (a stable hash: @onexgen/eval's assignArm), or the shipped set when no experiment runs.
import { resolve } from 'node:path';
import { loadTemplateSet } from '@onexgen/context-builder';
import { activeExperiment, assignArm, methodIdentity, type Experiment } from '@onexgen/eval/experiments';
import { OnexgenError } from '../errors.js';

export interface PromptArm {
  /** `experiment/arm`, recorded on the generation */
  label: string;
  /** the arm's template directory (absolute: the session resolved it); absent: the shipped set */
  templatesDir?: string;
}

export function promptArmOf(experiments: readonly Experiment[] | undefined, nodeName: string, methodName: string): PromptArm | undefined {
  const experiment = activeExperiment(experiments);
  if (!experiment) return undefined;
  const { label, arm } = assignArm(experiment, methodIdentity(nodeName, methodName));
  return { label, ...(arm.templates ? { templatesDir: arm.templates } : {}) };
}

/**
 * The experiments with each arm's template directory made absolute (relative paths are from the
 * working directory, like `references`) and loaded once, so a missing directory or a broken
 * template stops the run before any method, naming the arm.
 */
export function resolveExperiments(experiments: readonly Experiment[] | undefined, cwd: string): Experiment[] | undefined {
  if (!experiments) return undefined;
  return experiments.map((e) => ({
    ...e,
    arms: e.arms.map((arm) => {
      if (!arm.templates) return arm;
      const templates = resolve(cwd, arm.templates);
      if (e.enabled) {
        try {
          loadTemplateSet(templates);
        } catch (cause) {
          throw new OnexgenError('CONFIG_INVALID', `experiments: ${e.name}/${arm.name}: ${(cause as Error).message}`, { cause });
        }
      }
      return { ...arm, templates };
    }),
  }));
}
