import type { SimFinishReason } from '../scenario.js';
import {
  contentText, isRecord, optionalInt, requireMessages, requireModel, RequestShapeError, sse,
  type ErrorSpec, type ParsedRequest, type SimAnswer, type WireFormat,
} from './types.js';

const STOP: Record<SimFinishReason, string> = { stop: 'end_turn', length: 'max_tokens', content_filter: 'refusal' };

const ERROR_TYPE: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};

function usage(a: SimAnswer, outputTokens: number) {
  return {
    input_tokens: a.usage.inputTokens - a.usage.cachedInputTokens,
    output_tokens: outputTokens,
    cache_read_input_tokens: a.usage.cachedInputTokens,
    cache_creation_input_tokens: 0,
  };
}

// The answer's content blocks: thinking (index 0) when there is reasoning, then text.
const textIndex = (a: SimAnswer) => (a.reasoning ? 1 : 0);

/** Anthropic Messages API (`/v1/messages`), SSE event stream with named events. */
export const anthropicFormat: WireFormat = {
  parse(path, body): ParsedRequest | undefined {
    if (!/\/messages$/.test(path.split('?')[0] ?? '')) return undefined;
    if (!isRecord(body)) throw new RequestShapeError('body must be a JSON object');
    const maxTokens = optionalInt(body.max_tokens);
    if (maxTokens === undefined) throw new RequestShapeError('body.max_tokens is required by the Messages API');
    const system = contentText(body.system);
    return {
      provider: 'anthropic',
      model: requireModel(body),
      stream: body.stream === true,
      ...(system ? { system } : {}),
      messages: requireMessages(body).map((m) => ({ role: m.role, content: contentText(m.content) })),
      maxTokens,
    };
  },
  json(a) {
    return {
      id: a.id, type: 'message', role: 'assistant', model: a.model,
      content: [
        ...(a.reasoning ? [{ type: 'thinking', thinking: a.reasoning, signature: 'sim' }] : []),
        { type: 'text', text: a.text },
      ],
      stop_reason: STOP[a.finishReason], stop_sequence: null,
      usage: usage(a, a.usage.outputTokens),
    };
  },
  streamContentType: 'text/event-stream',
  streamHead(a) {
    const frames = [sse({
      type: 'message_start',
      message: {
        id: a.id, type: 'message', role: 'assistant', model: a.model, content: [],
        stop_reason: null, stop_sequence: null, usage: usage(a, 1),
      },
    }, 'message_start')];
    if (a.reasoning) {
      frames.push(sse({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } }, 'content_block_start'));
    } else {
      frames.push(sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'));
    }
    return frames;
  },
  reasoningFrame: (_a, piece) =>
    sse({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: piece } }, 'content_block_delta'),
  // Thinking is block 0; the text block is opened by afterReasoning.
  afterReasoning: () => anthropicBlockSwitch(),
  textFrame(a, piece) {
    return sse({ type: 'content_block_delta', index: textIndex(a), delta: { type: 'text_delta', text: piece } }, 'content_block_delta');
  },
  streamTail: (a) => [
    sse({ type: 'content_block_stop', index: textIndex(a) }, 'content_block_stop'),
    sse({
      type: 'message_delta',
      delta: { stop_reason: STOP[a.finishReason], stop_sequence: null },
      usage: { output_tokens: a.usage.outputTokens },
    }, 'message_delta'),
    sse({ type: 'message_stop' }, 'message_stop'),
  ],
  streamTailWithoutFinish: (a) => [
    sse({ type: 'content_block_stop', index: textIndex(a) }, 'content_block_stop'),
    sse({ type: 'message_delta', delta: { stop_reason: null, stop_sequence: null }, usage: { output_tokens: a.usage.outputTokens } }, 'message_delta'),
    sse({ type: 'message_stop' }, 'message_stop'),
  ],
  errorBody(spec: ErrorSpec) {
    return { type: 'error', error: { type: spec.errorType ?? ERROR_TYPE[spec.status] ?? 'api_error', message: spec.message } };
  },
};

/** Frames between the thinking block and the text block of an Anthropic stream. */
export function anthropicBlockSwitch(): string[] {
  return [
    sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
    sse({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }, 'content_block_start'),
  ];
}
