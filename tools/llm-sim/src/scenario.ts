import { z } from 'zod';

/** The four wire formats the simulator speaks; `zai` is the OpenAI format served under Z.ai's path. */
export type SimProvider = 'openai' | 'zai' | 'anthropic' | 'gemini' | 'ollama';

/** Abstract finish reasons; each wire format renders them in its own words. */
export type SimFinishReason = 'stop' | 'length' | 'content_filter';

export interface SimUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
}

/** What the responder sees: the request, normalised across wire formats. */
export interface ResponderRequest {
  provider: SimProvider;
  model: string;
  path: string;
  stream: boolean;
  system?: string;
  messages: Array<{ role: string; content: string }>;
  /** Text of the last user message (the prompt the caller sent). */
  prompt: string;
  maxTokens?: number;
}

export interface ResponderAnswer {
  text: string;
  reasoning?: string;
  usage?: Partial<SimUsage>;
  finishReason?: SimFinishReason;
}

export type Responder = (request: ResponderRequest) => string | ResponderAnswer | Promise<string | ResponderAnswer>;

const whenSchema = z
  .object({
    /** Substring of the request path (query included). */
    path: z.string().optional(),
    model: z.string().optional(),
    provider: z.enum(['openai', 'zai', 'anthropic', 'gemini', 'ollama']).optional(),
    /** Only streaming (true) or only non-streaming (false) requests. */
    stream: z.boolean().optional(),
  })
  .strict();

const common = {
  when: whenSchema.optional(),
  /** How many matching requests this entry answers (default 1). */
  times: z.number().int().positive().optional(),
  /** Delay before the response starts (overrides the scenario's latencyMs). */
  latencyMs: z.number().int().nonnegative().optional(),
};

const usageSchema = z
  .object({
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    cachedInputTokens: z.number().int().nonnegative(),
    reasoningTokens: z.number().int().nonnegative(),
  })
  .partial()
  .strict();

export const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ok'),
    ...common,
    text: z.string().optional(),
    reasoning: z.string().optional(),
    finishReason: z.enum(['stop', 'length', 'content_filter']).optional(),
    ttftMs: z.number().int().nonnegative().optional(),
    usage: usageSchema.optional(),
    /** A provider or proxy that does not honour max_tokens: the whole text is sent. */
    ignoreMaxTokens: z.boolean().optional(),
    /** Non-streaming: the body goes out chunked, without a content-length (as some proxies send it). */
    chunked: z.boolean().optional(),
  }).strict(),
  z.object({
    /** An HTTP error in the provider's own error format (or `body` verbatim). */
    kind: z.literal('error'),
    ...common,
    status: z.number().int().min(400).max(599),
    headers: z.record(z.string(), z.string()).optional(),
    message: z.string().optional(),
    /** OpenAI `error.type`/`error.code`, Anthropic `error.type`, Gemini `error.status`. */
    errorType: z.string().optional(),
    code: z.union([z.string(), z.number()]).optional(),
    /** Gemini RetryInfo.retryDelay, e.g. "1.5s". */
    retryDelay: z.string().optional(),
    body: z.unknown().optional(),
  }).strict(),
  z.object({
    /** A Z.ai business error: HTTP 429 (by default) with `{"error":{"code":"1302",...}}`. */
    kind: z.literal('zai'),
    ...common,
    code: z.string(),
    status: z.number().int().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }).strict(),
  /** The socket is destroyed before any byte of the response. */
  z.object({ kind: z.literal('reset'), ...common }).strict(),
  /** 200 with a body that is not valid JSON (in a stream: one broken data frame). */
  z.object({ kind: z.literal('malformed'), ...common }).strict(),
  /** The connection dies after `afterChunks` content chunks (non-streaming: after half the body). */
  z.object({ kind: z.literal('cut'), ...common, afterChunks: z.number().int().nonnegative().optional() }).strict(),
  /** The stream ends cleanly but without its terminal event / finish reason. */
  z.object({ kind: z.literal('no-terminal'), ...common }).strict(),
  /** The terminal event arrives ([DONE], message_stop) but no finish reason was ever sent. */
  z.object({ kind: z.literal('no-finish'), ...common }).strict(),
  /** The stream pauses `pauseMs` after `afterChunks` content chunks, then continues. */
  z.object({
    kind: z.literal('stall'),
    ...common,
    afterChunks: z.number().int().nonnegative().optional(),
    pauseMs: z.number().int().positive(),
    /** Non-streaming: the body goes out chunked, without a content-length. */
    chunked: z.boolean().optional(),
  }).strict(),
]);

export type Outcome = z.infer<typeof outcomeSchema>;
export type OutcomeWhen = z.infer<typeof whenSchema>;

/** The JSON-serialisable part of a scenario (what `llm-sim --scenario file.json` reads). */
export const scenarioFileSchema = z
  .object({
    /** Delay before the response starts, ms (default 0). */
    latencyMs: z.number().int().nonnegative().optional(),
    /** Streaming: delay between the headers and the first content chunk, ms (default 0). */
    ttftMs: z.number().int().nonnegative().optional(),
    /** Streaming: delay between content chunks, ms (default 0). */
    chunkDelayMs: z.number().int().nonnegative().optional(),
    /** Streaming: characters per content chunk (default 12). */
    chunkChars: z.number().int().positive().optional(),
    /** Answer text when no responder is set. */
    text: z.string().optional(),
    /** Reasoning text sent before the answer (GLM `reasoning_content`, Anthropic thinking...). */
    reasoning: z.string().optional(),
    /** Outcomes consumed in order by the requests they match; unmatched requests get `ok`. */
    script: z.array(outcomeSchema).optional(),
  })
  .strict();

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

export interface Scenario extends ScenarioFile {
  responder?: Responder;
}

export interface MatchableRequest {
  path: string;
  model: string;
  provider: SimProvider;
  stream: boolean;
}

/** True when an outcome's `when` scope covers this request. */
export function outcomeMatches(when: OutcomeWhen | undefined, request: MatchableRequest): boolean {
  if (!when) return true;
  if (when.path !== undefined && !request.path.includes(when.path)) return false;
  if (when.model !== undefined && when.model !== request.model) return false;
  if (when.provider !== undefined && when.provider !== request.provider) return false;
  if (when.stream !== undefined && when.stream !== request.stream) return false;
  return true;
}

/**
 * The scenario's script as a queue: each entry answers `times` matching requests, in order.
 * Consuming is synchronous, so concurrent requests never take the same single-use entry.
 */
export class ScriptQueue {
  private readonly remaining: number[];

  constructor(private readonly script: readonly Outcome[]) {
    this.remaining = script.map((o) => o.times ?? 1);
  }

  take(request: MatchableRequest): Outcome | undefined {
    for (let i = 0; i < this.script.length; i += 1) {
      const outcome = this.script[i]!;
      if ((this.remaining[i] ?? 0) > 0 && outcomeMatches(outcome.when, request)) {
        this.remaining[i] = (this.remaining[i] ?? 0) - 1;
        return outcome;
      }
    }
    return undefined;
  }

  /** Entries not yet used up (lets a test assert that its script was fully consumed). */
  pending(): number {
    return this.remaining.reduce((sum, n) => sum + n, 0);
  }
}
