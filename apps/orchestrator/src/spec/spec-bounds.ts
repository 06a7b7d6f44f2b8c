// Resource bounds of a spec file, checked before its shape: a spec is a few KB of YAML written by a
// person, so anything orders of magnitude larger is refused with a clear error instead of being
// parsed into gigabytes (a 5.5 MB spec with 400k operations exhausted memory; a YAML alias bomb
// ended in a stack trace; a 10 MB description was rendered into 61 MB of files).

export const SPEC_BOUNDS = {
  /** Bytes of the spec file. */
  maxBytes: 1024 * 1024,
  /** YAML aliases (`*name`) resolved in one document (the yaml library's own bound, made explicit). */
  maxAliases: 100,
  /** Entries of any one list (operations, methods, features, examples, …). */
  maxListLength: 500,
  /** Characters of any one string value. */
  maxStringLength: 64 * 1024,
  /** Nesting depth of mappings and lists. */
  maxDepth: 32,
} as const;

export interface BoundViolation {
  path: string;
  message: string;
}

/** The first place where a parsed spec exceeds its bounds, or undefined. Walks iteratively (no recursion limit). */
export function findBoundViolation(value: unknown, formatPath: (path: readonly PropertyKey[]) => string): BoundViolation | undefined {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (path.length > SPEC_BOUNDS.maxDepth) return { path: formatPath(path), message: `nested deeper than ${SPEC_BOUNDS.maxDepth} levels` };
    if (typeof v === 'string' && v.length > SPEC_BOUNDS.maxStringLength) {
      return { path: formatPath(path), message: `a text of ${v.length} characters; at most ${SPEC_BOUNDS.maxStringLength} are allowed` };
    }
    if (Array.isArray(v)) {
      if (v.length > SPEC_BOUNDS.maxListLength) return { path: formatPath(path), message: `a list of ${v.length} entries; at most ${SPEC_BOUNDS.maxListLength} are allowed` };
      v.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length > SPEC_BOUNDS.maxListLength) return { path: formatPath(path), message: `a mapping of ${entries.length} keys; at most ${SPEC_BOUNDS.maxListLength} are allowed` };
      for (const [k, item] of entries) stack.push({ value: item, path: [...path, k] });
    }
  }
  return undefined;
}
