import type { SimFinishReason } from '../scenario.js';
import {
  contentText, isRecord, optionalInt, requireMessages, requireModel, RequestShapeError,
  type ErrorSpec, type ParsedRequest, type SimAnswer, type WireFormat,
} from './types.js';

const DONE: Record<SimFinishReason, string> = { stop: 'stop', length: 'length', content_filter: 'stop' };

const line = (value: unknown) => `${JSON.stringify(value)}\n`;

function finalFields(a: SimAnswer) {
  return {
    done: true,
    done_reason: DONE[a.finishReason],
    total_duration: 1_000_000,
    load_duration: 0,
    prompt_eval_count: a.usage.inputTokens,
    prompt_eval_duration: 500_000,
    eval_count: a.usage.outputTokens,
    eval_duration: 500_000,
  };
}

const createdAt = (a: SimAnswer) => new Date(a.created * 1000).toISOString();

/** Ollama native `/api/chat`: NDJSON stream, streaming by default, `options.num_ctx`. */
export const ollamaFormat: WireFormat = {
  parse(path, body): ParsedRequest | undefined {
    if ((path.split('?')[0] ?? '') !== '/api/chat') return undefined;
    if (!isRecord(body)) throw new RequestShapeError('body must be a JSON object');
    const messages = requireMessages(body).map((m) => ({ role: m.role, content: contentText(m.content) }));
    const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    const options = isRecord(body.options) ? body.options : {};
    return {
      provider: 'ollama',
      model: requireModel(body),
      // Ollama streams unless told otherwise.
      stream: body.stream !== false,
      ...(system ? { system } : {}),
      messages: messages.filter((m) => m.role !== 'system'),
      maxTokens: optionalInt(options.num_predict),
    };
  },
  json(a) {
    return {
      model: a.model, created_at: createdAt(a),
      message: { role: 'assistant', content: a.text, ...(a.reasoning ? { thinking: a.reasoning } : {}) },
      ...finalFields(a),
    };
  },
  streamContentType: 'application/x-ndjson',
  streamHead: () => [],
  reasoningFrame: (a, piece) => line({ model: a.model, created_at: createdAt(a), message: { role: 'assistant', content: '', thinking: piece }, done: false }),
  textFrame: (a, piece) => line({ model: a.model, created_at: createdAt(a), message: { role: 'assistant', content: piece }, done: false }),
  streamTail: (a) => [line({ model: a.model, created_at: createdAt(a), message: { role: 'assistant', content: '' }, ...finalFields(a) })],
  errorBody: (spec: ErrorSpec) => ({ error: spec.message }),
};

/** Ollama's context size for a request: `options.num_ctx`, or its default of 2048 when absent. */
export function ollamaNumCtx(body: unknown): number {
  const options = isRecord(body) && isRecord(body.options) ? body.options : {};
  return optionalInt(options.num_ctx) ?? 2048;
}
