// Formats one reference implementation for the references section. Guidance and pitfalls come
// before the code on purpose: when the budget forces a cut at a line boundary, it is the tail of
// the code that goes, not the advice.
import type { ReferenceImplementation } from '../sources/reference-index.js';

const METHOD_MATCH: Record<ReferenceImplementation['methodMatch'], string> = {
  'same-name': 'the same method in a similar node',
  'entry-method': "this node's entry method; adapt its structure to your method",
  'similar-method': 'the most similar method of this node; adapt it to your method',
};

export function formatReference(ref: ReferenceImplementation, index: number): string {
  const lines: string[] = [];
  lines.push(`## Reference ${index + 1}: ${ref.nodeName} (similarity ${ref.similarity.toFixed(2)})`);
  lines.push(`Location: ${ref.location}`);
  if (ref.matchedFeatures.length) lines.push(`Matched features: ${ref.matchedFeatures.join(', ')}`);
  lines.push(`Method: ${ref.method} (${METHOD_MATCH[ref.methodMatch]})`);
  if (ref.guidance.length) lines.push('', 'Adaptation guidance:', ...ref.guidance.map((g) => `- ${g}`));
  if (ref.pitfalls.length) lines.push('', 'Pitfalls:', ...ref.pitfalls.map((p) => `- ${p}`));
  lines.push('', '```python', ref.code, '```');
  return `${lines.join('\n')}\n`;
}
