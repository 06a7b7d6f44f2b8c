import { EventSourceParserStream } from 'eventsource-parser/stream';
import { ProviderError, StreamError, redact, type ErrorClass } from '../errors.js';
import type { ProviderAdapter, StreamEvent } from './types.js';
import { WireFormatError } from './wire.js';

interface Frame {
  data: string;
  event?: string;
}

/** NDJSON framing: one JSON document per line (Ollama). */
function ndjsonFrames(): TransformStream<string, Frame> {
  let buffer = '';
  return new TransformStream<string, Frame>({
    transform(text, controller) {
      buffer += text;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) controller.enqueue({ data: line });
        newline = buffer.indexOf('\n');
      }
    },
    flush(controller) {
      if (buffer.trim()) controller.enqueue({ data: buffer.trim() });
    },
  });
}

export interface StreamReadOptions {
  adapter: ProviderAdapter;
  provider: string;
  model: string;
  idleMs: number;
  /** Most bytes of frame data accepted (see answerByteLimit): a larger stream is refused. */
  maxBytes: number;
  secrets: string[];
}

/**
 * Provider stream events from a response body. Ends only at the format's terminal event: a body
 * that stops before it is a `stream_incomplete` error, a silence longer than `idleMs` a
 * `stream_idle_timeout`. Breaking out of the loop cancels the body (and so the connection).
 */
export async function* readStreamEvents(body: ReadableStream<Uint8Array>, o: StreamReadOptions): AsyncGenerator<StreamEvent> {
  const framing =
    o.adapter.streamFraming === 'sse'
      ? (new EventSourceParserStream() as unknown as TransformStream<string, Frame>)
      : ndjsonFrames();
  const reader = body.pipeThrough(new TextDecoderStream()).pipeThrough(framing).getReader();
  const decoder = o.adapter.createStreamDecoder();
  const fail = (cls: ErrorClass, message: string) =>
    new StreamError({ errorClass: cls, provider: o.provider, model: o.model }, redact(`${o.provider}:${o.model} ${message}`, o.secrets));
  let bytes = 0;
  try {
    for (;;) {
      const { value, done } = await readWithin(reader, o.idleMs, () => fail('stream_idle_timeout', `sent nothing for ${o.idleMs} ms mid-stream`));
      if (done) throw fail('stream_incomplete', 'stream ended without its terminal event');
      bytes += value.data.length;
      if (bytes > o.maxBytes) throw fail('response_too_large', `streamed more than ${o.maxBytes} bytes, more than the requested max tokens can produce`);
      let events: StreamEvent[];
      try {
        events = decoder.push(value.data, value.event);
      } catch (error) {
        const detail = error instanceof WireFormatError ? error.message : `an unreadable chunk (${(error as Error).message})`;
        throw fail(error instanceof SyntaxError || error instanceof WireFormatError ? 'invalid_response' : 'server_error', `sent ${detail}`);
      }
      for (const event of events) {
        yield event;
        if (event.type === 'end') return;
      }
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    // The connection died mid-body (reset, proxy timeout): the stream is incomplete.
    throw fail('stream_incomplete', `connection closed mid-stream: ${(error as Error).message}`);
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

async function readWithin<T>(reader: ReadableStreamDefaultReader<T>, ms: number, onIdle: () => Error): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<T>['read']>>> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onIdle()), ms);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}
