// A parsed fragment crossing a thread boundary: its wrapper's position mapper is a function, which
// structured cloning refuses, so it is left out on the way and rebuilt on arrival from the wrapper's
// header lines and indentation (all it depends on).
import { wrapperPositions } from '../parser/fragment-wrapper.js';
import type { ParsedFragment } from '../parser/types.js';

/** A ParsedFragment as it travels: its wrapper without mapPosition. */
export type TravellingFragment = Omit<ParsedFragment, 'wrapper'> & { wrapper: Omit<ParsedFragment['wrapper'], 'mapPosition'> };

/** The fragment ready for postMessage. */
export function packFragment(fragment: ParsedFragment): TravellingFragment {
  const { mapPosition: _dropped, ...wrapper } = fragment.wrapper;
  return { ...fragment, wrapper };
}

/** The fragment whole again, its position mapper rebuilt. */
export function unpackFragment(fragment: TravellingFragment): ParsedFragment {
  return { ...fragment, wrapper: { ...fragment.wrapper, mapPosition: wrapperPositions(fragment.wrapper.prefixLines, fragment.wrapper.indent) } };
}
