// Attribute names: the OpenTelemetry GenAI semantic conventions where one exists, onexgen's own
// (prefixed `onexgen.`) for what the conventions do not cover.

/** GenAI semantic conventions (https://opentelemetry.io/docs/specs/semconv/gen-ai/). */
export const GEN_AI = {
  system: 'gen_ai.system',
  providerName: 'gen_ai.provider.name',
  operationName: 'gen_ai.operation.name',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  responseModel: 'gen_ai.response.model',
  finishReasons: 'gen_ai.response.finish_reasons',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  conversationId: 'gen_ai.conversation.id',
  prompt: 'gen_ai.prompt',
  completion: 'gen_ai.completion',
} as const;

export const ERROR_TYPE = 'error.type';
export const HTTP_STATUS = 'http.response.status_code';

/** onexgen's own attributes. */
export const ONEXGEN = {
  sessionId: 'onexgen.session_id',
  command: 'onexgen.command',
  offline: 'onexgen.offline',
  exitCode: 'onexgen.exit_code',
  node: 'onexgen.node',
  nodeType: 'onexgen.node_type',
  method: 'onexgen.method',
  verdict: 'onexgen.verdict',
  strategy: 'onexgen.strategy',
  /** true when the method's code came from a fallback (template or partial) */
  fallback: 'onexgen.fallback',
  fallbackReason: 'onexgen.fallback.reason',
  attempts: 'onexgen.attempts',
  attempt: 'onexgen.attempt',
  tier: 'onexgen.tier',
  costUsd: 'onexgen.cost_usd',
  timeToFirstTokenMs: 'onexgen.time_to_first_token_ms',
  stream: 'onexgen.stream',
  status: 'onexgen.status',
  pool: 'onexgen.budget.pool',
} as const;

export type AttributeValue = string | number | boolean | string[] | number[];
export type Attributes = Record<string, AttributeValue | undefined>;
