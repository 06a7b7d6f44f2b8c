// Large inputs stay bounded: tree-sitter's parse is cancelled once its WebAssembly memory has grown
// by more than a budget (a 14 MB file of dense calls needs 1.7 GB there, and the 32-bit heap aborts
// the whole process near 4 GB), and a tree with more nodes than the mirror may hold (each costs
// about 0.3 KB of JS heap plus 0.15 KB of WebAssembly memory) is refused before it is mirrored.
// Either way the caller gets PythonParserError SOURCE_TOO_LARGE, never an abort or an exhausted heap.
import type { Parser, ParseOptions, Tree } from 'web-tree-sitter';
import { PythonParserError } from './parser-error.js';
import type { WasmBinding } from './mirror/wasm-binding.js';
import type { ParseLimits } from './types.js';


export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({ maxNodes: 4_000_000, maxParserGrowthBytes: 1024 * 1024 * 1024 });

/** Below this many characters no limit can be reached: the parse runs without a progress callback. */
const WATCHED_FROM = 256 * 1024;

export function boundedParse(parser: Parser, source: string, limits: ParseLimits, binding: WasmBinding | undefined): Tree {
  const heap = binding?.module.HEAP32;
  let grewBy = 0;
  let options: ParseOptions | undefined;
  if (heap && source.length >= WATCHED_FROM) {
    const before = heap.buffer.byteLength;
    // web-tree-sitter cancels the parse when this returns true (its .d.ts types the callback as void)
    const progressCallback = (): boolean => {
      grewBy = binding!.module.HEAP32.buffer.byteLength - before;
      return grewBy > limits.maxParserGrowthBytes;
    };
    options = { progressCallback: progressCallback as unknown as ParseOptions['progressCallback'] };
  }
  let tree: Tree | null;
  try {
    tree = parser.parse(source, null, options);
  } catch (cause) {
    throw new PythonParserError('PARSER_FAILED', 'tree-sitter failed to parse the source', { cause });
  }
  if (!tree) {
    // a cancelled parse is kept to be resumed: without a reset the next parse would continue it
    parser.reset();
    if (grewBy > limits.maxParserGrowthBytes) {
      throw new PythonParserError('SOURCE_TOO_LARGE', `source too large to parse: tree-sitter's memory grew by more than ${mib(limits.maxParserGrowthBytes)} on ${mib(source.length)} of source (split the file)`);
    }
    throw new PythonParserError('PARSER_FAILED', 'tree-sitter returned no tree');
  }
  const nodes = tree.rootNode.descendantCount;
  if (nodes > limits.maxNodes) {
    tree.delete();
    throw new PythonParserError('SOURCE_TOO_LARGE', `source too large to validate: ${nodes.toLocaleString('en-US')} syntax nodes, over the limit of ${limits.maxNodes.toLocaleString('en-US')} (split the file)`);
  }
  return tree;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
