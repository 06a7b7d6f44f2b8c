// The re-ask prompt: fallback-strategies' planRetry decides what changes, buildRetryPrompt builds,
// counts and trims it.
import { afterAll, describe, expect, test } from '@jest/globals';
import { planRetry, type RetryPlanOptions } from '@onexgen/fallback-strategies';
import { countTokens, freeTokenizers as disposeTokenCounter } from '@onexgen/onex/tokens';
import type { ValidationResult } from '@onexgen/response-validator';
import { buildRetryPrompt, ContextBuilderError, disposeSharedCounters } from '../src/index.js';
import type { RetryContext } from '../src/index.js';
// the validation results fallback-strategies' own tests use
import { issue, validation } from '../../fallback-strategies/test/fixtures.js';

afterAll(() => {
  disposeSharedCounters();
  disposeTokenCounter();
});

type PromptContext = RetryContext;
/** the former adjustPrompt(context, validation, failed, previousCode, options), as the two owners now compose it */
const adjustPrompt = (context: RetryContext, result: ValidationResult, failed: { number: number }, previousCode: string, options: RetryPlanOptions = {}) =>
  buildRetryPrompt(context, planRetry(result, failed, previousCode, options));

const para = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word} line ${i}: keep the connection pool bounded.`).join('\n');

/** A context shaped like context-builder's BuiltContext, with extra fields it carries. */
function builtContext(): PromptContext & { total: number; toPrompt: () => string } {
  const items = [
    { id: 'error_handling_v1', text: `### error_handling (critical)\n${para('ERRPATTERN', 20)}`, critical: true },
    { id: 'connection_pooling_v1', text: `### connection_pooling\n${para('POOLPATTERN', 30)}`, critical: false },
    { id: 'metrics_tracking_v1', text: `### metrics_tracking\n${para('METRICPATTERN', 30)}` },
  ].map((item) => ({ ...item, tokens: countTokens(item.text), score: 0.8 }));
  const section = (id: string, title: string, content: string, extra: object = {}) => ({ id, title, content, tokens: countTokens(content), ...extra });
  return {
    sections: [
      section('system', 'System', 'You write ONEX v2.0 method bodies. Use ModelOnexError and emit_log_event.'),
      section('operation', 'Operation', 'Implement execute_effect: store the order in PostgreSQL.'),
      section('patterns', 'Patterns', items.map((item) => item.text).join('\n\n'), { items }),
      section('references', 'Reference implementations', para('REFERENCE', 250), { items: [{ id: 'node_mysql_effect', text: para('REFERENCE', 250), tokens: 10 }] }),
      section('constraints', 'Constraints', 'Only EnumCoreErrorCode members that exist.'),
      section('instructions', 'Instructions', 'Return the method body only.'),
    ] as PromptContext['sections'],
    total: 0,
    toPrompt: () => 'not used',
  };
}

const failing = validation([
  issue('onex/unknown-error-code', 'compliance', 6, 'error', 'EXECUTION_ERROR is not an EnumCoreErrorCode member; use OPERATION_FAILED'),
  issue('syntax/invalid', 'syntax', 2, 'error', 'unexpected indent'),
  issue('quality/unused', 'quality', 9, 'info', 'unused variable x'),
]);
const previous = 'result = await self.pool.fetch(query)\n    bad = 1\nraise ModelOnexError(error_code=EnumCoreErrorCode.EXECUTION_ERROR)  # PREVIOUS-MARKER';
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('retry prompt: what each attempt keeps', () => {
  test('attempt 2 drops references, keeps all patterns, states the failing rules, shows the previous answer once', () => {
    const prompt = adjustPrompt(builtContext(), failing, { number: 1 }, previous);
    expect(prompt.attempt).toBe(2);
    expect(prompt.user).not.toContain('REFERENCE');
    expect(prompt.user).toContain('POOLPATTERN');
    expect(prompt.dropped).toEqual([expect.objectContaining({ section: 'references', why: 'attempt 2+ drops reference implementations' })]);
    expect(prompt.user).toContain('- syntax/invalid (line 2, column 5): unexpected indent');
    expect(prompt.user).toContain('- onex/unknown-error-code (line 6, column 5): EXECUTION_ERROR is not an EnumCoreErrorCode member; use OPERATION_FAILED');
    expect(prompt.user).not.toContain('quality/unused'); // info issues are not failing rules
    expect(prompt.user.indexOf('syntax/invalid')).toBeLessThan(prompt.user.indexOf('onex/unknown-error-code'));
    expect(occurrences(prompt.user, 'PREVIOUS-MARKER')).toBe(1);
    expect(prompt.user).toContain('### Previous answer (attempt 1, rejected');
    expect(prompt.user).toContain('Attempt 2 of 3');
  });

  test('attempt 3 also keeps only the critical patterns, and names the dropped ones', () => {
    const prompt = adjustPrompt(builtContext(), failing, { number: 2 }, previous);
    expect(prompt.user).toContain('ERRPATTERN');
    expect(prompt.user).not.toContain('POOLPATTERN');
    expect(prompt.user).not.toContain('METRICPATTERN');
    expect(prompt.dropped.filter((part) => part.section === 'patterns').map((part) => part.itemId)).toEqual(['connection_pooling_v1', 'metrics_tracking_v1']);
    expect(prompt.user).toContain('### Previous answer (attempt 2, rejected');
  });

  test('the system prompt is the system section, byte for byte, at every attempt (provider prompt caches hit)', () => {
    const context = builtContext();
    const system = context.sections[0]!.content;
    for (const number of [1, 2, 3]) expect(adjustPrompt(context, failing, { number }, previous).system).toBe(system);
  });

  test('a security finding is named as such, with its CWE, and said to be never accepted', () => {
    const leak = { ...issue('security/sql-injection', 'security', 4, 'warning', 'SQL built with an f-string is passed to execute'), cwe: 'CWE-89' };
    const prompt = adjustPrompt(builtContext(), validation([leak], true), { number: 1 }, previous);
    expect(prompt.user).toContain('- security/sql-injection (line 4, column 5): SQL built with an f-string is passed to execute');
    expect(prompt.user).toContain('Security finding (CWE-89): remove it entirely; code with a security finding is never accepted.');
  });

  test('previous code containing a fence cannot close the prompt fence', () => {
    const prompt = adjustPrompt(builtContext(), failing, { number: 1 }, 'doc = """\n```python\nx\n```\n"""');
    expect(prompt.user).toContain('````python\ndoc = """');
  });
});

describe('retry prompt: the size stays bounded', () => {
  test('after 3 attempts with a growing answer, every prompt is within one bound, counted exactly', () => {
    const context = builtContext();
    const bounds = new Set<number>();
    const sizes: number[] = [];
    for (const number of [1, 2, 3, 4]) {
      const runaway = Array.from({ length: 400 * number }, (_, i) => `value_${i} = compute_${i}(value_${i - 1})`).join('\n');
      const prompt = adjustPrompt(context, failing, { number }, runaway);
      expect(prompt.tokens).toBe(countTokens(prompt.system) + countTokens(prompt.user));
      expect(prompt.tokens).toBeLessThanOrEqual(prompt.bound);
      expect(prompt.dropped).toContainEqual(expect.objectContaining({ section: 'previous-answer' }));
      expect(prompt.user).toMatch(/\(\d+ further line\(s\) of the previous answer omitted\.\)/);
      bounds.add(prompt.bound);
      sizes.push(prompt.tokens);
    }
    expect(bounds.size).toBe(1);
    // Nothing accumulates: later prompts are no bigger than the second one.
    for (const size of sizes.slice(1)) expect(size).toBeLessThanOrEqual(sizes[0]!);
    // The bound is the first prompt's size plus room for the feedback block, and the retry prompt is
    // smaller than the first prompt here because references went.
    const firstPrompt = countTokens(context.sections[0]!.content) + countTokens(context.sections.slice(1).map((s) => `## ${s.title}\n\n${s.content}\n\n`).join(''));
    expect([...bounds][0]).toBe(firstPrompt + 2000);
    expect(sizes[0]).toBeLessThan(firstPrompt);
  });

  test('a cut previous answer keeps the lines around the first failing rule', () => {
    const runaway = Array.from({ length: 2000 }, (_, i) => `value_${i + 1} = compute(${i + 1})`).join('\n');
    const late = validation([issue('security/sql-injection', 'security', 900, 'error', 'SQL built with an f-string')]);
    const prompt = adjustPrompt(builtContext(), late, { number: 1 }, runaway);
    expect(prompt.user).toContain('(Lines 1-894 of the previous answer omitted; the excerpt starts at line 895.)');
    expect(prompt.user).toContain('\nvalue_895 = compute(895)\n');
    expect(prompt.user).toContain('\nvalue_900 = compute(900)\n');
    expect(prompt.user).not.toContain('value_894 =');
    expect(prompt.user).toMatch(/\((\d+) further line\(s\) of the previous answer omitted\.\)/);
    expect(prompt.tokens).toBeLessThanOrEqual(prompt.bound);
  });

  test('many failing rules are capped, messages cut to one line', () => {
    const many = validation(Array.from({ length: 30 }, (_, i) => issue(`onex/rule-${i}`, 'compliance', i + 1, 'error', `line one\nline two ${'x'.repeat(500)}`)));
    const prompt = adjustPrompt(builtContext(), many, { number: 1 }, previous, { maxFailingRules: 5, maxRuleMessageChars: 60 });
    expect(occurrences(prompt.user, '- onex/rule-')).toBe(5);
    expect(prompt.user).toContain('- and 25 more rule(s) of lower priority.');
    expect(prompt.user).toContain('line one line two xxxxx');
    expect(prompt.user).not.toContain('x'.repeat(60));
  });

  test('a tighter maxTokens sheds non-critical patterns, then previous-answer lines, then all patterns', () => {
    const context = builtContext();
    const loose = adjustPrompt(context, failing, { number: 1 }, previous);
    const tight = adjustPrompt(context, failing, { number: 1 }, previous, { maxTokens: loose.tokens - 50 });
    expect(tight.tokens).toBeLessThanOrEqual(loose.tokens - 50);
    expect(tight.user).toContain('ERRPATTERN');
    expect(tight.user).not.toContain('POOLPATTERN');
    expect(tight.dropped).toContainEqual(expect.objectContaining({ section: 'patterns', itemId: 'connection_pooling_v1', why: 'over the bound' }));

    const tighter = adjustPrompt(context, failing, { number: 1 }, previous, { maxTokens: 400 });
    expect(tighter.tokens).toBeLessThanOrEqual(400);
    expect(tighter.user).not.toContain('ERRPATTERN');
    expect(tighter.user).toContain('onex/unknown-error-code'); // the rules always stay
  });

  test('an unreachable bound is a typed error that says by how much', () => {
    let thrown: unknown;
    try {
      adjustPrompt(builtContext(), failing, { number: 1 }, previous, { maxTokens: 20 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContextBuilderError);
    expect((thrown as ContextBuilderError).code).toBe('PROMPT_OVER_BOUND');
    expect((thrown as ContextBuilderError).message).toMatch(/needs \d+ tokens .* the bound is 20/);
  });

  test('a context without the expected shape is rejected naming the field', () => {
    expect(() => adjustPrompt({ sections: [{ id: 'patterns', title: 'P', content: 'x' }] } as never, failing, { number: 1 }, '')).toThrow(/context\.sections\.0\.tokens/);
    expect(() => adjustPrompt(builtContext(), failing, { number: 1 }, '', { maxFailingRules: 0 })).toThrow(/options\.maxFailingRules/);
  });
});
