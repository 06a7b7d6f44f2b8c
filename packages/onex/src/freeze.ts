// Plain data shared between callers (shipped patterns, remembered parse results) is frozen so no
// caller can change it under another: objects and arrays all the way down. A Set or Map has no own
// enumerable properties, so its entries are left as they are.
export function freezeDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) freezeDeep(inner);
  return Object.freeze(value);
}
