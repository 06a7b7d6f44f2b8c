// Every labelled corpus sample: a clean one gets no security issue; a bad one gets exactly its
// one issue, from the expected rule, on the marked line.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator } from '../src/index.js';
import type { Validator } from '../src/index.js';
import { loadCorpus } from './corpus.js';

const corpus = loadCorpus();
const heldOut = loadCorpus(/^heldout-security-corpus\.yaml$/);
let validator: Validator;

beforeAll(async () => {
  validator = await createValidator({ profile: 'generic-python' });
});

describe('security corpus', () => {
  test('is balanced and labelled', () => {
    const clean = corpus.filter((s) => s.expect === 'clean');
    expect(clean.length).toBeGreaterThanOrEqual(corpus.length / 2 - 2);
    for (const s of corpus) expect(s.expect === 'clean' ? s.line : typeof s.line).toBe(s.expect === 'clean' ? undefined : 'number');
  });

  test.each([...corpus, ...heldOut].map((s) => [s.id, s] as const))('%s', (_id, sample) => {
    const result = validator.validate(sample.code);
    expect(result.syntaxValid).toBe(true);
    const found = result.issues.filter((i) => i.category === 'security').map((i) => `${i.ruleId}@${i.line}`);
    expect(found).toEqual(sample.expect === 'clean' ? [] : [`${sample.expect}@${sample.line}`]);
  });
});
