// What generate/fill print: one JSON document with --json, otherwise a summary per node, the
// offline line when no model was used, and where the files and the metrics are.
import { relative } from 'node:path';
import { formatUsd, VERDICTS } from '@onexgen/onex';
import { describeStop, type MethodOutcome, type NodeOutcome, type RunOutcome } from '@onexgen/pipeline';
import type { CliIO } from './io.js';

/** the location an in-memory database reports (its records end with the process) */
const MEMORY_DATABASE = 'memory://';

export const OFFLINE_LINE =
  'offline: no LLM was used (no provider configured): methods came from learned templates, patterns and fallbacks. ' +
  'To generate with a model set ZAI_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY (or OLLAMA_HOST), ' +
  'or pass --provider and --base-url.';

/** `passed (llm, score 0.93, 5/5 examples)`; a fallback body is shown without a score. */
function describeMethod(m: MethodOutcome): string {
  const b = m.behaviour;
  const examples = b?.status === 'ran' ? `, ${b.passed}/${b.examples} examples` : b?.status === 'unavailable' ? `, ${b.examples} example(s) not run` : '';
  const score = m.verdict === 'failed' || m.verdict === 'incomplete' ? ', marked IMPLEMENTATION REQUIRED' : `, score ${m.score.toFixed(2)}`;
  return `${m.verdict} (${m.strategy}${score}${examples}${describePasses(m)})${m.reason ? ` ${m.reason}` : ''}`;
}

/** `, planned first, review by M: approve after 1 re-ask`; a marked method says so loudly. */
function describePasses(m: MethodOutcome): string {
  const parts: string[] = [];
  if (m.plan) parts.push('planned first');
  const r = m.review;
  if (r) {
    const reasks = r.reasks ? ` after ${r.reasks} re-ask${r.reasks === 1 ? '' : 's'}` : '';
    parts.push(`review by ${r.model}: ${r.verdict}${reasks}${r.action === 'accept' ? '' : ' — MARKED for a person to check'}`);
  }
  return parts.map((p) => `, ${p}`).join('');
}

function describeNode(io: CliIO, n: NodeOutcome): string {
  if (n.status === 'failed') return `✖ ${n.input}: ${n.error?.message ?? 'failed'} (nothing written)`;
  const counts = new Map<string, number>();
  for (const m of n.methods) counts.set(m.strategy, (counts.get(m.strategy) ?? 0) + 1);
  const mix = [...counts].map(([s, c]) => `${c} ${s}`).join(', ') || 'no stubs';
  const out = n.output ? relative(io.cwd, n.output) || n.output : '';
  const lines = [`✔ ${n.input} → ${out} (${n.methods.length} method${n.methods.length === 1 ? '' : 's'}: ${mix})`];
  for (const m of n.methods) {
    const cls = m.class ? `${m.class}.` : '';
    lines.push(`    ${cls}${m.name}: ${describeMethod(m)}`);
  }
  if (n.addedImports.length > 0) lines.push(`    imports added: ${n.addedImports.join('; ')}`);
  if (n.backup) lines.push(`    original saved: ${relative(io.cwd, n.backup) || n.backup}`);
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
    `${t.methods} method${t.methods === 1 ? '' : 's'}: ${VERDICTS.filter((v) => t.verdicts[v] > 0).map((v) => `${t.verdicts[v]} ${v}`).join(', ') || 'none'}; ${t.tokens} tokens, ${formatUsd(t.costMicros)}\n`,
  );
  const stopped = describeStop(run);
  if (stopped) io.stdout(`${stopped}\n`);
  if (run.offline) io.stdout(`${OFFLINE_LINE}\n`);
  else if (run.provider) io.stdout(`model: ${run.provider}\n`);
  if (run.database === MEMORY_DATABASE) {
    io.stdout(`metrics: session ${run.sessionId} was kept in memory (memory://) and is gone with this run; give --db <dir> to keep them\n`);
  } else {
    io.stdout(`metrics: session ${run.sessionId} recorded in ${run.database} (see \`onexgen metrics\`)\n`);
  }
  if (run.nodes.some((n) => n.backup)) io.stdout(`undo: onexgen undo ${run.sessionId}\n`);
}
