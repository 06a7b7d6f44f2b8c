import { z } from 'zod';
import type { FinishReason, Usage } from '../schemas.js';
import { genericErrorInfo } from './classify.js';
import { parseWire } from './wire.js';
import type { ProviderAdapter, ProviderCall, StreamEvent } from './types.js';

const lineSchema = z.object({
  model: z.string().optional(),
  message: z.object({ content: z.string().default(''), thinking: z.string().optional() }).optional(),
  done: z.boolean(),
  done_reason: z.string().optional(),
  prompt_eval_count: z.number().int().optional(),
  eval_count: z.number().int().optional(),
  error: z.string().optional(),
});

const mapDone = (reason: string | undefined): FinishReason => (reason === 'length' ? 'length' : reason === 'stop' || reason === undefined ? 'stop' : 'other');

function mapUsage(l: z.infer<typeof lineSchema>): Usage | undefined {
  if (l.prompt_eval_count === undefined && l.eval_count === undefined) return undefined;
  return { inputTokens: l.prompt_eval_count ?? 0, outputTokens: l.eval_count ?? 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}

/** Ollama native /api/chat; NDJSON stream; passes num_ctx so a long prompt is never silently cut. */
export const ollamaAdapter: ProviderAdapter = {
  kind: 'ollama',
  streamFraming: 'ndjson',
  buildRequest(call: ProviderCall, stream: boolean) {
    return {
      path: '/api/chat',
      headers: {},
      body: {
        model: call.model,
        messages: [...(call.system ? [{ role: 'system', content: call.system }] : []), { role: 'user', content: call.prompt }],
        stream,
        options: {
          num_predict: call.maxOutputTokens,
          ...(call.numCtx !== undefined ? { num_ctx: call.numCtx } : {}),
          ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
          ...(call.stop?.length ? { stop: call.stop } : {}),
        },
      },
    };
  },
  parseResponse(json: unknown) {
    const l = parseWire(lineSchema, json, 'Ollama chat response');
    const usage = mapUsage(l);
    return {
      text: l.message?.content ?? '',
      ...(l.message?.thinking ? { reasoning: l.message.thinking } : {}),
      finishReason: mapDone(l.done_reason),
      ...(usage ? { usage } : {}),
      ...(l.model ? { model: l.model } : {}),
    };
  },
  createStreamDecoder() {
    return {
      push(data: string): StreamEvent[] {
        const l = parseWire(lineSchema, JSON.parse(data), 'Ollama stream line');
        if (l.error) throw new Error(`Ollama stream error: ${l.error}`);
        const events: StreamEvent[] = [];
        if (l.message?.thinking) events.push({ type: 'reasoning', text: l.message.thinking });
        if (l.message?.content) events.push({ type: 'text', text: l.message.content });
        if (l.done) {
          const usage = mapUsage(l);
          if (usage) events.push({ type: 'usage', usage });
          events.push({ type: 'finish', finishReason: mapDone(l.done_reason) }, { type: 'end' });
        }
        return events;
      },
    };
  },
  parseError: (_status, bodyText) => genericErrorInfo(bodyText),
};
