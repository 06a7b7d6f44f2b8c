// Recall and precision of the security rules on the labelled corpus (test/security-corpus/):
// the development part was written with the rules; the held-out part was written after them.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, type Validator } from '../src/index.js';
import { loadPart, score } from './security-corpus/corpus.js';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator({ profile: 'generic-python' });
});

describe('security corpus figures', () => {
  test('every snippet is valid Python', () => {
    for (const s of [...loadPart('development'), ...loadPart('held-out'), ...loadPart('held-out-2')]) expect([s.id, validator.validate(s.code, s.context ?? {}).syntaxValid]).toEqual([s.id, true]);
  });

  test('development part', () => {
    const f = score(validator, loadPart('development'));
    console.log(`development: P ${f.precision.toFixed(3)} R ${f.recall.toFixed(3)}`, f.misses, f.falseAlarms);
    expect({ misses: f.misses, falseAlarms: f.falseAlarms }).toEqual({ misses: [], falseAlarms: [] });
  });

  // Held-out batch 1 was first measured at P 1.000 / R 0.983 (a requests session returned by a
  // helper, then fixed); batch 2 at P 0.929 / R 0.867 (4 misses, 2 false alarms, then fixed; the
  // fix for a constant os.system costs batch 1 its literal os.popen sample, labelled a finding
  // before that policy: R 0.983). The floor asserted is what holds on both, measured.
  test.each(['held-out', 'held-out-2'] as const)('%s part (written after the rules)', (part) => {
    const f = score(validator, loadPart(part));
    console.log(`${part}: P ${f.precision.toFixed(3)} R ${f.recall.toFixed(3)}`, f.misses, f.falseAlarms);
    expect(f.precision).toBeGreaterThanOrEqual(0.95);
    expect(f.recall).toBeGreaterThanOrEqual(0.95);
  });
});
