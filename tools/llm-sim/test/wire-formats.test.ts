/* eslint-disable @typescript-eslint/no-explicit-any -- wire JSON is asserted field by field */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '../src/index.js';

let sim: LlmSim;
beforeAll(async () => {
  sim = await startLlmSim({
    scenario: { chunkChars: 5, responder: (r) => ({ text: `def ${r.prompt}():\n    return 1\n`, reasoning: 'think first' }) },
  });
});
afterAll(() => sim.close());

const post = (path: string, body: unknown) =>
  fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('OpenAI-compatible chat completions', () => {
  test('non-streaming answer carries reasoning_content apart from content, and tiktoken usage', async () => {
    const res = await post('/api/paas/v4/chat/completions', {
      model: 'glm-4.5',
      messages: [{ role: 'system', content: 'You write Python.' }, { role: 'user', content: 'compute' }],
    });
    const json = (await res.json()) as any;
    expect(json.choices[0].message.content).toBe('def compute():\n    return 1\n');
    expect(json.choices[0].message.reasoning_content).toBe('think first');
    expect(json.choices[0].finish_reason).toBe('stop');
    // 3 priming + (3 + 4 for "You write Python.") + (3 + 1 for "compute")
    expect(json.usage.prompt_tokens).toBe(14);
    expect(json.usage.completion_tokens).toBeGreaterThan(json.usage.completion_tokens_details.reasoning_tokens);
    expect(sim.requests.at(-1)).toMatchObject({ provider: 'zai', model: 'glm-4.5', stream: false, outcome: 'ok' });
  });

  test('stream: role chunk, reasoning and content deltas, finish chunk, usage chunk, [DONE]', async () => {
    const res = await post('/v1/chat/completions', { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'go' }] });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const frames = (await res.text()).split('\n\n').filter(Boolean).map((f) => f.replace(/^data: /, ''));
    expect(frames.at(-1)).toBe('[DONE]');
    const parsed = frames.slice(0, -1).map((f) => JSON.parse(f));
    const content = parsed.map((p) => p.choices[0]?.delta?.content ?? '').join('');
    const reasoning = parsed.map((p) => p.choices[0]?.delta?.reasoning_content ?? '').join('');
    expect(content).toBe('def go():\n    return 1\n');
    expect(reasoning).toBe('think first');
    expect(parsed.at(-2).choices[0].finish_reason).toBe('stop');
    expect(parsed.at(-1).usage.prompt_tokens).toBeGreaterThan(0);
  });
});

describe('Anthropic Messages', () => {
  test('non-streaming: thinking block then text block, stop_reason end_turn', async () => {
    const res = await post('/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 500, system: 'sys', messages: [{ role: 'user', content: 'x' }] });
    const json = (await res.json()) as any;
    expect(json.content.map((c: any) => c.type)).toEqual(['thinking', 'text']);
    expect(json.content[1].text).toBe('def x():\n    return 1\n');
    expect(json.stop_reason).toBe('end_turn');
  });

  test('stream: named events from message_start to message_stop', async () => {
    const res = await post('/v1/messages', { model: 'claude-haiku-4-5', max_tokens: 500, stream: true, messages: [{ role: 'user', content: 'y' }] });
    const events = (await res.text()).split('\n\n').filter(Boolean).map((f) => f.split('\n')[0]!.replace('event: ', ''));
    expect(events[0]).toBe('message_start');
    expect(events.at(-1)).toBe('message_stop');
    expect(events).toContain('message_delta');
  });

  test('requires max_tokens like the real API', async () => {
    const res = await post('/v1/messages', { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'y' }] });
    expect(res.status).toBe(400);
  });
});

describe('Gemini', () => {
  test('generateContent: thought part flagged, finishReason STOP, usageMetadata', async () => {
    const res = await post('/v1beta/models/gemini-2.5-flash:generateContent', {
      contents: [{ role: 'user', parts: [{ text: 'z' }] }],
      systemInstruction: { parts: [{ text: 'sys' }] },
    });
    const json = (await res.json()) as any;
    expect(json.candidates[0].content.parts).toEqual([{ text: 'think first', thought: true }, { text: 'def z():\n    return 1\n' }]);
    expect(json.candidates[0].finishReason).toBe('STOP');
    expect(json.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
    expect(sim.requests.at(-1)).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash' });
  });

  test('streamGenerateContent?alt=sse: last frame carries finishReason and usage', async () => {
    const res = await post('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse', { contents: [{ role: 'user', parts: [{ text: 'w' }] }] });
    const frames = (await res.text()).split('\n\n').filter(Boolean).map((f) => JSON.parse(f.replace(/^data: /, '')));
    expect(frames.at(-1).candidates[0].finishReason).toBe('STOP');
    expect(frames.at(-1).usageMetadata.promptTokenCount).toBeGreaterThan(0);
  });
});

describe('Ollama native', () => {
  test('streams NDJSON by default; the final line has done:true and counts', async () => {
    const res = await post('/api/chat', { model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'v' }], options: { num_ctx: 8192 } });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop' });
    expect(lines.map((l) => l.message.content).join('')).toBe('def v():\n    return 1\n');
  });

  test('without num_ctx only 2048 prompt tokens are evaluated (Ollama truncates silently)', async () => {
    const long = 'word '.repeat(5000);
    const res = await post('/api/chat', { model: 'llama3.1:8b', stream: false, messages: [{ role: 'user', content: long }] });
    const json = (await res.json()) as any;
    expect(json.prompt_eval_count).toBe(2048);
  });
});
