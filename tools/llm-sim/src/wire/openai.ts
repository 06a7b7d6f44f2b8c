import type { SimFinishReason } from '../scenario.js';
import {
  contentText, isRecord, optionalInt, requireMessages, requireModel, RequestShapeError, sse,
  type ErrorSpec, type ParsedRequest, type SimAnswer, type WireFormat,
} from './types.js';

const FINISH: Record<SimFinishReason, string> = { stop: 'stop', length: 'length', content_filter: 'content_filter' };

function usage(a: SimAnswer) {
  return {
    prompt_tokens: a.usage.inputTokens,
    completion_tokens: a.usage.outputTokens,
    total_tokens: a.usage.inputTokens + a.usage.outputTokens,
    prompt_tokens_details: { cached_tokens: a.usage.cachedInputTokens },
    completion_tokens_details: { reasoning_tokens: a.usage.reasoningTokens },
  };
}

function chunk(a: SimAnswer, delta: Record<string, unknown>, finish: string | null) {
  return {
    id: a.id, object: 'chat.completion.chunk', created: a.created, model: a.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

/** OpenAI chat completions; Z.ai GLM, vLLM, OpenRouter and Ollama's /v1 speak the same. */
export const openaiFormat: WireFormat = {
  parse(path, body): ParsedRequest | undefined {
    if (!/\/chat\/completions$/.test(path.split('?')[0] ?? '')) return undefined;
    if (!isRecord(body)) throw new RequestShapeError('body must be a JSON object');
    const messages = requireMessages(body).map((m) => ({ role: m.role, content: contentText(m.content) }));
    const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    return {
      provider: path.includes('/paas/') ? 'zai' : 'openai',
      model: requireModel(body),
      stream: body.stream === true,
      ...(system ? { system } : {}),
      messages: messages.filter((m) => m.role !== 'system'),
      maxTokens: optionalInt(body.max_completion_tokens) ?? optionalInt(body.max_tokens),
    };
  },
  json(a) {
    return {
      id: a.id, object: 'chat.completion', created: a.created, model: a.model,
      choices: [{
        index: 0,
        message: { role: 'assistant', content: a.text, ...(a.reasoning ? { reasoning_content: a.reasoning } : {}) },
        finish_reason: FINISH[a.finishReason],
      }],
      usage: usage(a),
    };
  },
  streamContentType: 'text/event-stream',
  streamHead: (a) => [sse(chunk(a, { role: 'assistant', content: '' }, null))],
  reasoningFrame: (a, piece) => sse(chunk(a, { reasoning_content: piece }, null)),
  textFrame: (a, piece) => sse(chunk(a, { content: piece }, null)),
  streamTail: (a) => [
    sse(chunk(a, {}, FINISH[a.finishReason])),
    sse({ id: a.id, object: 'chat.completion.chunk', created: a.created, model: a.model, choices: [], usage: usage(a) }),
    sse('[DONE]'),
  ],
  streamTailWithoutFinish: (a) => [
    sse({ id: a.id, object: 'chat.completion.chunk', created: a.created, model: a.model, choices: [], usage: usage(a) }),
    sse('[DONE]'),
  ],
  errorBody(spec: ErrorSpec) {
    return {
      error: {
        message: spec.message,
        type: spec.errorType ?? (spec.status === 429 ? 'rate_limit_exceeded' : spec.status >= 500 ? 'server_error' : 'invalid_request_error'),
        param: null,
        code: spec.code ?? spec.errorType ?? null,
      },
    };
  },
};
