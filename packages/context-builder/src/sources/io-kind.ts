// The I/O kind (database, http, messaging, files, cache, none) of a reference method or of a spec:
// a structural feature of reference ranking. Evidence and words live in data/io-kinds.yaml.
import { loadIoKindsData } from '../data/load-data.js';
import { words } from './words.js';

export type IoKind = string;

function best(scores: Map<string, number>): IoKind {
  let kind = 'none';
  let top = 0;
  // data order breaks ties, so the same input always gives the same kind
  for (const [k, n] of scores) {
    if (n > top) {
      kind = k;
      top = n;
    }
  }
  return kind;
}

/** From what a method's module imports and what the method calls (the strongest evidence), then its words. */
export function ioKindOfCode(modules: readonly string[], callees: readonly string[], text: string): IoKind {
  const tops = new Set(modules.map((m) => m.split('.')[0]!));
  const lastSegments = callees.map((c) => c.split('.').pop()!);
  const textWords = new Set(words(text));
  const scores = new Map<string, number>();
  for (const rule of loadIoKindsData()) {
    // a call counts only where the module or a word of the method backs the kind: `get` alone is any dict
    const imported = rule.modules.some((m) => tops.has(m));
    const said = rule.words.some((w) => textWords.has(w));
    const called = lastSegments.filter((c) => rule.calls.includes(c)).length;
    scores.set(rule.kind, (imported ? 3 : 0) + (imported || said ? called : 0) + (said ? 1 : 0));
  }
  return best(scores);
}

/** From the words a spec uses (description, features, domain, operations, io_operations). */
export function ioKindOfText(text: string): IoKind {
  const textWords = words(text);
  const scores = new Map<string, number>();
  for (const rule of loadIoKindsData()) scores.set(rule.kind, textWords.filter((w) => rule.words.includes(w)).length);
  return best(scores);
}
