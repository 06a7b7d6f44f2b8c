import type { SimFinishReason, SimProvider, SimUsage } from '../scenario.js';

export interface ParsedRequest {
  provider: SimProvider;
  model: string;
  stream: boolean;
  system?: string;
  messages: Array<{ role: string; content: string }>;
  maxTokens?: number;
}

export interface SimAnswer {
  id: string;
  model: string;
  created: number;
  text: string;
  reasoning?: string;
  finishReason: SimFinishReason;
  usage: SimUsage;
}

export interface ErrorSpec {
  status: number;
  message: string;
  errorType?: string;
  code?: string | number;
  retryDelay?: string;
}

/** One wire format: how to read its request and how to write its answers, streamed or not. */
export interface WireFormat {
  /** Undefined when the path is not this format's. Throws RequestShapeError on a bad body. */
  parse(path: string, body: unknown): ParsedRequest | undefined;
  json(answer: SimAnswer): unknown;
  streamContentType: string;
  /** Frames before the first content chunk. */
  streamHead(answer: SimAnswer): string[];
  reasoningFrame(answer: SimAnswer, piece: string): string;
  textFrame(answer: SimAnswer, piece: string): string;
  /** Frames between the last reasoning chunk and the first text chunk (Anthropic switches blocks). */
  afterReasoning?(answer: SimAnswer): string[];
  /** Frames carrying the finish reason, usage and the terminal event. */
  streamTail(answer: SimAnswer): string[];
  /** The tail with its terminal event but no finish reason (formats whose terminal is the finish omit it). */
  streamTailWithoutFinish?(answer: SimAnswer): string[];
  errorBody(spec: ErrorSpec): unknown;
}

export class RequestShapeError extends Error {
  readonly code = 'SIM_BAD_REQUEST';
}

export function sse(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

/** Text of a content field that may be a string or a list of `{type:'text', text}` parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && 'text' in part ? String((part as { text: unknown }).text) : ''))
      .join('');
  }
  return '';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireModel(body: Record<string, unknown>): string {
  if (typeof body.model !== 'string' || body.model === '') throw new RequestShapeError('body.model must be a non-empty string');
  return body.model;
}

export function requireMessages(body: Record<string, unknown>): Array<{ role: string; content: unknown }> {
  if (!Array.isArray(body.messages)) throw new RequestShapeError('body.messages must be an array');
  return body.messages.map((m, i) => {
    if (!isRecord(m) || typeof m.role !== 'string') throw new RequestShapeError(`body.messages[${i}].role must be a string`);
    return { role: m.role, content: m.content };
  });
}

export function optionalInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
