// A generated node file (onexgen's own skeleton, not a person's file) from its bodies: injected,
// checked by parsing the whole result, and its imports tidied (node-source tidyGeneratedImports).
// The tidy parses the whole file again: with the parser remembering recent parses
// (rememberParses, set by the session and its validation thread) that is the check's parse handed
// back, one whole-file parse fewer per node. The same here and on the validation thread.
import { injectBodies, tidyGeneratedImports, type BodyInjection, type InjectionBase } from '@onexgen/node-source';
import type { PythonParser } from '@onexgen/response-validator';

/** How many recent whole-file parses the run's parsers keep (a node's check and tidy; the gate after a tidy that changed nothing). */
export const REMEMBERED_PARSES = 4;

export function assembleGeneratedFile(parser: PythonParser, source: string, injections: readonly BodyInjection[], original?: InjectionBase): { source: string; addedImports: string[] } {
  // the check parses the whole result (not only the changed definitions): the parse the tidy reads
  const injected = injectBodies(parser, source, injections, original, { checkWhole: true });
  return { source: tidyGeneratedImports(parser, injected.source).source, addedImports: injected.addedImports };
}
