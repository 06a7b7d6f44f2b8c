// Counts the statements the embedded database runs, by shape (the text up to its first 90
// characters, parameters stay placeholders), so a benchmark can say which queries a method costs.
// PGlite runs on a thread of its own (@onexgen/metrics' PgliteThreadClient): its client's query and
// transaction are patched in this process only (a transaction's statements pass through query);
// `stop()` restores them. Runs under tsx (the client is imported from the sources by path).
import { PgliteThreadClient } from '../../packages/metrics/src/db/pglite-thread-client.ts';

export function startSqlCensus() {
  const base = PgliteThreadClient.prototype;
  const original = { query: base.query, transaction: base.transaction };
  const counts = new Map();
  const count = (text) => {
    const shape = String(text).replace(/\s+/g, ' ').trim().slice(0, 90);
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  };
  base.query = function (text, ...rest) {
    count(text);
    return original.query.call(this, text, ...rest);
  };
  base.transaction = function (fn) {
    count('(transaction)');
    return original.transaction.call(this, fn);
  };
  return {
    stop() {
      Object.assign(base, original);
      return [...counts].map(([shape, n]) => ({ shape, n })).sort((a, b) => b.n - a.n);
    },
  };
}
