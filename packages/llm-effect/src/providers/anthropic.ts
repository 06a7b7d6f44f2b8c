import { z } from 'zod';
import type { FinishReason, Usage } from '../schemas.js';
import { genericErrorInfo } from './classify.js';
import { parseWire } from './wire.js';
import type { ProviderAdapter, ProviderCall, StreamEvent } from './types.js';

const usageSchema = z.object({
  input_tokens: z.number().int().default(0),
  output_tokens: z.number().int().default(0),
  cache_read_input_tokens: z.number().int().nullish(),
  cache_creation_input_tokens: z.number().int().nullish(),
});

const responseSchema = z.object({
  model: z.string().optional(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional(), thinking: z.string().optional() })),
  stop_reason: z.string().nullish(),
  usage: usageSchema,
});

const eventSchema = z.object({
  type: z.string(),
  message: z.object({ usage: usageSchema.partial() }).optional(),
  delta: z
    .object({ type: z.string().optional(), text: z.string().optional(), thinking: z.string().optional(), stop_reason: z.string().nullish() })
    .optional(),
  usage: z.object({ output_tokens: z.number().int().optional() }).optional(),
  error: z.object({ type: z.string(), message: z.string() }).optional(),
});

function mapStop(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'refusal':
      return 'content_filter';
    case 'tool_use':
      return 'tool_calls';
    default:
      return 'other';
  }
}

// Anthropic's input_tokens excludes cache reads and writes; ours is the whole prompt.
function mapUsage(u: Partial<z.infer<typeof usageSchema>>): Usage {
  const read = u.cache_read_input_tokens ?? 0;
  const written = u.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (u.input_tokens ?? 0) + read + written,
    outputTokens: u.output_tokens ?? 0,
    cachedInputTokens: read,
    cacheWriteTokens: written,
    reasoningTokens: 0,
  };
}

/** Anthropic Messages API with its SSE event stream. */
export const anthropicAdapter: ProviderAdapter = {
  kind: 'anthropic',
  streamFraming: 'sse',
  buildRequest(call: ProviderCall, stream: boolean, apiKey: string | undefined) {
    return {
      path: '/messages',
      // The API refuses requests without a version; config headers may pin another one.
      headers: { 'anthropic-version': '2023-06-01', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
      body: {
        model: call.model,
        max_tokens: call.maxOutputTokens,
        ...(call.system ? { system: call.system } : {}),
        messages: [{ role: 'user', content: call.prompt }],
        ...(call.temperature !== undefined ? { temperature: Math.min(1, call.temperature) } : {}),
        ...(call.stop?.length ? { stop_sequences: call.stop } : {}),
        ...(stream ? { stream: true } : {}),
      },
    };
  },
  parseResponse(json: unknown) {
    const r = parseWire(responseSchema, json, 'Anthropic message');
    const text = r.content.filter((c) => c.type === 'text').map((c) => c.text ?? '').join('');
    const reasoning = r.content.filter((c) => c.type === 'thinking').map((c) => c.thinking ?? '').join('');
    return {
      text,
      ...(reasoning ? { reasoning } : {}),
      finishReason: mapStop(r.stop_reason),
      usage: mapUsage(r.usage),
      ...(r.model ? { model: r.model } : {}),
    };
  },
  createStreamDecoder() {
    let input: Partial<z.infer<typeof usageSchema>> = {};
    return {
      push(data: string): StreamEvent[] {
        const e = parseWire(eventSchema, JSON.parse(data), 'Anthropic stream event');
        switch (e.type) {
          case 'message_start':
            input = e.message?.usage ?? {};
            return [];
          case 'content_block_delta':
            if (e.delta?.type === 'thinking_delta' && e.delta.thinking) return [{ type: 'reasoning', text: e.delta.thinking }];
            if (e.delta?.type === 'text_delta' && e.delta.text) return [{ type: 'text', text: e.delta.text }];
            return [];
          case 'message_delta':
            return [
              ...(e.delta?.stop_reason ? [{ type: 'finish' as const, finishReason: mapStop(e.delta.stop_reason) }] : []),
              { type: 'usage', usage: mapUsage({ ...input, output_tokens: e.usage?.output_tokens ?? 0 }) },
            ];
          case 'message_stop':
            return [{ type: 'end' }];
          case 'error':
            throw new Error(`Anthropic stream error ${e.error?.type ?? ''}: ${e.error?.message ?? ''}`);
          default:
            return []; // ping, content_block_start/stop
        }
      },
    };
  },
  parseError: (_status, bodyText) => genericErrorInfo(bodyText),
};
