// Multi-pass and review decisions: which methods are complex (declared or inferred) and critical
// (declared or by pattern), how plan and review answers are read, and what a review leads to.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { NodeSpecSchema, examplesOf, expectsRaise } from '@onexgen/onex';
import { parse } from 'yaml';
import { decideReview, methodComplexity, methodCriticality, parsePlanAnswer, parseReviewAnswer } from '@onexgen/fallback-strategies';

const SUITE = fileURLToPath(new URL('../../../examples/eval/', import.meta.url));

describe('methodComplexity', () => {
  test('points: examples + raising examples + docstring words / 15', () => {
    const docstring = Array.from({ length: 31 }, (_, i) => `w${i}`).join(' ');
    expect(methodComplexity({ examples: 5, raisingExamples: 2, docstring })).toMatchObject({ complex: true, source: 'inferred', points: 9 });
    expect(methodComplexity({ examples: 5, raisingExamples: 1, docstring })).toMatchObject({ complex: false, points: 8 });
    expect(methodComplexity({ declared: 'complex' })).toMatchObject({ complex: true, source: 'declared' });
    expect(methodComplexity({ declared: 'simple', examples: 40 })).toMatchObject({ complex: false, source: 'declared' });
    expect(() => methodComplexity({ examples: -1 })).toThrow(/complexity input\.examples/);
  });

  test('the shipped eval suite: 7 of 23 methods are inferred complex', () => {
    const complex = readdirSync(SUITE)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => {
        const spec = NodeSpecSchema.parse(parse(readFileSync(join(SUITE, f), 'utf8')));
        return (spec.methods ?? []).map((m) => {
          const examples = examplesOf(spec, m.name);
          return { name: m.name, ...methodComplexity({ examples: examples.length, raisingExamples: examples.filter(expectsRaise).length, docstring: m.docstring }) };
        });
      });
    expect(complex).toHaveLength(23);
    expect(complex.filter((c) => c.complex).map((c) => c.name).sort()).toEqual(
      ['add_business_days', 'balance_after', 'compare_versions', 'next_step', 'parse_duration_seconds', 'reserve', 'transition'].sort(),
    );
  });
});

describe('methodCriticality', () => {
  test('patterns in the name, docstring or node description; declared wins', () => {
    expect(methodCriticality({ methodName: 'split_payment' })).toMatchObject({ critical: true, source: 'pattern', kinds: ['payments'] });
    expect(methodCriticality({ methodName: 'check', docstring: 'Verifies the password hash of a user.' }).kinds).toEqual(['auth']);
    expect(methodCriticality({ methodName: 'find', docstring: 'Runs SELECT id FROM users with the given filter.' }).kinds).toEqual(['sql']);
    expect(methodCriticality({ methodName: 'store', description: 'Keeps the API key of each tenant' }).kinds).toEqual(['secrets']);
    expect(methodCriticality({ methodName: 'add_business_days', docstring: 'Adds n working days.' })).toMatchObject({ critical: false, source: 'none' });
    expect(methodCriticality({ methodName: 'refund', declared: false })).toMatchObject({ critical: false, source: 'declared' });
    expect(methodCriticality({ methodName: 'add', declared: true })).toMatchObject({ critical: true, source: 'declared' });
  });
});

describe('plan and review answers', () => {
  test('a JSON plan in a fence becomes numbered steps; prose is kept, marked unstructured', () => {
    const p = parsePlanAnswer('Here:\n```json\n{"steps": ["validate", "compute"], "edge_cases": ["zero"], "examples": ["12% over a year gives 8885"]}\n```');
    expect(p.structured).toBe(true);
    expect(p.text).toBe('Steps:\n1. validate\n2. compute\n\nEdge cases:\n- zero\n\nExamples to satisfy:\n- 12% over a year gives 8885');
    const prose = parsePlanAnswer('  First check the input, then sum.  ');
    expect(prose).toMatchObject({ structured: false, text: 'First check the input, then sum.', error: 'the answer holds no JSON object' });
    expect(parsePlanAnswer('{"steps": []}').error).toMatch(/steps: /);
  });

  test('a review answer is zod-checked; errors name the field', () => {
    const ok = parseReviewAnswer('{"verdict": "reject", "issues": [{"line": 3, "severity": "high", "message": "no check of a negative amount"}]}');
    expect(ok).toEqual({ ok: true, value: { verdict: 'reject', issues: [{ line: 3, severity: 'high', message: 'no check of a negative amount' }] } });
    expect(parseReviewAnswer('{"verdict": "maybe"}')).toMatchObject({ ok: false, error: expect.stringMatching(/^verdict: /) });
    expect(parseReviewAnswer('{"verdict": "approve", "issues": [{"line": 0, "message": "x"}]}')).toMatchObject({ ok: false, error: expect.stringMatching(/^issues\.0\.line: /) });
    expect(parseReviewAnswer('{verdict: approve}')).toMatchObject({ ok: false, error: expect.stringMatching(/does not parse/) });
  });

  test('a rejection re-asks with the issues while re-asks remain, then marks; mark policy marks at once', () => {
    const rejected = parseReviewAnswer('{"verdict": "reject", "issues": [{"line": 2, "message": "rounds down"}]}');
    const first = decideReview(rejected, 0);
    expect(first.action).toBe('re-ask');
    expect(first.action === 're-ask' && first.feedback).toBe('A reviewer rejected the previous code for these issues; fix every one:\n- line 2: [medium] rounds down');
    expect(decideReview(rejected, 1)).toMatchObject({ action: 'mark', reason: 'rejected (1 issue(s)); 1 re-ask(s) used: marked for a person' });
    expect(decideReview(rejected, 0, { onReject: 'mark' })).toMatchObject({ action: 'mark', reason: expect.stringContaining('policy marks rejections') });
    expect(decideReview(parseReviewAnswer('{"verdict": "approve"}'), 0)).toEqual({ action: 'accept', reason: 'approved' });
    expect(decideReview(parseReviewAnswer('no idea'), 0)).toMatchObject({ action: 'mark', reason: expect.stringContaining('could not be read') });
  });
});
