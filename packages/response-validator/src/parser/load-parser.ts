// One warm web-tree-sitter instance per process: the wasm runtime and the Python grammar load once
// (~40 ms) behind a cached promise; every later call reuses the same parser.
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { PythonParserError } from './errors.js';
import { captureBinding } from './mirror/wasm-binding.js';
import { TreeSitterPythonParser } from './tree-sitter-python-parser.js';
import type { FragmentOptions, ParsedFragment, ParsedModule } from './types.js';

let cached: Promise<TreeSitterPythonParser> | undefined;
let loaded: TreeSitterPythonParser | undefined;

async function create(): Promise<TreeSitterPythonParser> {
  try {
    const require = createRequire(import.meta.url);
    // Emscripten fills this object with the module's exports; the mirror walk calls them directly.
    const moduleOptions: Record<string, unknown> = {};
    await Parser.init(moduleOptions);
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    loaded = new TreeSitterPythonParser(parser, captureBinding(moduleOptions));
    return loaded;
  } catch (cause) {
    throw new PythonParserError(
      'PARSER_LOAD_FAILED',
      'could not load web-tree-sitter with tree-sitter-python.wasm (are web-tree-sitter and tree-sitter-python installed?)',
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
