import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildAnswer } from './answer.js';
import { sendAnswer, sendError, sendJson, sendStream } from './respond.js';
import { scenarioFileSchema, ScriptQueue, type Outcome, type Scenario, type SimProvider } from './scenario.js';
import { anthropicFormat } from './wire/anthropic.js';
import { geminiFormat } from './wire/gemini.js';
import { ollamaFormat, ollamaNumCtx } from './wire/ollama.js';
import { openaiFormat } from './wire/openai.js';
import { RequestShapeError, type ParsedRequest, type WireFormat } from './wire/types.js';

const FORMATS: WireFormat[] = [openaiFormat, anthropicFormat, geminiFormat, ollamaFormat];

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Parsed JSON body (the raw text when it was not JSON). */
  body: unknown;
  /** Epoch milliseconds with sub-millisecond precision. */
  receivedAt: number;
  provider?: SimProvider;
  model?: string;
  stream?: boolean;
  /** The scripted outcome this request got (`ok` when the script had nothing for it). */
  outcome?: Outcome['kind'];
  /** True when the client went away before the response was complete (abort, early stop). */
  clientClosed: boolean;
  /**
   * True when the client went away before its body could be read (e.g. it timed out while this
   * process was busy): the request still reached the provider and is counted, but got no outcome.
   */
  bodyUnread?: boolean;
}

export interface LlmSim {
  /** Base URL, e.g. `http://127.0.0.1:43123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every request received since start or the last reset, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Replaces the scenario and restarts its script. */
  setScenario(scenario: Scenario): void;
  /** Forgets recorded requests and restarts the current scenario's script. */
  reset(): void;
  /** Script entries not yet consumed. */
  pendingScript(): number;
  /** Provider requests being answered right now, and the most at once since start or reset. */
  concurrency(): { inFlight: number; peak: number };
  close(): Promise<void>;
}

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  scenario?: Scenario;
}

function validateScenario(scenario: Scenario): Scenario {
  const { responder, ...file } = scenario;
  const parsed = scenarioFileSchema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid llm-sim scenario at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown'}`);
  }
  return { ...parsed.data, ...(responder ? { responder } : {}) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export async function startLlmSim(options: StartOptions = {}): Promise<LlmSim> {
  let scenario = validateScenario(options.scenario ?? {});
  let queue = new ScriptQueue(scenario.script ?? []);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let peak = 0;

  async function control(path: string, method: string, body: unknown, res: ServerResponse): Promise<void> {
    if (path === '/__sim/requests' && method === 'GET') return sendJson(res, 200, requests);
    if (path === '/__sim/reset' && method === 'POST') {
      sim.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__sim/scenario' && method === 'POST') {
      try {
        sim.setScenario(body as Scenario);
      } catch (error) {
        return sendJson(res, 400, { error: (error as Error).message });
      }
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: `unknown control endpoint ${method} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.timeOrigin + performance.now();
    const path = req.url ?? '/';
    const isControl = path.startsWith('/__sim/');
    // a provider request is recorded when it arrives, before its body is read: a client that gave
    // up meanwhile (its timeout ran out while this process was busy) still sent it, and a count of
    // requests that left those out would disagree with the client's count of attempts
    const record: RecordedRequest | undefined = isControl
      ? undefined
      : { method: req.method ?? 'GET', path, headers: headerRecord(req), body: undefined, receivedAt, clientClosed: false };
    if (record) {
      requests.push(record);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      res.on('close', () => {
        inFlight -= 1;
        if (!res.writableFinished) record.clientClosed = true;
      });
    }
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (!record) throw error;
      record.bodyUnread = true;
      return;
    }
    let body: unknown = raw;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    if (!record) return control(path.split('?')[0]!, req.method ?? 'GET', body, res);
    record.body = body;

    let format: WireFormat | undefined;
    let parsed: ParsedRequest | undefined;
    try {
      for (const candidate of FORMATS) {
        parsed = candidate.parse(path, body);
        if (parsed) {
          format = candidate;
          break;
        }
      }
    } catch (error) {
      if (error instanceof RequestShapeError) return sendJson(res, 400, { error: { message: error.message, type: 'invalid_request_error' } });
      throw error;
    }
    if (!format || !parsed || req.method !== 'POST') return sendJson(res, 404, { error: { message: `no simulated endpoint for ${req.method} ${path}` } });

    record.provider = parsed.provider;
    record.model = parsed.model;
    record.stream = parsed.stream;
    const outcome: Outcome = queue.take({ path, model: parsed.model, provider: parsed.provider, stream: parsed.stream }) ?? { kind: 'ok' };
    record.outcome = outcome.kind;

    const latency = outcome.latencyMs ?? scenario.latencyMs ?? 0;
    if (latency > 0) await sleep(latency);
    if (res.destroyed) return;

    switch (outcome.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'error':
      case 'zai':
        return sendError(res, format, outcome);
      default: {
        const cap = parsed.provider === 'ollama' ? ollamaNumCtx(body) : undefined;
        const answer = await buildAnswer(scenario, parsed, path, outcome, cap);
        if (parsed.stream) return sendStream(res, format, answer, outcome, scenario);
        return sendAnswer(res, format, answer, outcome);
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `llm-sim internal error: ${(error as Error).message}` } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed = false;

  const sim: LlmSim = {
    url: `http://${host}:${address.port}`,
    port: address.port,
    requests,
    setScenario(next) {
      scenario = validateScenario(next);
      queue = new ScriptQueue(scenario.script ?? []);
    },
    reset() {
      requests.length = 0;
      peak = inFlight;
      queue = new ScriptQueue(scenario.script ?? []);
    },
    pendingScript: () => queue.pending(),
    concurrency: () => ({ inFlight, peak }),
    async close() {
      if (closed) return;
      closed = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
