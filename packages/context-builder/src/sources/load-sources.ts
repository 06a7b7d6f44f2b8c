// One call that loads everything buildContext can draw on: the pattern catalog (plus user pattern
// directories), the Python parser, and the reference index. Do it once per process and reuse.
import { loadPatternCatalog, type PatternCatalog } from '@onexgen/pattern-library';
import { loadPythonParser, type PythonParser } from '@onexgen/response-validator';
import type { ContextSources } from '../build/build-context.js';
import { patternSourceFromCatalog } from './pattern-source.js';
import { buildReferenceIndex, type ReferenceIndex, type ReferenceNodeInput } from './reference-index.js';

export interface LoadSourcesOptions {
  /** the user's own pattern directories (same id replaces a shipped pattern) */
  patternDirs?: string[];
  /** a directory of reference node files (with their specs, or read from the files themselves) */
  referenceDir?: string;
  /** more such directories */
  referenceDirs?: readonly string[];
  /** explicit reference node files, with or without specs */
  referenceNodes?: ReferenceNodeInput[];
  /** where read reference files are cached by content hash across runs */
  referenceCacheDir?: string;
}

export interface LoadedSources extends ContextSources {
  catalog: PatternCatalog;
  parser: PythonParser;
  index?: ReferenceIndex;
}

export async function loadContextSources(options: LoadSourcesOptions = {}): Promise<LoadedSources> {
  const [catalog, parser] = await Promise.all([loadPatternCatalog({ extraDirs: options.patternDirs }), loadPythonParser()]);
  const index =
    options.referenceDir || options.referenceDirs?.length || options.referenceNodes?.length
      ? buildReferenceIndex({
          parser,
          ...(options.referenceDir ? { dir: options.referenceDir } : {}),
          ...(options.referenceDirs ? { dirs: options.referenceDirs } : {}),
          ...(options.referenceNodes ? { nodes: options.referenceNodes } : {}),
          ...(options.referenceCacheDir ? { cacheDir: options.referenceCacheDir } : {}),
        })
      : undefined;
  return { catalog, parser, index, patterns: patternSourceFromCatalog(catalog), references: index };
}
