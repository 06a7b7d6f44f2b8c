// Formatted item texts memoised across builds. Patterns and references repeat from build to build
// (same catalog, same index); handing back the very same string object lets every later step (the
// token memo's Map lookup above all) reuse the string's cached hash instead of rehashing kilobytes.
import type { PatternMatch } from '@onexgen/pattern-library';
import type { PythonParser } from '@onexgen/response-validator';
import { createPatternFormatter, type PatternFormatter } from '../format/pattern-formatter.js';
import { formatReference } from '../format/reference-formatter.js';
import type { ReferenceImplementation } from '../sources/reference-index.js';
import { normalizeSection } from '../templates/template-set.js';

const withParser = new WeakMap<PythonParser, PatternFormatter>();
let withoutParser: PatternFormatter | undefined;

export function patternFormatterFor(parser: PythonParser | undefined): PatternFormatter {
  if (!parser) return (withoutParser ??= createPatternFormatter());
  let f = withParser.get(parser);
  if (!f) {
    f = createPatternFormatter(parser);
    withParser.set(parser, f);
  }
  return f;
}

const MAX_TEXTS = 5_000;
const patternTexts = new WeakMap<PatternFormatter, Map<string, { match: PatternMatch['pattern']; text: string }>>();
const referenceTexts = new Map<string, { code: string; text: string }>();

/** The normalised item text of a pattern match at a position; the same string for the same inputs. */
export function patternItemText(formatter: PatternFormatter, m: PatternMatch, index: number): string {
  let memo = patternTexts.get(formatter);
  if (!memo) patternTexts.set(formatter, (memo = new Map()));
  const key = `${m.pattern.id}\u0000${m.score}\u0000${index}\u0000${m.matchedFeatures.join(',')}`;
  const hit = memo.get(key);
  // the pattern object itself must match: a reloaded catalog may change a pattern under the same id
  if (hit && hit.match === m.pattern) return hit.text;
  const text = normalizeSection(formatter.format(m, index).text);
  if (memo.size >= MAX_TEXTS) memo.clear();
  memo.set(key, { match: m.pattern, text });
  return text;
}

/** The normalised item text of a reference at a position; the same string for the same inputs. */
export function referenceItemText(ref: ReferenceImplementation, index: number): string {
  const key = [ref.id, ref.location, ref.similarity, index, ref.methodMatch, ref.matchedFeatures.join(','), ref.guidance.join('\n'), ref.pitfalls.join('\n')].join('\u0000');
  const hit = referenceTexts.get(key);
  if (hit && hit.code === ref.code) return hit.text;
  const text = normalizeSection(formatReference(ref, index));
  if (referenceTexts.size >= MAX_TEXTS) referenceTexts.clear();
  referenceTexts.set(key, { code: ref.code, text });
  return text;
}
