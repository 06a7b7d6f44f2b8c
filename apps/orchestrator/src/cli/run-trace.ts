// The run's OpenTelemetry trace, when asked for (--otel URL or OTEL_EXPORTER_OTLP_ENDPOINT): the app
// opens the tracer (@onexgen/telemetry) and the run span, the pipeline adds node, method and attempt
// spans, and the app ends the run span with the outcome and exports.
import { resolveLLMConfig } from '@onexgen/llm-effect';
import type { LoadedConfig } from '../config/load-config.js';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { RunTrace, type RunOutcome } from '@onexgen/pipeline';
import { llmSetup } from '../llm/llm-layers.js';
import { VERSION } from '../package-version.js';

type Env = Record<string, string | undefined>;

export interface OpenedTrace {
  trace: RunTrace;
  /** ends the run span with the outcome (or the error that stopped the run) and exports; never throws */
  finish(outcome: RunOutcome | undefined, error?: unknown): Promise<string | undefined>;
}

/** The endpoint: --otel, else the standard variables (the traces-specific one first). */
function endpointOf(flag: string | undefined, env: Env): { url: string; source: string } | undefined {
  if (flag) return { url: flag, source: '--otel' };
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return { url: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, source: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' };
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return { url: env.OTEL_EXPORTER_OTLP_ENDPOINT, source: 'OTEL_EXPORTER_OTLP_ENDPOINT' };
  return undefined;
}

export async function openRunTrace(
  options: { otel?: string; otelContent?: boolean },
  loaded: LoadedConfig,
  env: Env,
  command: string,
  redact: (text: string) => string,
): Promise<OpenedTrace | undefined> {
  const endpoint = endpointOf(options.otel, env);
  if (!endpoint) {
    if (options.otelContent) throw new OnexgenError('USAGE', '--otel-content: give --otel URL or set OTEL_EXPORTER_OTLP_ENDPOINT');
    return undefined;
  }
  // loaded only for a traced run: OpenTelemetry's SDK and OTLP exporter are ~0.14 s of a CLI's start
  // (~0.2 s of CPU) that a run without --otel never uses (tools/bench/README.md, session 19)
  const { createRunTracer, parseOtlpHeaders, tracesUrl } = await import('@onexgen/telemetry');
  try {
    tracesUrl(endpoint.url);
  } catch (cause) {
    throw new OnexgenError('USAGE', `${endpoint.source}: "${endpoint.url}" is not an http(s) URL`, { cause });
  }
  // gen_ai.system is the provider kind; the configuration's provider name goes in gen_ai.provider.name
  const setup = llmSetup(loaded, env, 'trace');
  const systems = setup ? Object.fromEntries(Object.entries(resolveLLMConfig(...setup.layers).providers).map(([name, p]) => [name, p.kind])) : {};
  const tracer = createRunTracer({
    endpoint: endpoint.url,
    content: Boolean(options.otelContent),
    headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
    serviceVersion: VERSION,
    redact,
  });
  const run = tracer.startRun(`onexgen ${command}`, { 'onexgen.command': command, 'onexgen.budget.pool': loaded.config.pool });
  return {
    trace: new RunTrace(tracer, run, systems),
    async finish(outcome, error) {
      tracer.end(
        run,
        outcome
          ? {
              'onexgen.session_id': outcome.sessionId,
              'onexgen.exit_code': outcome.exitCode,
              'onexgen.offline': outcome.offline,
              'onexgen.methods': outcome.totals.methods,
              'onexgen.fell_back': outcome.totals.fellBack,
              'onexgen.cost_usd': outcome.totals.cost,
              'onexgen.stop_reason': outcome.stopReason,
            }
          : {},
        error ? { type: (error as { code?: string }).code ?? 'error', message: error instanceof Error ? error.message : String(error) } : undefined,
      );
      try {
        await tracer.shutdown();
        return undefined;
      } catch (err) {
        return `trace: could not export to ${endpoint.url}: ${err instanceof Error ? err.message : String(err)}`;
      }
    },
  };
}
