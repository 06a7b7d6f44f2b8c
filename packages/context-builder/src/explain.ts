// The human view of a built context: the budget table (what `onexgen explain` prints).
import type { BuiltContextData } from './build/types.js';

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
const lpad = (s: string, n: number) => ' '.repeat(Math.max(0, n - s.length)) + s;

export function explainContext(built: BuiltContextData): string {
  const m = built.metadata;
  const out: string[] = [];
  out.push(
    `Context for ${m.service}.${m.method} (${m.nodeType}; variant ${m.variant.id} ${m.variant.confidence.toFixed(2)}; ` +
      `encoding ${m.encoding}${m.model ? ` for ${m.model}` : ''}${m.encodingExactForModel ? '' : ', approximate for this model'})`,
  );
  const header = [pad('section', 13), pad('prio', 4), lpad('target', 6), lpad('min', 5), lpad('max', 5), lpad('before', 7), lpad('after', 6), '  items'];
  out.push(header.join(' '));
  out.push('-'.repeat(header.join(' ').length + 12));
  let sum = 0;
  for (const s of built.sections) {
    const b = built.budget.sections[s.id];
    sum += s.tokens;
    const shortened = s.items?.filter((i) => i.shortened).length ?? 0;
    const critical = s.items?.filter((i) => i.critical).length ?? 0;
    const items = s.items ? `${s.items.length}${shortened ? ` (${shortened} shortened)` : ''}${critical ? `, ${critical} critical` : ''}` : '';
    out.push(
      [
        pad(s.id, 13),
        pad(`P${s.priority}`, 4),
        lpad(String(b.target), 6),
        lpad(String(b.min), 5),
        lpad(String(b.max), 5),
        lpad(String(s.tokensBefore), 7),
        lpad(String(s.tokens), 6),
        `  ${items}${s.truncated ? `${items ? '; ' : ''}cut` : ''}`,
      ].join(' '),
    );
  }
  out.push(pad('separators', 13) + ' '.repeat(38) + lpad(String(built.total - sum), 7));
  const pct = ((built.total / built.budget.total) * 100).toFixed(1);
  out.push(`total ${built.total} of ${built.budget.total} tokens (${pct}%, budget ${built.budget.source})`);
  out.push(
    `patterns ${m.patterns.included}/${m.patterns.available} · references ${m.references.included}/${m.references.available} · ` +
      `mixins ${m.mixins.map((x) => x.id).join(', ') || 'none'} · quality ${built.metrics.qualityScore.toFixed(2)} · built in ${built.metrics.buildTimeMs.toFixed(2)} ms`,
  );
  const references = built.sections.find((s) => s.id === 'references')?.items ?? [];
  if (references.length) {
    out.push('References:');
    references.forEach((r, i) => out.push(`  ${i + 1}. ${r.id} (similarity ${(r.score ?? 0).toFixed(2)}${r.shortened ? ', shortened' : ''})`));
  }
  if (built.truncation.length) {
    out.push('Truncation:');
    built.truncation.forEach((t, i) =>
      out.push(`  ${i + 1}. ${t.section}: ${t.action}${t.item ? ` ${t.item}` : ''} (-${t.tokensRemoved}) — ${t.reason}`),
    );
  } else {
    out.push('Truncation: none');
  }
  for (const w of m.warnings) out.push(`warning: ${w}`);
  return `${out.map((line) => line.trimEnd()).join('\n')}\n`;
}
