// pass@k, the unbiased estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on
// Code", fig. 3): with n samples of a task of which c passed, the chance that at least one of k
// samples drawn without replacement passes is 1 - C(n-c, k) / C(n, k). Written as a product so no
// binomial coefficient overflows.

/** pass@k of one task with `n` samples, `c` of them passing. */
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || n < 1 || c < 0 || c > n || k < 1) {
    throw new RangeError(`passAtK: need integers n >= 1, 0 <= c <= n, k >= 1 (got n=${n}, c=${c}, k=${k})`);
  }
  if (k > n) throw new RangeError(`passAtK: k (${k}) exceeds the samples of the task (${n})`);
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/** The mean of pass@k over tasks, each given as [samples, passes]. */
export function meanPassAtK(tasks: readonly (readonly [number, number])[], k: number): number {
  if (tasks.length === 0) return Number.NaN;
  return tasks.reduce((sum, [n, c]) => sum + passAtK(n, c, k), 0) / tasks.length;
}
