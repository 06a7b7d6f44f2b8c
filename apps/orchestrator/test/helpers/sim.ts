// llm-sim answers for the pipeline tests: the method is read from the prompt the pipeline sent.
import type { ResponderRequest } from '@onexgen/llm-sim';
import { BROKEN_ANSWER, goodAnswer } from '../fixtures/answers.js';

export function methodOf(request: ResponderRequest): string {
  // context-builder's operation section names the method: `## Method: <name>`
  const text = request.messages.map((m) => m.content).join('\n');
  return /## Method: ([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1] ?? 'unknown';
}

/** The first parameter after self in the signature the prompt shows (the body must read what the method binds). */
export function paramOf(request: ResponderRequest): string | undefined {
  const text = request.messages.map((m) => m.content).join('\n');
  return /def [A-Za-z_][A-Za-z0-9_]*\(\s*self\s*,\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1];
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
