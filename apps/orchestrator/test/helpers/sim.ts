// llm-sim answers for the pipeline tests: the method is read from the prompt the pipeline sent.
import type { ResponderRequest } from '@onexgen/llm-sim';
import { BROKEN_ANSWER, goodAnswer } from '../fixtures/answers.js';

export function methodOf(request: ResponderRequest): string {
  // context-builder's operation section names the method: `## Method: <name>`
  const text = request.messages.map((m) => m.content).join('\n');
  return /## Method: ([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1] ?? 'unknown';
}

/**
 * What the body reads its input from: the first parameter after self in the signature the prompt
 * shows — or, for the node's entry method, the field of that parameter the system section says holds
 * the operation's data (`input_data.data` on a ModelComputeInput, which has no `.get`), as a model
 * that follows the prompt would.
 */
export function paramOf(request: ResponderRequest): string | undefined {
  const text = request.messages.map((m) => m.content).join('\n');
  const param = /def [A-Za-z_][A-Za-z0-9_]*\(\s*self\s*,\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1];
  const all = [request.system ?? '', text].join('\n');
  const entry = /its entry method is `([A-Za-z_][A-Za-z0-9_]*)\(/.exec(all)?.[1];
  const data = /`([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)` holds the operation's data/.exec(all)?.[1];
  return entry === methodOf(request) && data?.startsWith(`${param}.`) ? data : param;
}

/** The prompt says the node is DATABASE_HEAVY (its operation methods must use the pool). */
export function databaseHeavy(request: ResponderRequest): boolean {
  return [request.system ?? '', ...request.messages.map((m) => m.content)].some((text) => text.includes('Selected variant: DATABASE_HEAVY'));
}

/** Good answers always. */
export const goodResponder = (request: ResponderRequest): string => goodAnswer(methodOf(request), paramOf(request), { database: databaseHeavy(request) });

/** A broken answer the first time a method is asked, a good one afterwards. */
export function repairedResponder(): (request: ResponderRequest) => string {
  const seen = new Set<string>();
  return (request) => {
    const method = methodOf(request);
    if (seen.has(method)) return goodAnswer(method, paramOf(request), { database: databaseHeavy(request) });
    seen.add(method);
    return BROKEN_ANSWER;
  };
}

export const brokenResponder = (): string => BROKEN_ANSWER;
