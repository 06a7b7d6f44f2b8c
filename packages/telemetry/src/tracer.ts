// A tracer for onexgen runs on the official OpenTelemetry SDK: a tracer provider of its own (never
// registered globally, so two runs in one process never share state), a batch span processor and
// the OTLP/HTTP exporter. Spans: run → node → method → provider attempt; attempts arrive as events
// after the fact (llm-effect's attempt events) and are parented by the method's correlation id.
import { context, trace, SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { ERROR_TYPE, GEN_AI, HTTP_STATUS, ONEXGEN, type Attributes, type AttributeValue } from './attributes.js';

export interface TracingOptions {
  /**
   * The OTLP/HTTP endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT gives it (`http://collector:4318`): traces
   * go to `<endpoint>/v1/traces`. A URL already ending in `/v1/traces` is used as it is.
   */
  endpoint: string;
  /** export prompts and generated code as span events (default false) */
  content?: boolean;
  /** sent with every export request (OTEL_EXPORTER_OTLP_HEADERS); never put on a span */
  headers?: Record<string, string>;
  serviceName?: string;
  serviceVersion?: string;
  /** applied to every string that reaches a span (keys, if any slipped into text) */
  redact?: (text: string) => string;
  /** an exporter to use instead of OTLP/HTTP (tests of this package only) */
  exporter?: SpanExporter;
}

/** What a provider attempt reports (the shape of @onexgen/llm-effect's attempt event). */
export interface AttemptRecord {
  correlationId: string;
  attempt: number;
  tier: string;
  provider: string;
  model: string;
  stream: boolean;
  status: string;
  httpStatus?: number;
  errorClass?: string;
  latencyMs: number;
  timeToFirstTokenMs?: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  finishReason?: string;
  /** ISO time the attempt ended */
  timestamp: string;
  /** gen_ai.* attributes the client already computed */
  attributes?: Record<string, AttributeValue>;
}

/** An open span, as the pipeline holds it. */
export interface SpanRef {
  readonly span: Span;
}

export interface RunTracer {
  readonly content: boolean;
  startRun(name: string, attributes?: Attributes): SpanRef;
  startNode(parent: SpanRef, label: string, attributes?: Attributes): SpanRef;
  /** `correlationId` lets attempts (and anything else keyed by it) find this span */
  startMethod(parent: SpanRef, method: string, correlationId: string, attributes?: Attributes): SpanRef;
  /** A provider attempt, as a CLIENT span under its method (by correlation id). `system`: the provider kind. */
  attempt(record: AttemptRecord, system?: string): void;
  /** A prompt or generated code on a span, as an event; nothing unless `content` was asked for. */
  recordContent(span: SpanRef, kind: 'prompt' | 'completion', text: string): void;
  end(span: SpanRef, attributes?: Attributes, error?: { type: string; message?: string }): void;
  /** Exports what is buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

/** The traces URL for an endpoint given as OTEL_EXPORTER_OTLP_ENDPOINT or --otel. */
export function tracesUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`OTLP endpoint must be http(s), got ${url.protocol}`);
  return url.pathname.endsWith('/v1/traces') ? url.toString() : `${url.toString().replace(/\/+$/, '')}/v1/traces`;
}

/** OTEL_EXPORTER_OTLP_HEADERS: `k1=v1,k2=v2` (values URL-encoded). */
export function parseOtlpHeaders(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const i = pair.indexOf('=');
    if (i > 0) out[decodeURIComponent(pair.slice(0, i).trim())] = decodeURIComponent(pair.slice(i + 1).trim());
  }
  return out;
}

function clean(attributes: Attributes | undefined, redact: (t: string) => string): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(attributes ?? {})) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? redact(v) : Array.isArray(v) ? (v.map((x) => (typeof x === 'string' ? redact(x) : x)) as AttributeValue) : v;
  }
  return out;
}

export function createRunTracer(options: TracingOptions): RunTracer {
  const redact = options.redact ?? ((t: string) => t);
  const exporter = options.exporter ?? new OTLPTraceExporter({ url: tracesUrl(options.endpoint), headers: options.headers ?? {} });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? 'onexgen', ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}) }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer: Tracer = provider.getTracer('@onexgen/telemetry', options.serviceVersion);
  const methods = new Map<string, SpanRef>();
  const child = (parent: SpanRef | undefined, name: string, attributes: Attributes | undefined, extra: { kind?: SpanKind; startTime?: number } = {}): SpanRef => {
    const ctx = parent ? trace.setSpan(context.active(), parent.span) : context.active();
    return { span: tracer.startSpan(name, { attributes: clean(attributes, redact), ...(extra.kind !== undefined ? { kind: extra.kind } : {}), ...(extra.startTime !== undefined ? { startTime: extra.startTime } : {}) }, ctx) };
  };
  return {
    content: Boolean(options.content),
    startRun: (name, attributes) => child(undefined, name, attributes),
    startNode: (parent, label, attributes) => child(parent, `onexgen.node ${label}`, { [ONEXGEN.node]: label, ...attributes }),
    startMethod(parent, method, correlationId, attributes) {
      const ref = child(parent, `onexgen.method ${method}`, { [ONEXGEN.method]: method, [GEN_AI.conversationId]: correlationId, ...attributes });
      methods.set(correlationId, ref);
      return ref;
    },
    attempt(record, system) {
      const parent = methods.get(record.correlationId);
      const ended = Date.parse(record.timestamp);
      const endTime = Number.isNaN(ended) ? Date.now() : ended;
      const ref = child(
        parent,
        `chat ${record.model}`,
        {
          ...record.attributes,
          [GEN_AI.operationName]: 'chat',
          [GEN_AI.system]: system ?? record.provider,
          [GEN_AI.providerName]: record.provider,
          [GEN_AI.requestModel]: record.model,
          [GEN_AI.inputTokens]: record.inputTokens,
          [GEN_AI.outputTokens]: record.outputTokens,
          ...(record.finishReason ? { [GEN_AI.finishReasons]: [record.finishReason] } : {}),
          ...(record.errorClass ? { [ERROR_TYPE]: record.errorClass } : {}),
          ...(record.httpStatus !== undefined ? { [HTTP_STATUS]: record.httpStatus } : {}),
          [ONEXGEN.attempt]: record.attempt,
          [ONEXGEN.tier]: record.tier,
          [ONEXGEN.stream]: record.stream,
          [ONEXGEN.status]: record.status,
          [ONEXGEN.costUsd]: record.costMicros / 1e6,
          ...(record.timeToFirstTokenMs !== undefined ? { [ONEXGEN.timeToFirstTokenMs]: record.timeToFirstTokenMs } : {}),
        },
        { kind: SpanKind.CLIENT, startTime: endTime - record.latencyMs },
      );
      if (record.status !== 'success') ref.span.setStatus({ code: SpanStatusCode.ERROR, message: record.errorClass ?? record.status });
      ref.span.end(endTime);
    },
    recordContent(ref, kind, text) {
      if (!options.content) return;
      ref.span.addEvent(kind === 'prompt' ? 'gen_ai.content.prompt' : 'gen_ai.content.completion', { [kind === 'prompt' ? GEN_AI.prompt : GEN_AI.completion]: redact(text) });
    },
    end(ref, attributes, error) {
      ref.span.setAttributes(clean(attributes, redact));
      if (error) {
        ref.span.setAttribute(ERROR_TYPE, error.type);
        ref.span.setStatus({ code: SpanStatusCode.ERROR, ...(error.message ? { message: redact(error.message) } : {}) });
      }
      ref.span.end();
      for (const [id, m] of methods) if (m === ref) methods.delete(id);
    },
    async shutdown() {
      await provider.forceFlush();
      await provider.shutdown();
    },
  };
}
