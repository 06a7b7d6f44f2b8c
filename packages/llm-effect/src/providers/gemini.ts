import { z } from 'zod';
import type { FinishReason, Usage } from '../schemas.js';
import { parseDurationMs } from './classify.js';
import { parseWire } from './wire.js';
import type { ProviderAdapter, ProviderCall, ProviderErrorInfo, StreamEvent } from './types.js';

const usageSchema = z
  .object({
    promptTokenCount: z.number().int().default(0),
    candidatesTokenCount: z.number().int().default(0),
    cachedContentTokenCount: z.number().int().optional(),
    thoughtsTokenCount: z.number().int().optional(),
  })
  .optional();

const responseSchema = z.object({
  candidates: z
    .array(
      z.object({
        content: z.object({ parts: z.array(z.object({ text: z.string().optional(), thought: z.boolean().optional() })).default([]) }).optional(),
        finishReason: z.string().optional(),
      }),
    )
    .default([]),
  promptFeedback: z.object({ blockReason: z.string().optional() }).optional(),
  usageMetadata: usageSchema,
  modelVersion: z.string().optional(),
});

function mapFinish(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'STOP':
      return 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
      return 'content_filter';
    default:
      return 'other';
  }
}

// Gemini's candidatesTokenCount excludes thinking tokens, which are billed as output.
function mapUsage(u: z.infer<typeof usageSchema>): Usage | undefined {
  if (!u) return undefined;
  const thoughts = u.thoughtsTokenCount ?? 0;
  return {
    inputTokens: u.promptTokenCount,
    outputTokens: u.candidatesTokenCount + thoughts,
    cachedInputTokens: u.cachedContentTokenCount ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
  };
}

function split(r: z.infer<typeof responseSchema>) {
  const parts = r.candidates[0]?.content?.parts ?? [];
  return {
    text: parts.filter((p) => !p.thought).map((p) => p.text ?? '').join(''),
    reasoning: parts.filter((p) => p.thought).map((p) => p.text ?? '').join(''),
    finish: r.promptFeedback?.blockReason ? 'SAFETY' : r.candidates[0]?.finishReason,
  };
}

const errorSchema = z.object({
  error: z.object({
    message: z.string().default(''),
    status: z.string().optional(),
    details: z.array(z.object({ '@type': z.string().optional(), retryDelay: z.string().optional() }).loose()).optional(),
  }),
});

/** Google Gemini generateContent / streamGenerateContent (SSE). The key goes in a header, never the URL. */
export const geminiAdapter: ProviderAdapter = {
  kind: 'gemini',
  streamFraming: 'sse',
  buildRequest(call: ProviderCall, stream: boolean, apiKey: string | undefined) {
    const model = encodeURIComponent(call.model);
    return {
      path: stream ? `/models/${model}:streamGenerateContent?alt=sse` : `/models/${model}:generateContent`,
      headers: apiKey ? { 'x-goog-api-key': apiKey } : ({} as Record<string, string>),
      body: {
        contents: [{ role: 'user', parts: [{ text: call.prompt }] }],
        ...(call.system ? { systemInstruction: { parts: [{ text: call.system }] } } : {}),
        generationConfig: {
          maxOutputTokens: call.maxOutputTokens,
          ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
          ...(call.stop?.length ? { stopSequences: call.stop } : {}),
        },
      },
    };
  },
  parseResponse(json: unknown) {
    const r = parseWire(responseSchema, json, 'Gemini response');
    const { text, reasoning, finish } = split(r);
    const usage = mapUsage(r.usageMetadata);
    return {
      text,
      ...(reasoning ? { reasoning } : {}),
      finishReason: mapFinish(finish),
      ...(usage ? { usage } : {}),
      ...(r.modelVersion ? { model: r.modelVersion } : {}),
    };
  },
  createStreamDecoder() {
    return {
      push(data: string): StreamEvent[] {
        const r = parseWire(responseSchema, JSON.parse(data), 'Gemini stream chunk');
        const { text, reasoning, finish } = split(r);
        const events: StreamEvent[] = [];
        if (reasoning) events.push({ type: 'reasoning', text: reasoning });
        if (text) events.push({ type: 'text', text });
        const usage = mapUsage(r.usageMetadata);
        if (usage) events.push({ type: 'usage', usage });
        // Gemini has no [DONE]: the chunk with a finishReason is the terminal event.
        if (finish) events.push({ type: 'finish', finishReason: mapFinish(finish) }, { type: 'end' });
        return events;
      },
    };
  },
  parseError(_status, bodyText): ProviderErrorInfo {
    try {
      const { error } = errorSchema.parse(JSON.parse(bodyText));
      const retry = error.details?.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'));
      const retryDelayMs = parseDurationMs(retry?.retryDelay);
      return {
        message: error.message,
        ...(error.status ? { code: error.status } : {}),
        ...(retryDelayMs !== undefined ? { retryDelayMs } : {}),
      };
    } catch {
      return { message: bodyText.slice(0, 300) || '(empty body)' };
    }
  },
};
