// The prompt A/B table of `onexgen metrics --by …` as plain text.
import { formatMicroUsd, formatPercent } from '@onexgen/metrics';
import { table } from '../report/table.js';
import type { RecordedComparison } from './recorded-arms.js';

const HEAD = ['arm', 'methods', 'method pass [95% CI]', 'generations', 'generation pass', 'attempts', 'tokens/gen', 'cost/gen', 'cost'];
const BY_NAME = { promptVersion: 'prompt version', experimentArm: 'experiment arm' } as const;
const rate = (x: number | null) => (x === null ? '–' : formatPercent(x));

export function renderRecordedArmsText(c: RecordedComparison): string {
  const rows = c.arms.map((a) => [
    a.label,
    String(a.methods),
    a.methodPassRate.value === null ? '–' : `${formatPercent(a.methodPassRate.value)} [${formatPercent(a.methodPassRate.low)}–${formatPercent(a.methodPassRate.high)}] (${a.methodPasses}/${a.methods})`,
    String(a.generations),
    rate(a.generationPassRate),
    a.attemptsMean === null ? '–' : a.attemptsMean.toFixed(2),
    a.tokensPerGeneration === null ? '–' : Math.round(a.tokensPerGeneration).toLocaleString('en-US'),
    a.costMicroUsdPerGeneration === null ? '–' : formatMicroUsd(a.costMicroUsdPerGeneration),
    formatMicroUsd(a.costMicroUsd),
  ]);
  const out = [`Generations by ${BY_NAME[c.by]}`, '', rows.length ? table(HEAD, rows) : 'no generations recorded in this window', ''];
  out.push('A pass: the verdict is passed or passed-static. Method pass counts each method once (its latest generation).');
  if (c.comparisons.length === 0) out.push('Comparison: fewer than two arms, nothing to compare.');
  else out.push(`Comparison (method pass, alpha ${c.alpha}):`);
  for (const x of c.comparisons) out.push(`  ${x.a}  vs  ${x.b}: ${x.verdict}`);
  return `${out.join('\n')}\n`;
}
