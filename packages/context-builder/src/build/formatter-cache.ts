// One PatternFormatter per parser (and one without), so cleaned pattern code is memoised across builds.
import type { PythonParser } from '@onexgen/response-validator';
import { createPatternFormatter, type PatternFormatter } from '../format/pattern-formatter.js';

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
