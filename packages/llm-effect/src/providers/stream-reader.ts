import { createParser, type EventSourceParser } from 'eventsource-parser';
import { ProviderError, StreamError, redact, type ErrorClass } from '../errors.js';
import type { ProviderAdapter, StreamEvent } from './types.js';
import { WireFormatError } from './wire.js';

interface Frame {
  data: string;
  event?: string;
}

/** Splits decoded text into frames as it arrives; `end()` gives what a framing keeps for the end of the body. */
interface Framer {
  feed(text: string, out: Frame[]): void;
  end(out: Frame[]): void;
}

/** SSE framing by eventsource-parser (its parser, fed directly: an event left unterminated at the end is dropped, as its stream does). */
function sseFramer(): Framer {
  let sink: Frame[] = [];
  const parser: EventSourceParser = createParser({ onEvent: (event) => sink.push(event) });
  return {
    feed(text, out) {
      sink = out;
      parser.feed(text);
    },
    end() {},
  };
}

/** NDJSON framing: one JSON document per line (Ollama). */
function ndjsonFramer(): Framer {
  let buffer = '';
  return {
    feed(text, out) {
      buffer += text;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) out.push({ data: line });
        newline = buffer.indexOf('\n');
      }
    },
    end(out) {
      if (buffer.trim()) out.push({ data: buffer.trim() });
    },
  };
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

// The body is read chunk by chunk and framed synchronously, with one idle timer re-armed per read:
// piping it through a TextDecoderStream and the parser's TransformStream, with a timer and a race
// per frame, cost a promise chain per event: for answers sent a few tokens per chunk, a quarter of
// a streamed call's CPU (tools/bench llm-client-bench section 3: 5.33 → 3.94 ms per call).
/**
 * Provider stream events from a response body. Ends only at the format's terminal event: a body
 * that stops before it is a `stream_incomplete` error, a silence longer than `idleMs` a
 * `stream_idle_timeout`. Breaking out of the loop cancels the body (and so the connection).
 */
export async function* readStreamEvents(body: ReadableStream<Uint8Array>, o: StreamReadOptions): AsyncGenerator<StreamEvent> {
  const framer = o.adapter.streamFraming === 'sse' ? sseFramer() : ndjsonFramer();
  const reader = body.getReader();
  const text = new TextDecoder();
  const decoder = o.adapter.createStreamDecoder();
  const fail = (cls: ErrorClass, message: string) =>
    new StreamError({ errorClass: cls, provider: o.provider, model: o.model }, redact(`${o.provider}:${o.model} ${message}`, o.secrets));
  // a read that waits idleMs cancels the body: the read then ends, and the flag says why (time the
  // caller spends between reads is not the provider's silence)
  let waiting = false;
  let idle = false;
  const timer = setTimeout(() => {
    if (!waiting) return;
    idle = true;
    reader.cancel().catch(() => undefined);
  }, o.idleMs);
  let bytes = 0;
  const frames: Frame[] = [];
  try {
    for (let ended = false; !ended; ) {
      waiting = true;
      timer.refresh();
      const { value, done } = await reader.read();
      waiting = false;
      if (idle) throw fail('stream_idle_timeout', `sent nothing for ${o.idleMs} ms mid-stream`);
      frames.length = 0;
      if (done) {
        ended = true;
        framer.feed(text.decode(), frames);
        framer.end(frames);
      } else {
        framer.feed(text.decode(value, { stream: true }), frames);
      }
      for (const frame of frames) {
        bytes += frame.data.length;
        if (bytes > o.maxBytes) throw fail('response_too_large', `streamed more than ${o.maxBytes} bytes, more than the requested max tokens can produce`);
        let events: StreamEvent[];
        try {
          events = decoder.push(frame.data, frame.event);
        } catch (error) {
          const detail = error instanceof WireFormatError ? error.message : `an unreadable chunk (${(error as Error).message})`;
          throw fail(error instanceof SyntaxError || error instanceof WireFormatError ? 'invalid_response' : 'server_error', `sent ${detail}`);
        }
        for (const event of events) {
          yield event;
          if (event.type === 'end') return;
        }
      }
    }
    throw fail('stream_incomplete', 'stream ended without its terminal event');
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    // The connection died mid-body (reset, proxy timeout): the stream is incomplete.
    throw fail('stream_incomplete', `connection closed mid-stream: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => undefined);
  }
}
