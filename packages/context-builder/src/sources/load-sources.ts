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
  /** a directory of reference node files with their specs */
  referenceDir?: string;
  /** explicit reference node files with their specs */
  referenceNodes?: ReferenceNodeInput[];
}

export interface LoadedSources extends ContextSources {
  catalog: PatternCatalog;
  parser: PythonParser;
  index?: ReferenceIndex;
}

export async function loadContextSources(options: LoadSourcesOptions = {}): Promise<LoadedSources> {
  const [catalog, parser] = await Promise.all([loadPatternCatalog({ extraDirs: options.patternDirs }), loadPythonParser()]);
  const index =
    options.referenceDir || options.referenceNodes?.length
      ? buildReferenceIndex({ parser, dir: options.referenceDir, nodes: options.referenceNodes })
      : undefined;
  return { catalog, parser, index, patterns: patternSourceFromCatalog(catalog), references: index };
}
