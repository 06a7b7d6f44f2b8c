// Counts the statements an embedded PGlite runs, by shape (the text up to its first 90 characters,
// parameters stay placeholders), so a benchmark can say which queries a method costs. Patches
// PGlite's query/exec/transaction in this process only; `stop()` restores them.
import { PGlite } from '@electric-sql/pglite';

export function startSqlCensus() {
  const base = Object.getPrototypeOf(PGlite.prototype);
  const original = { query: base.query, exec: base.exec, transaction: base.transaction };
  const counts = new Map();
  const count = (text) => {
    const shape = String(text).replace(/\s+/g, ' ').trim().slice(0, 90);
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  };
  const wrapTx = (tx) =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'query' || prop === 'exec') return (text, ...rest) => (count(text), value.call(target, text, ...rest));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  base.query = function (text, ...rest) {
    count(text);
    return original.query.call(this, text, ...rest);
  };
  base.exec = function (text, ...rest) {
    count(text);
    return original.exec.call(this, text, ...rest);
  };
  base.transaction = function (fn) {
    count('(transaction)');
    return original.transaction.call(this, (tx) => fn(wrapTx(tx)));
  };
  return {
    stop() {
      Object.assign(base, original);
      return [...counts].map(([shape, n]) => ({ shape, n })).sort((a, b) => b.n - a.n);
    },
  };
}
