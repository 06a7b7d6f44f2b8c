// Public entry of @onexgen/telemetry: OpenTelemetry traces of onexgen runs over OTLP/HTTP.
export { createRunTracer, parseOtlpHeaders, tracesUrl } from './tracer.js';
export type { AttemptRecord, RunTracer, SpanRef, TracingOptions } from './tracer.js';
export { ERROR_TYPE, GEN_AI, HTTP_STATUS, ONEXGEN } from './attributes.js';
export type { Attributes, AttributeValue } from './attributes.js';
