// Prompt experiments: two or more prompt template sets (arms) that methods are split between by a
// stable hash of the method's identity, so a method always gets the same arm — run after run, on
// any machine — and the arms' outcomes can be compared (recorded-arms.ts).
import { createHash } from 'node:crypto';
import { z } from 'zod';

const label = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a short name (letters, digits, . _ -)');

export const experimentArmSchema = z.strictObject({
  name: label,
  /** a directory of `<section>.mustache` files overriding the shipped prompt templates; absent: the shipped set */
  templates: z.string().min(1).optional(),
  /** relative share of methods (default 1: equal shares) */
  weight: z.number().positive().max(1000).default(1),
});

export const experimentSchema = z
  .strictObject({
    name: label,
    arms: z.array(experimentArmSchema).min(2, 'an experiment needs at least two arms'),
    /** false: kept in the file, not run */
    enabled: z.boolean().default(true),
  })
  .superRefine((e, ctx) => {
    const seen = new Set<string>();
    e.arms.forEach((arm, i) => {
      if (seen.has(arm.name)) ctx.addIssue({ code: 'custom', path: ['arms', i, 'name'], message: `duplicate arm "${arm.name}"` });
      seen.add(arm.name);
    });
  });

/** Every experiment of a configuration; at most one runs (two would both change the prompt templates). */
export const experimentsSchema = z.array(experimentSchema).superRefine((list, ctx) => {
  const names = new Set<string>();
  list.forEach((e, i) => {
    if (names.has(e.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate experiment "${e.name}"` });
    names.add(e.name);
  });
  const enabled = list.filter((e) => e.enabled);
  if (enabled.length > 1) {
    ctx.addIssue({ code: 'custom', path: [], message: `only one experiment can run at a time (enabled: ${enabled.map((e) => e.name).join(', ')}); set enabled: false on the others` });
  }
});

export type Experiment = z.output<typeof experimentSchema>;
export type ExperimentInput = z.input<typeof experimentSchema>;
export type ExperimentArm = z.output<typeof experimentArmSchema>;

export interface ArmAssignment {
  experiment: string;
  arm: ExperimentArm;
  /** `experiment/arm`, as recorded on the generation */
  label: string;
}

/** The identity an assignment hashes: the node (spec name) and the method. */
export function methodIdentity(nodeName: string, methodName: string): string {
  return `${nodeName}.${methodName}`;
}

/**
 * The arm for a method: SHA-256 of `experiment \0 identity`, its first 48 bits as a fraction of
 * 2^48, placed on the arms' cumulative weights. Depends on nothing but the names and weights, so
 * renaming the experiment reshuffles methods and editing a template does not.
 */
export function assignArm(experiment: Experiment, identity: string): ArmAssignment {
  const digest = createHash('sha256').update(`${experiment.name}\0${identity}`).digest();
  const u = digest.readUIntBE(0, 6) / 2 ** 48;
  const total = experiment.arms.reduce((s, a) => s + a.weight, 0);
  let edge = 0;
  let chosen = experiment.arms[experiment.arms.length - 1]!;
  for (const arm of experiment.arms) {
    edge += arm.weight / total;
    if (u < edge) {
      chosen = arm;
      break;
    }
  }
  return { experiment: experiment.name, arm: chosen, label: `${experiment.name}/${chosen.name}` };
}

/** The experiment that runs, if any. */
export function activeExperiment(list: readonly Experiment[] | undefined): Experiment | undefined {
  return list?.find((e) => e.enabled);
}
