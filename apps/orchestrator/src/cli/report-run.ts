// What generate/fill print: one JSON document with --json, otherwise a summary per node, the
// offline line when no model was used, and where the files and the metrics are.
import { relative } from 'node:path';
import type { NodeOutcome, RunOutcome } from '../pipeline/outcome.js';
import { describeStop } from '../pipeline/stop-reason.js';
import type { CliIO } from './io.js';

export const OFFLINE_LINE =
  'offline: no LLM was used (no provider configured): methods came from learned templates, patterns and fallbacks. ' +
  'To generate with a model set ZAI_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY (or OLLAMA_HOST), ' +
  'or pass --provider and --base-url.';

function describeNode(io: CliIO, n: NodeOutcome): string {
  if (n.status === 'failed') return `✖ ${n.input}: ${n.error?.message ?? 'failed'} (nothing written)`;
  const counts = new Map<string, number>();
  for (const m of n.methods) counts.set(m.strategy, (counts.get(m.strategy) ?? 0) + 1);
  const mix = [...counts].map(([s, c]) => `${c} ${s}`).join(', ') || 'no stubs';
  const out = n.output ? relative(io.cwd, n.output) || n.output : '';
  const lines = [`✔ ${n.input} → ${out} (${n.methods.length} method${n.methods.length === 1 ? '' : 's'}: ${mix})`];
  for (const m of n.methods) {
    const cls = m.class ? `${m.class}.` : '';
    lines.push(`    ${cls}${m.name}: ${m.strategy}${m.passed ? '' : ' (not valid)'} score ${m.score.toFixed(2)}${m.reason ? ` (${m.reason})` : ''}`);
  }
  if (n.addedImports.length > 0) lines.push(`    imports added: ${n.addedImports.join('; ')}`);
  return lines.join('\n');
}

export function reportRun(io: CliIO, run: RunOutcome, json: boolean): void {
  if (json) {
    io.stdout(`${JSON.stringify(run, null, 2)}\n`);
    return;
  }
  for (const n of run.nodes) io.stdout(`${describeNode(io, n)}\n`);
  const t = run.totals;
  io.stdout(
    `${t.methods} method${t.methods === 1 ? '' : 's'}: ${t.passed} valid, ${t.fellBack} fell back; ${t.tokens} tokens, $${t.cost.toFixed(4)}\n`,
  );
  const stopped = describeStop(run);
  if (stopped) io.stdout(`${stopped}\n`);
  if (run.offline) io.stdout(`${OFFLINE_LINE}\n`);
  else if (run.provider) io.stdout(`model: ${run.provider}\n`);
  io.stdout(`metrics: session ${run.sessionId} recorded in ${run.database} (see \`onexgen metrics\`)\n`);
}
