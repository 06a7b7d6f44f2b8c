// Formats one matched pattern as a markdown block for the patterns section: name, score,
// category, tags, description, cleaned code example, guidelines and pitfalls. Catalog patterns do
// not change, so the cleaned code is memoised per pattern text.
import type { PatternMatch } from '@onexgen/pattern-library';
import type { PythonParser } from '@onexgen/response-validator';
import { cleanCode, type CleanedCode } from './clean-code.js';

export interface FormattedPattern {
  id: string;
  text: string;
  score: number;
  critical: boolean;
}

export interface PatternFormatter {
  format(match: PatternMatch, index: number): FormattedPattern;
}

export function createPatternFormatter(parser?: PythonParser): PatternFormatter {
  const cleaned = new Map<string, CleanedCode>();
  const clean = (code: string): CleanedCode => {
    let hit = cleaned.get(code);
    if (hit === undefined) {
      hit = cleanCode(code, parser);
      cleaned.set(code, hit);
    }
    return hit;
  };

  return {
    format(match, index) {
      const p = match.pattern;
      const lines: string[] = [];
      // a critical pattern added without any matched feature has no meaningful score to show
      const scored = match.score > 0 || match.matchedFeatures.length > 0;
      const label = [scored ? `score ${match.score.toFixed(2)}` : '', p.critical ? 'critical: always applies' : ''].filter(Boolean).join(', ');
      lines.push(`## Pattern ${index + 1}: ${p.name}${label ? ` (${label})` : ''}`);
      lines.push(`Category: ${p.category}${p.tags.length ? ` · Tags: ${p.tags.join(', ')}` : ''}`);
      if (match.matchedFeatures.length) lines.push(`Matched features: ${match.matchedFeatures.join(', ')}`);
      lines.push('', p.description.trim());
      const { code, importsOnly } = clean(p.codeExample);
      if (importsOnly) lines.push('', 'These imports are already at the top of the node file: use the names, never add imports.');
      if (code) lines.push('', '```python', code, '```');
      if (p.guidelines.length) lines.push('', 'Guidelines:', ...p.guidelines.map((g) => `- ${g}`));
      if (p.pitfalls.length) lines.push('', 'Pitfalls:', ...p.pitfalls.map((g) => `- ${g}`));
      return { id: p.id, text: `${lines.join('\n')}\n`, score: match.score, critical: p.critical };
    },
  };
}
