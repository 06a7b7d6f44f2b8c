import { z } from 'zod';
import type { FinishReason, Usage } from '../schemas.js';
import { genericErrorInfo } from './classify.js';
import { parseWire } from './wire.js';
import type { AdapterOptions, ProviderAdapter, ProviderCall, StreamEvent } from './types.js';

const usageSchema = z
  .object({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().int().nullish() }).nullish(),
    completion_tokens_details: z.object({ reasoning_tokens: z.number().int().nullish() }).nullish(),
  })
  .nullish();

const responseSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), reasoning_content: z.string().nullish(), reasoning: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema,
});

const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z
          .object({ content: z.string().nullish(), reasoning_content: z.string().nullish(), reasoning: z.string().nullish() })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: usageSchema,
});

export function mapOpenAIFinish(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
    case 'sensitive': // Z.ai's safety stop
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}

function mapUsage(u: z.infer<typeof usageSchema>): Usage | undefined {
  if (!u) return undefined;
  return {
    inputTokens: u.prompt_tokens,
    outputTokens: u.completion_tokens,
    cachedInputTokens: u.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: u.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

/** OpenAI chat completions: OpenAI, Z.ai GLM, vLLM, OpenRouter, Ollama's /v1. */
export const openAICompatibleAdapter: ProviderAdapter = {
  kind: 'openai-compatible',
  streamFraming: 'sse',
  buildRequest(call: ProviderCall, stream: boolean, apiKey: string | undefined, options: AdapterOptions = {}) {
    const messages = [
      ...(call.system ? [{ role: 'system', content: call.system }] : []),
      { role: 'user', content: call.prompt },
    ];
    return {
      path: '/chat/completions',
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : ({} as Record<string, string>),
      body: {
        model: call.model,
        messages,
        [options.maxTokensParam ?? 'max_tokens']: call.maxOutputTokens,
        ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
        ...(call.stop?.length ? { stop: call.stop } : {}),
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      },
    };
  },
  parseResponse(json: unknown) {
    const r = parseWire(responseSchema, json, 'chat completion');
    const choice = r.choices[0]!;
    const reasoning = choice.message.reasoning_content ?? choice.message.reasoning ?? undefined;
    const usage = mapUsage(r.usage);
    return {
      text: choice.message.content ?? '',
      ...(reasoning ? { reasoning } : {}),
      finishReason: mapOpenAIFinish(choice.finish_reason),
      ...(usage ? { usage } : {}),
      ...(r.model ? { model: r.model } : {}),
    };
  },
  createStreamDecoder() {
    return {
      push(data: string): StreamEvent[] {
        if (data.trim() === '[DONE]') return [{ type: 'end' }];
        const chunk = parseWire(chunkSchema, JSON.parse(data), 'chat completion chunk');
        const events: StreamEvent[] = [];
        for (const choice of chunk.choices) {
          const reasoning = choice.delta?.reasoning_content ?? choice.delta?.reasoning;
          if (reasoning) events.push({ type: 'reasoning', text: reasoning });
          if (choice.delta?.content) events.push({ type: 'text', text: choice.delta.content });
          if (choice.finish_reason) events.push({ type: 'finish', finishReason: mapOpenAIFinish(choice.finish_reason) });
        }
        const usage = mapUsage(chunk.usage);
        if (usage) events.push({ type: 'usage', usage });
        return events;
      },
    };
  },
  parseError: (_status, bodyText) => genericErrorInfo(bodyText),
};
