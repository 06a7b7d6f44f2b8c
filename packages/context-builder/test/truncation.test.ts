import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildContext, explainContext, ProtectedOverBudgetError, type BuiltContext } from '../src/index.js';
import type { BuildOptions, ContextSources } from '../src/build/build-context.js';
import { cutLines, longestFittingCut } from '../src/budget/shorten.js';
import { databaseEffectInput, realSources } from './helpers.js';

let sources: ContextSources;
let base: BuiltContext;
const OPTS: BuildOptions = { referenceThreshold: 0.2 };
const HUGE = 1_000_000;

const sec = (b: BuiltContext, id: string) => b.sections.find((s) => s.id === id)!;
const build = (budget: BuildOptions['budget'], extra: Partial<BuildOptions> = {}, src: ContextSources = sources) =>
  buildContext(databaseEffectInput(), src, { ...OPTS, ...extra, budget });
const p0 = (b: BuiltContext) => b.sections.filter((s) => s.priority === 0).reduce((n, s) => n + s.tokens, 0);

beforeAll(async () => {
  sources = (await realSources()).sources;
  base = build(HUGE);
});

describe('fixture sizes this suite relies on', () => {
  test('three references and several patterns, nothing cut under a huge budget', () => {
    expect(sec(base, 'references').items).toHaveLength(3);
    expect(sec(base, 'patterns').items!.length).toBeGreaterThanOrEqual(4);
    expect(base.truncation).toEqual([]);
    expect(sec(base, 'references').tokens).toBeGreaterThan(1100);
    expect(base.sections.every((s) => s.tokens === s.tokensBefore && !s.truncated)).toBe(true);
  });
});

describe('references are cut first', () => {
  test('a small overflow shortens the last reference at a line boundary and touches nothing else', () => {
    const budget = base.total - 30;
    const b = build(budget);
    expect(b.total).toBeLessThanOrEqual(budget);
    expect(b.truncation.map((t) => [t.section, t.action, t.item])).toEqual([['references', 'shorten-item', sec(base, 'references').items![2]!.id]]);
    for (const id of ['system', 'operation', 'patterns', 'constraints', 'instructions']) expect(sec(b, id).content).toBe(sec(base, id).content);
    const original = sec(base, 'references').items![2]!.text.split('\n');
    const short = sec(b, 'references').items![2]!;
    expect(short.shortened).toBe(true);
    expect(sec(b, 'references').content).toContain(short.text);
    const lines = short.text.replace(/\n$/, '').split('\n');
    // kept lines are a prefix of the original, then the cut note inside the code block, then the fence
    expect(lines.slice(0, -2)).toEqual(original.slice(0, lines.length - 2));
    expect(lines.at(-2)).toMatch(/^# \.\.\. \d+ more lines? cut to fit the token budget$/);
    expect(lines.at(-1)).toBe('```');
    expect(b.truncation[0]!.tokensRemoved).toBe(sec(base, 'references').tokens - sec(b, 'references').tokens);
  });

  test('a larger overflow drops the least similar reference whole, then shortens the new last one', () => {
    const refs = sec(base, 'references').items!;
    const b = build(base.total - refs[2]!.tokens - 40);
    expect(b.truncation.map((t) => [t.section, t.action, t.item])).toEqual([
      ['references', 'drop-item', refs[2]!.id],
      ['references', 'shorten-item', refs[1]!.id],
    ]);
    expect(sec(b, 'references').items!.map((i) => i.id)).toEqual([refs[0]!.id, refs[1]!.id]);
  });
});

describe('patterns are cut second, lowest score first, critical never', () => {
  test('once references reach their min, the lowest-scored non-critical patterns go', () => {
    const refs = sec(base, 'references');
    const min = base.budget.sections.references.min;
    const b = build(base.total - (refs.tokens - min) - 250);
    expect(b.total).toBeLessThanOrEqual(base.total - (refs.tokens - min) - 250);
    const order = b.truncation.map((t) => t.section);
    expect(order.indexOf('patterns')).toBeGreaterThan(order.lastIndexOf('references'));
    expect(sec(b, 'references').tokens).toBeLessThanOrEqual(min);
    const dropped = b.truncation.filter((t) => t.section === 'patterns').map((t) => t.item!);
    const before = sec(base, 'patterns').items!;
    const score = (id: string) => before.find((i) => i.id === id)!.score!;
    expect(dropped.length).toBeGreaterThan(0);
    const keptNonCritical = sec(b, 'patterns').items!.filter((i) => !i.critical);
    for (const id of dropped) {
      expect(before.find((i) => i.id === id)!.critical).toBe(false);
      for (const kept of keptNonCritical) expect(score(id)).toBeLessThanOrEqual(kept.score!);
    }
    expect([...dropped.map(score)]).toEqual([...dropped.map(score)].sort((x, y) => x - y));
    expect(sec(b, 'constraints').truncated).toBe(false);
    // the explain table shows before/after per section and every cut with its reason
    const table = explainContext(b);
    expect(table).toMatch(new RegExp(`^references\\s+P1\\s+2500\\s+1000\\s+2800\\s+${refs.tokens}\\s+${sec(b, 'references').tokens}\\s`, 'm'));
    b.truncation.forEach((t, i) => expect(table).toContain(`${i + 1}. ${t.section}: ${t.action} ${t.item} (-${t.tokensRemoved}) — ${t.reason}`));
  });

  test('at the floor of the budget only critical patterns remain, every one of them', () => {
    let floor = 0;
    try {
      build(p0(base));
    } catch (e) {
      floor = (e as ProtectedOverBudgetError).protectedTokens;
    }
    expect(floor).toBeGreaterThan(p0(base));
    const b = build(floor);
    expect(b.total).toBeLessThanOrEqual(floor);
    const critical = sec(base, 'patterns').items!.filter((i) => i.critical).map((i) => i.id);
    expect(critical.length).toBeGreaterThan(0);
    expect(sec(b, 'patterns').items!.map((i) => i.id)).toEqual(critical);
    expect(sec(b, 'references').items).toEqual([]);
    for (const id of ['system', 'operation', 'instructions']) expect(sec(b, id).content).toBe(sec(base, id).content);
    // the ladder: first pass down to the mins in priority order, then below them
    const order = b.truncation.map((t) => t.section);
    expect(order.indexOf('references')).toBeLessThan(order.indexOf('patterns'));
    expect(order.indexOf('patterns')).toBeLessThan(order.indexOf('constraints'));
  });
});

describe('constraints are cut last', () => {
  test('least confident mixin first, then lines from the end', () => {
    const noItems: ContextSources = { ...sources, patterns: [], references: [] };
    const full = build(HUGE, {}, noItems);
    const mixins = sec(full, 'constraints').items!;
    const weakest = [...mixins].sort((a, b) => a.score! - b.score!)[0]!;
    const one = build(full.total - 5, {}, noItems);
    expect(one.truncation.map((t) => [t.section, t.action])).toEqual([['constraints', 'drop-item']]);
    expect(mixins.filter((m) => m.score === weakest.score).map((m) => m.id)).toContain(one.truncation[0]!.item);
    const deep = build(full.total - sec(full, 'constraints').tokens + 40, {}, noItems);
    expect(deep.truncation.at(-1)).toMatchObject({ section: 'constraints', action: 'shorten-section' });
    expect(sec(deep, 'constraints').items).toEqual([]);
    expect(sec(deep, 'constraints').content).toMatch(/^# Constraints\n/);
    expect(deep.total).toBeLessThanOrEqual(full.total - sec(full, 'constraints').tokens + 40);
  });
});

describe('limits', () => {
  test('the never-cut part over the budget is refused with the sizes', () => {
    const budget = p0(base) - 1;
    expect(() => build(budget)).toThrow(ProtectedOverBudgetError);
    try {
      build(budget);
    } catch (e) {
      const err = e as ProtectedOverBudgetError;
      expect(err.code).toBe('PROTECTED_OVER_BUDGET');
      expect(err.budget).toBe(budget);
      expect(err.sizes.system).toBe(sec(base, 'system').tokens);
      expect(err.message).toContain(`system ${sec(base, 'system').tokens}`);
      expect(err.message).toContain(`budget is ${budget}`);
    }
  });

  test('a section over its max is capped even when the total fits', () => {
    const b = build({ total: HUGE, sections: { references: { target: 500, min: 300, max: 700, priority: 1 } } });
    expect(sec(b, 'references').tokens).toBeLessThanOrEqual(700);
    expect(b.truncation.every((t) => t.section === 'references' && t.reason.includes('section max of 700'))).toBe(true);
    expect(b.metrics.truncated).toBe(true);
  });
});

describe('cutting at a line boundary', () => {
  const text = 'header\n\n```python\nline 1\nline 2\nline 3\nline 4\n```\n';

  test('closes an open code fence and says how much was cut', () => {
    expect(cutLines(text, 4)).toBe('header\n\n```python\nline 1\n# ... 4 more lines cut to fit the token budget\n```\n');
    expect(cutLines(text, 2)).toBe('header\n\n(... 6 more lines cut to fit the token budget)\n');
    expect(cutLines(text, 99)).toBe(text);
  });

  test('finds the longest prefix that fits, or nothing below the minimum', () => {
    const fits = (limit: number) => (t: string) => t.length <= limit;
    const best = longestFittingCut(text, 3, fits(80));
    expect(best!.text.length).toBeLessThanOrEqual(80);
    expect(cutLines(text, best!.keep + 1).length).toBeGreaterThan(80);
    expect(longestFittingCut(text, 3, fits(10))).toBeUndefined();
  });
});
