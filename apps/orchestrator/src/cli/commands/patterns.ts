// `onexgen patterns list|match|show`: browse the pattern catalog. The catalog (and onex's schemas)
// are imported when a subcommand runs, so `--help` loads neither.
import type { Command } from 'commander';
import type { Pattern, PatternCatalog } from '@onexgen/pattern-library';
import { OnexgenError } from '../../errors.js';
import type { CliIO } from '../io.js';

async function catalogOf(dirs?: string[]): Promise<PatternCatalog> {
  const { loadPatternCatalog } = await import('@onexgen/pattern-library');
  return loadPatternCatalog(dirs && dirs.length > 0 ? { extraDirs: dirs } : {});
}

function row(p: Pattern): string {
  return `${p.id.padEnd(34)} ${p.category.padEnd(14)} ${p.nodeTypes.join(',').padEnd(36)} ${p.critical ? 'critical' : ''}`.trimEnd();
}

export function registerPatterns(program: Command, io: CliIO): void {
  const patterns = program.command('patterns').description('the production pattern catalog');
  patterns
    .command('list')
    .description('list the patterns')
    .option('--dir <dir...>', 'extra pattern directories')
    .option('--json', 'print JSON')
    .action(async (opts: { dir?: string[]; json?: boolean }) => {
      const catalog = await catalogOf(opts.dir);
      if (opts.json) return void io.stdout(`${JSON.stringify(catalog.patterns.map(({ codeExample: _c, ...p }) => p), null, 2)}\n`);
      for (const p of catalog.patterns) io.stdout(`${row(p)}\n`);
      io.stdout(`${catalog.patterns.length} patterns\n`);
    });
  patterns
    .command('match')
    .description('the patterns that fit a node type and features')
    .requiredOption('--node-type <type>', 'effect, compute, reducer or orchestrator')
    .option('--features <list>', 'comma-separated features (free text or keys)', '')
    .option('--operation <name>', 'operation name')
    .option('--top <n>', 'how many', '5')
    .option('--dir <dir...>', 'extra pattern directories')
    .option('--json', 'print JSON')
    .action(async (opts: { nodeType: string; features: string; operation?: string; top: string; dir?: string[]; json?: boolean }) => {
      const { nodeTypeSchema } = await import('@onexgen/onex');
      const nodeType = nodeTypeSchema.safeParse(opts.nodeType);
      if (!nodeType.success) throw new OnexgenError('USAGE', `--node-type: must be effect, compute, reducer or orchestrator (got "${opts.nodeType}")`);
      const topK = Number(opts.top);
      if (!Number.isInteger(topK) || topK < 1) throw new OnexgenError('USAGE', `--top: must be a positive integer (got "${opts.top}")`);
      const catalog = await catalogOf(opts.dir);
      const features = opts.features.split(',').map((f) => f.trim()).filter(Boolean);
      const matches = catalog.match({ nodeType: nodeType.data, features, topK, ...(opts.operation ? { operation: opts.operation } : {}) });
      if (opts.json) {
        return void io.stdout(`${JSON.stringify(matches.map((m) => ({ id: m.pattern.id, score: m.score, matchedFeatures: m.matchedFeatures, reasons: m.reasons })), null, 2)}\n`);
      }
      for (const m of matches) io.stdout(`${m.score.toFixed(2)}  ${m.pattern.id}  (${m.matchedFeatures.join(', ') || 'node type only'})\n`);
      if (matches.length === 0) io.stdout('no pattern matches\n');
    });
  patterns
    .command('show')
    .description('one pattern with its code example and guidelines')
    .argument('<id>', 'pattern id, e.g. error_handling_v1')
    .option('--dir <dir...>', 'extra pattern directories')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { dir?: string[]; json?: boolean }) => {
      const catalog = await catalogOf(opts.dir);
      const p = catalog.get(id) ?? catalog.patterns.find((x) => x.name === id);
      if (!p) throw new OnexgenError('USAGE', `no pattern "${id}" (see \`onexgen patterns list\`)`);
      if (opts.json) return void io.stdout(`${JSON.stringify(p, null, 2)}\n`);
      io.stdout(
        [
          `${p.id} (${p.category}${p.critical ? ', critical' : ''}) — node types: ${p.nodeTypes.join(', ')}`,
          p.description,
          '',
          '```python',
          p.codeExample.trimEnd(),
          '```',
          '',
          ...p.guidelines.map((g) => `- ${g}`),
          ...p.pitfalls.map((g) => `! ${g}`),
          '',
        ].join('\n'),
      );
    });
}
