// Public entry of @onexgen/telemetry: OpenTelemetry traces of onexgen runs over OTLP/HTTP.
export { createRunTracer, parseOtlpHeaders, tracesUrl } from './tracer.js';
export type { AttemptRecord, RunTracer, SpanRef } from './tracer.js';
export { ERROR_TYPE, GEN_AI, ONEXGEN } from './attributes.js';
export type { Attributes } from './attributes.js';
