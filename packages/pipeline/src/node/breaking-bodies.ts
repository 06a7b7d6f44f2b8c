// Which generated bodies break a node file on their own, found by halving the set: a set of bodies
// that injects cleanly holds none, so a file of n stubs with k broken bodies costs about 2k·log2(n)
// injections instead of n (one per body, which made a 5 MB node file quadratic: ~10,000 parses of the
// whole file after its filled text was refused as too large to check). Given what injection needs of the file's own parse,
// each injection parses only the top-level statements it changes.
import { injectBodies, type BodyInjection, type InjectionBase } from '@onexgen/node-source';
import type { PythonParser } from '@onexgen/response-validator';

export interface BreakingBody {
  /** index into the injections */
  index: number;
  /** why injecting it alone failed */
  error: Error;
}

/**
 * The injections (ascending) that fail when injected into `source` alone, as if each were tried
 * alone. The caller knows the whole set failed; it is not tried again.
 */
export function breakingBodies(parser: PythonParser, source: string, injections: readonly BodyInjection[], base?: InjectionBase): BreakingBody[] {
  const all = injections.map((_, i) => i);
  return halves(all).flatMap((half) => failing(parser, source, injections, half, base));
}

function failing(parser: PythonParser, source: string, injections: readonly BodyInjection[], indices: number[], base: InjectionBase | undefined): BreakingBody[] {
  if (indices.length === 0) return [];
  try {
    injectBodies(parser, source, indices.map((i) => injections[i]!), base);
    return [];
  } catch (error) {
    if (indices.length === 1) return [{ index: indices[0]!, error: error as Error }];
    return halves(indices).flatMap((half) => failing(parser, source, injections, half, base));
  }
}

function halves(indices: number[]): number[][] {
  const mid = Math.ceil(indices.length / 2);
  return [indices.slice(0, mid), indices.slice(mid)];
}
