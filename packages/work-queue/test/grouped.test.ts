// Group commit's batching (src/grouped.ts): what arrives while a batch is in flight goes in the next
// one; a failed batch is retried one call at a time so only the bad call fails.
import { expect, test } from '@jest/globals';
import { grouped } from '../src/grouped.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

test('calls that arrive during a batch go together in the next one, each getting its own result', async () => {
  const batches: number[][] = [];
  const double = grouped(async (items: number[]) => {
    batches.push(items);
    await tick();
    return items.map((n) => n * 2);
  });
  const first = double(1); // alone: nothing was in flight
  const rest = [2, 3, 4].map((n) => double(n)); // arrive while the first batch runs
  expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
  expect(batches).toEqual([[1], [2, 3, 4]]);
  // idle again: the next call is a batch of its own, at once
  expect(await double(5)).toBe(10);
  expect(batches.at(-1)).toEqual([5]);
});

test('a batch is at most maxBatch calls; the rest follow in order', async () => {
  const batches: number[][] = [];
  const echo = grouped(
    async (items: number[]) => {
      batches.push(items);
      await tick();
      return items;
    },
    { maxBatch: 2 },
  );
  const all = [0, 1, 2, 3, 4].map((n) => echo(n));
  expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
  expect(batches).toEqual([[0], [1, 2], [3, 4]]);
});

test('a failed batch is retried one call at a time: only the bad call rejects', async () => {
  const seen: number[][] = [];
  const strict = grouped(async (items: number[]) => {
    seen.push(items);
    await tick();
    if (items.includes(13)) throw new Error('13 refused');
    return items.map((n) => n + 1);
  });
  const first = strict(1);
  const batch = [2, 13, 4].map((n) => strict(n));
  const settled = await Promise.allSettled([first, ...batch]);
  expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([2, 3, '13 refused', 5]);
  expect(seen).toEqual([[1], [2, 13, 4], [2], [13], [4]]);
});

test('a batch that returns the wrong number of results is retried one call at a time (no result reaches the wrong call)', async () => {
  const short = grouped(async (items: number[]) => (items.length > 1 ? [1] : items));
  const a = short(7);
  const [b, c] = [short(8), short(9)];
  // retried one by one: each gets its own item back
  expect(await Promise.all([a, b, c])).toEqual([7, 8, 9]);
});
