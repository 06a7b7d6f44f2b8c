import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { splitPieces } from './answer.js';
import type { Outcome, Scenario } from './scenario.js';
import type { SimAnswer, WireFormat } from './wire/types.js';

const CUT_FLUSH_MS = 30;

/** Messages Z.ai sends with its business codes (HTTP 429 unless noted by the scenario). */
const ZAI_MESSAGES: Record<string, string> = {
  '1112': 'Your account has been locked. Please contact customer service.',
  '1113': 'Insufficient balance or no resource package. Please recharge.',
  '1121': 'Your account has been locked due to irregular activities.',
  '1301': 'The content contains unsafe or sensitive information.',
  '1302': 'High concurrency usage of this API, please reduce concurrency or contact customer service.',
  '1303': 'High frequency usage of this API, please reduce frequency or contact customer service.',
  '1305': 'The service may be temporarily overloaded, please try again later.',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, format: WireFormat, outcome: Extract<Outcome, { kind: 'error' | 'zai' }>): void {
  if (outcome.kind === 'zai') {
    const message = ZAI_MESSAGES[outcome.code] ?? `Z.ai business error ${outcome.code}`;
    sendJson(res, outcome.status ?? 429, { error: { code: outcome.code, message } }, outcome.headers);
    return;
  }
  const body = outcome.body !== undefined
    ? outcome.body
    : format.errorBody({
        status: outcome.status,
        message: outcome.message ?? `simulated ${outcome.status}`,
        ...(outcome.errorType !== undefined ? { errorType: outcome.errorType } : {}),
        ...(outcome.code !== undefined ? { code: outcome.code } : {}),
        ...(outcome.retryDelay !== undefined ? { retryDelay: outcome.retryDelay } : {}),
      });
  sendJson(res, outcome.status, body, outcome.headers);
}

/**
 * A non-streaming answer; `malformed` and `cut` break it the way a flaky network or proxy would, and
 * `stall` sends the headers and half the body, then pauses `pauseMs` before the rest (a body stall).
 */
export async function sendAnswer(res: ServerResponse, format: WireFormat, answer: SimAnswer, outcome: Outcome): Promise<void> {
  const text = JSON.stringify(format.json(answer));
  if (outcome.kind === 'malformed') {
    const broken = text.slice(0, Math.floor(text.length / 2));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(broken) });
    res.end(broken);
    return;
  }
  const chunked = (outcome.kind === 'ok' || outcome.kind === 'stall') && outcome.chunked === true;
  res.writeHead(200, { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': Buffer.byteLength(text) }) });
  if (outcome.kind === 'cut') {
    res.write(text.slice(0, Math.floor(text.length / 2)));
    res.socket?.destroy();
    return;
  }
  if (outcome.kind === 'stall') {
    const half = Buffer.from(text).subarray(0, Math.floor(Buffer.byteLength(text) / 2));
    res.write(half);
    await sleep(outcome.pauseMs);
    if (!res.destroyed) res.end(Buffer.from(text).subarray(half.length));
    return;
  }
  res.end(text);
}

/** A streamed answer frame by frame, with the scenario's timing and the outcome's fault. */
export async function sendStream(
  res: ServerResponse,
  format: WireFormat,
  answer: SimAnswer,
  outcome: Outcome,
  scenario: Scenario,
): Promise<void> {
  res.writeHead(200, { 'content-type': format.streamContentType, 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const size = scenario.chunkChars ?? 12;
  const reasoning = answer.reasoning ? splitPieces(answer.reasoning, size) : [];
  const text = splitPieces(answer.text, size);
  const frames = [
    ...reasoning.map((p) => format.reasoningFrame(answer, p)),
    ...(reasoning.length && format.afterReasoning ? format.afterReasoning(answer) : []),
    ...text.map((p) => format.textFrame(answer, p)),
  ];
  const contentCount = reasoning.length + text.length;
  const cutAt = outcome.kind === 'cut' ? (outcome.afterChunks ?? Math.floor(contentCount / 2)) : -1;
  const stallAt = outcome.kind === 'stall' ? (outcome.afterChunks ?? 1) : -1;

  const write = (frame: string) => !res.destroyed && res.write(frame);
  // A reset discards what the client has received but not yet read; give the bytes already sent
  // time to be consumed first, as on a real network where the cut comes after them.
  const cut = async () => {
    await sleep(CUT_FLUSH_MS);
    res.socket?.destroy();
  };
  for (const frame of format.streamHead(answer)) write(frame);
  if (scenario.ttftMs) await sleep(scenario.ttftMs);
  if (outcome.kind === 'ok' && outcome.ttftMs) await sleep(outcome.ttftMs);

  let sent = 0;
  for (const frame of frames) {
    if (res.destroyed) return;
    if (sent === cutAt) return cut();
    if (sent === stallAt && outcome.kind === 'stall') await sleep(outcome.pauseMs);
    if (outcome.kind === 'malformed' && sent === 0) write(brokenFrame(format));
    write(frame);
    // Only content frames count as chunks (the Anthropic block switch is not one).
    if (!frame.includes('content_block_stop') && !frame.includes('content_block_start')) sent += 1;
    if (scenario.chunkDelayMs) await sleep(scenario.chunkDelayMs);
  }
  if (sent === cutAt) return cut();
  if (outcome.kind === 'no-terminal' || (outcome.kind === 'no-finish' && !format.streamTailWithoutFinish)) {
    res.end();
    return;
  }
  if (outcome.kind === 'no-finish') {
    for (const frame of format.streamTailWithoutFinish!(answer)) write(frame);
    res.end();
    return;
  }
  for (const frame of format.streamTail(answer)) write(frame);
  res.end();
}

function brokenFrame(format: WireFormat): string {
  return format.streamContentType === 'application/x-ndjson' ? '{"model": "x", "message": {\n' : 'data: {"choices": [{"delta": {\n\n';
}
