// The last few whole-file parses of long sources, handed back for the very same text. A run that
// writes a node file parses it whole more than once on one thread (the injection's check, then the
// import tidy; the package's last gate when the tidy changed nothing): the same text, the same
// parser, so the same tree and module (the tidy's parse alone was a tenth of the pipeline's
// validation thread in tools/bench pipeline-bench). Opt-in: TreeSitterPythonParser.rememberParses.
//
// What is handed back must be what a fresh parse would give:
// - the key is the exact text and the parse limits it was parsed under;
// - the module is frozen (a consumer that changed it would change it for the next one);
// - the tree's memos (what rules computed from it under their own context, e.g. name resolution
//   with one profile's imports) are dropped before each reuse; what only the parse decides (the
//   node index by type) stays;
// - a parse in use (a consumer parsing the same text inside its callback) is not handed out again.
import { freezeDeep } from '@onexgen/onex';
import type { SyntaxTree } from './mirror/syntax-node.js';
import type { ParsedModule, ParseLimits } from './types.js';

/** Shorter sources parse in well under a millisecond: not worth the memory or the comparison. */
export const REMEMBERED_FROM_CHARS = 4096;
/**
 * Longer ones are not kept: a tree holds an object per syntax node (a 5 MB file has ~0.95 M), and a
 * person's multi-megabyte node file must not stay in memory after its run (a generated node file
 * is ~10 KB).
 */
export const REMEMBERED_UP_TO_CHARS = 256 * 1024;

interface Entry {
  source: string;
  limits: ParseLimits;
  tree: SyntaxTree;
  module: ParsedModule;
  inUse: boolean;
}

export class RecentParses {
  /** most recent first */
  private readonly entries: Entry[] = [];

  constructor(private readonly capacity: number) {}

  /** fn over the remembered parse of `source` under `limits`, or over `parse()`'s (remembered when long enough). */
  with<T>(source: string, limits: ParseLimits, parse: () => { tree: SyntaxTree; module: ParsedModule }, fn: (tree: SyntaxTree, module: ParsedModule) => T): T {
    if (source.length < REMEMBERED_FROM_CHARS || source.length > REMEMBERED_UP_TO_CHARS) {
      const { tree, module } = parse();
      return fn(tree, module);
    }
    const at = this.entries.findIndex((e) => e.source === source && sameLimits(e.limits, limits));
    const found = at >= 0 ? this.entries[at]! : undefined;
    if (found?.inUse) {
      const { tree, module } = parse();
      return fn(tree, module);
    }
    let entry: Entry;
    if (found) {
      this.entries.splice(at, 1);
      found.tree.forgetMemos();
      entry = found;
    } else {
      const { tree, module } = parse();
      entry = { source, limits: { ...limits }, tree, module: freezeDeep(module), inUse: false };
      if (this.entries.length >= this.capacity) this.entries.pop();
    }
    this.entries.unshift(entry);
    entry.inUse = true;
    try {
      return fn(entry.tree, entry.module);
    } finally {
      entry.inUse = false;
    }
  }
}

function sameLimits(a: ParseLimits, b: ParseLimits): boolean {
  return a.maxNodes === b.maxNodes && a.maxParserGrowthBytes === b.maxParserGrowthBytes;
}
