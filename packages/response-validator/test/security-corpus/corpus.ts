// The labelled security corpus (test/security-corpus/*.yaml): each snippet is labelled with the one
// security rule it should raise, or `clean`; `context` validates it as a method body with the
// node file's imports. score() counts a snippet's label found as a true positive, a label not
// found as a false negative, and every other security rule it raises (except those listed in
// `also`, real second problems of the snippet) as a false positive.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ValidationContext, Validator } from '../../src/index.js';

const SampleSchema = z.strictObject({
  id: z.string(),
  expect: z.string().regex(/^(clean|security\/[a-z-]+)$/),
  code: z.string(),
  /** other rules the snippet rightly raises (a real second problem): neither counted as hits nor as false alarms */
  also: z.array(z.string()).optional(),
  context: z.strictObject({ fragment: z.boolean().optional(), fileImports: z.array(z.string()).optional() }).optional(),
});
export type Sample = z.infer<typeof SampleSchema>;

export function loadPart(name: 'development' | 'held-out' | 'held-out-2'): Sample[] {
  const file = fileURLToPath(new URL(`./${name}.yaml`, import.meta.url));
  return z.strictObject({ samples: z.array(SampleSchema) }).parse(parse(fs.readFileSync(file, 'utf8'))).samples;
}

export interface Figures {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  misses: string[];
  falseAlarms: string[];
}

export function score(validator: Validator, samples: Sample[]): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const s of samples) {
    const found = new Set(
      validator
        .validate(s.code, (s.context ?? {}) as ValidationContext)
        .issues.filter((i) => i.category === 'security')
        .map((i) => i.ruleId),
    );
    if (s.expect !== 'clean') {
      if (found.has(s.expect)) tp++;
      else (fn++, misses.push(s.id));
    }
    for (const rule of found) if (rule !== s.expect && !s.also?.includes(rule)) (fp++, falseAlarms.push(`${s.id}: ${rule}`));
  }
  return { tp, fp, fn, precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), misses, falseAlarms };
}
