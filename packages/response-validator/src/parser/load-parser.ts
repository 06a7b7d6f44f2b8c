// One warm web-tree-sitter instance per process: the wasm runtime and the Python grammar load once
// (~40 ms) behind a cached promise; every later call reuses the same parser.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';
import { PythonParserError } from './parser-error.js';
import { captureBinding } from './mirror/wasm-binding.js';
import { WasmPythonParser } from './tree-sitter-python-parser.js';
import type { TreeSitterPythonParser } from './types.js';
import type { FragmentOptions, ParsedFragment, ParsedModule } from './types.js';

/**
 * The grammar ships inside the package (tsup copies it next to the bundles in dist/), so installs
 * never pull the native tree-sitter-python package; running from src/ (tests) it comes from that
 * package, a devDependency.
 */
function grammarPath(require: NodeJS.Require): string {
  const shipped = fileURLToPath(new URL('./tree-sitter-python.wasm', import.meta.url));
  return fs.existsSync(shipped) ? shipped : require.resolve('tree-sitter-python/tree-sitter-python.wasm');
}

let cached: Promise<TreeSitterPythonParser> | undefined;
let loaded: TreeSitterPythonParser | undefined;

async function create(): Promise<TreeSitterPythonParser> {
  try {
    const require = createRequire(import.meta.url);
    // Emscripten fills this object with the module's exports; the mirror walk calls them directly.
    const moduleOptions: Record<string, unknown> = {};
    await Parser.init(moduleOptions);
    const language = await Language.load(grammarPath(require));
    const parser = new Parser();
    parser.setLanguage(language);
    loaded = new WasmPythonParser(parser, captureBinding(moduleOptions));
    return loaded;
  } catch (cause) {
    throw new PythonParserError(
      'PARSER_LOAD_FAILED',
      'could not load web-tree-sitter with tree-sitter-python.wasm (is web-tree-sitter installed, and the package built with its grammar?)',
      { cause },
    );
  }
}

/** The process-wide parser; a failed load is not cached, so a later call retries. */
export function loadPythonParser(): Promise<TreeSitterPythonParser> {
  if (!cached) {
    cached = create();
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

export async function parsePython(source: string): Promise<ParsedModule> {
  return (await loadPythonParser()).parse(source);
}

export async function parseFragment(body: string, opts?: FragmentOptions): Promise<ParsedFragment> {
  return (await loadPythonParser()).parseFragment(body, opts);
}

/** The parser if loadPythonParser() has already resolved, for synchronous callers; else undefined. */
export function getLoadedPythonParser(): TreeSitterPythonParser | undefined {
  return loaded;
}
