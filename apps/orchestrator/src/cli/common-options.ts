// Options every generating command shares, and their translation into the flag layer of the cascade.
import { Option, type Command } from 'commander';
import { PROVIDERS } from '../config/choices.js';
import type { ConfigLayer } from '../config/schema.js';
import { OnexgenError } from '../errors.js';
import { DB_OPTION_HELP } from './db-target.js';

export interface CommonOptions {
  provider?: string;
  baseUrl?: string;
  model?: string;
  tier?: string;
  db?: string;
  concurrency?: string;
  config?: string;
  offline?: boolean;
  json?: boolean;
  budget?: string;
  python?: string;
  /** commander's --no-reuse: false when given */
  reuse?: boolean;
  /** OTLP/HTTP endpoint for the run's trace (else OTEL_EXPORTER_OTLP_ENDPOINT) */
  otel?: string;
  /** export prompts and generated code as span events */
  otelContent?: boolean;
  pool?: string;
  /** commander's --no-stream: false when given */
  stream?: boolean;
  /** --references DIR, repeatable */
  references?: string[];
}

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--provider <name>', 'LLM provider').choices(PROVIDERS))
    .option('--base-url <url>', 'provider base URL')
    .option('--model <name>', 'model name')
    .option('--tier <tier>', 'model tier: local, cloud_fast or cloud_premium')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--concurrency <n>', 'methods generated at once (per node and across the run)')
    .option('--budget <usd>', 'stop the run when its cost reaches this many US dollars')
    .option('--config <file>', 'configuration file (instead of ./onexgen.config.*)')
    .option('--python <path>', 'the Python that runs the spec examples (default: python3 >= 3.10 on PATH)')
    .option('--no-reuse', 'do not reuse learned templates in this run')
    .option('--pool <name>', 'the budget pool this run draws from (see `onexgen budget status`)')
    .option('--no-stream', 'do not stream model answers (they are streamed by default: live tokens, time to first token)')
    .option('--otel <url>', 'export the run\'s OpenTelemetry trace to this OTLP/HTTP endpoint (default OTEL_EXPORTER_OTLP_ENDPOINT)')
    .option('--otel-content', 'with --otel: export prompts and generated code as span events (never keys)')
    .option('--references <dir>', 'reference node files whose most similar methods go into the prompt (repeatable; replaces the config key)', collect);
}

/** commander's way to repeat an option */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new OnexgenError('USAGE', `${flag}: must be a positive integer, got "${value}"`);
  return n;
}

export function flagLayer(opts: CommonOptions): ConfigLayer {
  const layer: Record<string, unknown> = {};
  if (opts.provider) layer.provider = opts.provider;
  if (opts.baseUrl) layer.baseUrl = opts.baseUrl;
  if (opts.model) layer.model = opts.model;
  if (opts.tier) layer.tier = opts.tier;
  if (opts.db) layer.db = opts.db;
  if (opts.concurrency !== undefined) layer.concurrency = positiveInt(opts.concurrency, '--concurrency');
  if (opts.budget !== undefined) {
    const n = Number(opts.budget);
    if (!(n > 0)) throw new OnexgenError('USAGE', `--budget: must be a positive number of US dollars, got "${opts.budget}"`);
    layer.budgetUsd = n;
  }
  if (opts.offline) layer.offline = true;
  if (opts.python) layer.python = opts.python;
  if (opts.reuse === false) layer.noReuse = true;
  if (opts.pool) layer.pool = opts.pool;
  if (opts.stream === false) layer.stream = false;
  if (opts.references?.length) layer.references = opts.references;
  return layer as ConfigLayer;
}
