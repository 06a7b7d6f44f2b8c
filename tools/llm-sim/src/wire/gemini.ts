import type { SimFinishReason } from '../scenario.js';
import {
  contentText, isRecord, optionalInt, RequestShapeError, sse,
  type ErrorSpec, type ParsedRequest, type SimAnswer, type WireFormat,
} from './types.js';

const FINISH: Record<SimFinishReason, string> = { stop: 'STOP', length: 'MAX_TOKENS', content_filter: 'SAFETY' };

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

const PATH = /\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

function usageMetadata(a: SimAnswer) {
  return {
    promptTokenCount: a.usage.inputTokens,
    candidatesTokenCount: a.usage.outputTokens - a.usage.reasoningTokens,
    totalTokenCount: a.usage.inputTokens + a.usage.outputTokens,
    ...(a.usage.cachedInputTokens ? { cachedContentTokenCount: a.usage.cachedInputTokens } : {}),
    ...(a.usage.reasoningTokens ? { thoughtsTokenCount: a.usage.reasoningTokens } : {}),
  };
}

function candidate(parts: unknown[], finishReason?: string) {
  return { content: { role: 'model', parts }, index: 0, ...(finishReason ? { finishReason } : {}) };
}

/** Google Gemini generateContent / streamGenerateContent (`?alt=sse`). */
export const geminiFormat: WireFormat = {
  parse(path, body): ParsedRequest | undefined {
    const match = PATH.exec(path.split('?')[0] ?? '');
    if (!match) return undefined;
    if (!isRecord(body) || !Array.isArray(body.contents)) throw new RequestShapeError('body.contents must be an array');
    const messages = body.contents.map((c, i) => {
      if (!isRecord(c) || !Array.isArray(c.parts)) throw new RequestShapeError(`body.contents[${i}].parts must be an array`);
      return { role: c.role === 'model' ? 'assistant' : 'user', content: contentText(c.parts) };
    });
    const system = isRecord(body.systemInstruction) ? contentText(body.systemInstruction.parts) : '';
    const config = isRecord(body.generationConfig) ? body.generationConfig : {};
    return {
      provider: 'gemini',
      model: decodeURIComponent(match[1]!),
      stream: match[2] === 'streamGenerateContent',
      ...(system ? { system } : {}),
      messages,
      maxTokens: optionalInt(config.maxOutputTokens),
    };
  },
  json(a) {
    const parts = [...(a.reasoning ? [{ text: a.reasoning, thought: true }] : []), { text: a.text }];
    return { candidates: [candidate(parts, FINISH[a.finishReason])], usageMetadata: usageMetadata(a), modelVersion: a.model, responseId: a.id };
  },
  streamContentType: 'text/event-stream',
  streamHead: () => [],
  reasoningFrame: (a, piece) => sse({ candidates: [candidate([{ text: piece, thought: true }])], modelVersion: a.model }),
  textFrame: (a, piece) => sse({ candidates: [candidate([{ text: piece }])], modelVersion: a.model }),
  // Gemini has no [DONE]: the terminal event is the chunk carrying finishReason and usage.
  streamTail: (a) => [
    sse({ candidates: [candidate([{ text: '' }], FINISH[a.finishReason])], usageMetadata: usageMetadata(a), modelVersion: a.model, responseId: a.id }),
  ],
  errorBody(spec: ErrorSpec) {
    return {
      error: {
        code: spec.status,
        message: spec.message,
        status: spec.errorType ?? STATUS[spec.status] ?? 'UNKNOWN',
        ...(spec.retryDelay
          ? { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: spec.retryDelay }] }
          : {}),
      },
    };
  },
};
