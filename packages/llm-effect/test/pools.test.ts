// Budget pools over a budget store: the period key, the seven alert levels per pool (and its
// parent), hard and soft limits, and lending between the children of one parent.
import { describe, expect, test } from '@jest/globals';
import { BudgetExceededError, MemoryBudgetStore, PoolBudgets, periodKey } from '../src/index.js';

const NOW = new Date('2026-12-05T16:00:00Z');
const usd = (n: number) => Math.round(n * 1e6);

describe('PoolBudgets', () => {
  test('period keys: day, ISO week, month, all', () => {
    expect(periodKey('day', NOW)).toBe('2026-12-05');
    expect(periodKey('week', NOW)).toBe('2026-W49');
    expect(periodKey('week', new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(periodKey('month', NOW)).toBe('2026-12');
    expect(periodKey('all', NOW)).toBe('all');
  });

  test('alerts fire once per level per pool and on the parent; hard stops, soft moves to the cheaper tier', async () => {
    const pools = new PoolBudgets(
      {
        org: { amountUsd: 2 },
        backend: { parent: 'org', amountUsd: 1, mode: 'hard' },
        frontend: { parent: 'org', amountUsd: 1, mode: 'soft', softTier: 'local' },
      },
      new MemoryBudgetStore(),
      () => NOW,
    );
    const levels: string[] = [];
    for (const step of [0.5, 0.25, 0.1, 0.05, 0.05, 0.05, 0.05]) {
      for (const a of await pools.record('backend', usd(step))) levels.push(`${a.pool}:${a.level}`);
    }
    expect(levels).toEqual(['backend:50', 'backend:75', 'backend:85', 'backend:90', 'backend:95', 'backend:100', 'org:50', 'backend:over']);
    await expect(pools.admit('backend')).rejects.toBeInstanceOf(BudgetExceededError);
    expect(await pools.status('org')).toMatchObject({ spentMicros: usd(1.05), limitMicros: usd(2), state: 'ok', level: '50' });

    await pools.record('frontend', usd(1));
    expect(await pools.admit('frontend')).toMatchObject({ state: 'soft', tier: 'local' });
    expect((await pools.status('frontend')).level).toBe('100');
  });

  test('lending: a child at its share spends what its siblings leave unused, never more than the group has', async () => {
    const store = new MemoryBudgetStore();
    const pools = new PoolBudgets(
      { team: { lend: true }, a: { parent: 'team', amountUsd: 2 }, b: { parent: 'team', amountUsd: 1 } },
      store,
      () => NOW,
    );
    await pools.record('a', usd(2));
    // a's own share is spent; b's unused dollar is lent
    expect(await pools.status('a')).toMatchObject({ availableMicros: usd(1), state: 'ok', borrowedMicros: 0 });
    await pools.record('a', usd(0.75));
    expect(await pools.status('a')).toMatchObject({ availableMicros: usd(0.25), borrowedMicros: usd(0.75) });
    // b sees only what is left of the group
    expect((await pools.status('b')).availableMicros).toBe(usd(0.25));
    await pools.record('b', usd(0.25));
    await expect(pools.admit('a')).rejects.toBeInstanceOf(BudgetExceededError);
    await expect(pools.admit('b')).rejects.toBeInstanceOf(BudgetExceededError);

    const noLend = new PoolBudgets({ team: {}, a: { parent: 'team', amountUsd: 2 }, b: { parent: 'team', amountUsd: 1 } }, new MemoryBudgetStore(), () => NOW);
    await noLend.record('a', usd(2));
    await expect(noLend.admit('a')).rejects.toBeInstanceOf(BudgetExceededError);
    expect((await noLend.status('b')).availableMicros).toBe(usd(1));
  });

  test('bad pools name the field', () => {
    expect(() => new PoolBudgets({ a: { parent: 'nowhere' } }, new MemoryBudgetStore())).toThrow('pools.a.parent: no pool "nowhere"');
    expect(() => new PoolBudgets({ a: { amountUsd: -1 } }, new MemoryBudgetStore())).toThrow(/pools\.a\.amountUsd/);
    expect(() => new PoolBudgets({ a: { mode: 'maybe' } } as never, new MemoryBudgetStore())).toThrow(/pools\.a\.mode/);
  });
});
