// Cuts a markdown/code text at a line boundary, closing an open code fence and saying how much
// was cut, so a shortened reference still reads as valid markdown and valid-looking Python.

const FENCE = '```';

/** The first `keep` lines of `text` plus a closing fence (if needed) and a cut marker. */
export function cutLines(text: string, keep: number): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (keep >= lines.length) return text;
  const kept = lines.slice(0, keep);
  const omitted = lines.length - keep;
  const insideCode = kept.filter((l) => l.trimStart().startsWith(FENCE)).length % 2 === 1;
  const note = `${omitted} more line${omitted === 1 ? '' : 's'} cut to fit the token budget`;
  if (insideCode) kept.push(`# ... ${note}`, FENCE);
  else kept.push(`(... ${note})`);
  return `${kept.join('\n')}\n`;
}

export function lineCount(text: string): number {
  return text.replace(/\n$/, '').split('\n').length;
}

/**
 * The largest `keep` in [minKeep, total) for which `fits(cutLines(text, keep))` holds, by binary
 * search (token counts grow with the number of kept lines); undefined when even minKeep does not fit.
 */
export function longestFittingCut(text: string, minKeep: number, fits: (candidate: string) => boolean): { keep: number; text: string } | undefined {
  let lo = minKeep;
  let hi = lineCount(text) - 1;
  let best: { keep: number; text: string } | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = cutLines(text, mid);
    if (fits(candidate)) {
      best = { keep: mid, text: candidate };
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}
