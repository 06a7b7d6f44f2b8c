// The prompts of the extra passes a strategy makes around the code prompt: a plan before the code
// (multi-pass), the plan laid into the code prompt, and a second model's review of accepted code.
// Shipped mustache files in templates/passes/, rendered without HTML escaping like the sections.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import { expectsRaise, type MethodExample } from '@onexgen/onex';
import { TEMPLATES_DIR } from '../data-dir.js';
import { normalizeSection } from '../templates/template-set.js';

const NO_ESCAPE = { escape: (value: unknown) => String(value) };
const cache = new Map<string, string>();

function render(name: string, view: object): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(TEMPLATES_DIR, 'passes', `${name}.mustache`), 'utf8');
    cache.set(name, text);
  }
  return normalizeSection(Mustache.render(text, view, {}, NO_ESCAPE));
}

/** One example as a line a model reads: `name: f(a=1) → 3` or `→ raises CODE`. */
export function exampleLine(methodName: string, example: MethodExample): string {
  const args = Object.entries(example.given).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  const call = `${methodName}(${args})`;
  const outcome = expectsRaise(example) ? `raises ${example.raises}` : `returns ${JSON.stringify((example as { expect?: unknown }).expect)}`;
  return `${example.name ? `${example.name}: ` : ''}${call} ${outcome}`;
}

export interface PlanPromptInput {
  /** the code prompt as built for the method (context-builder's toMessages()) */
  messages: { system: string; user: string };
  methodName: string;
  examples?: readonly MethodExample[];
}

/** Pass 1: the code prompt's context with the question turned into "plan, as JSON, no code". */
export function planPrompt(input: PlanPromptInput): { system: string; user: string } {
  const examples = (input.examples ?? []).map((e) => exampleLine(input.methodName, e));
  const ask = render('plan', { methodName: input.methodName, hasExamples: examples.length > 0, examples });
  return { system: input.messages.system, user: `${input.messages.user}\n\n${ask}` };
}

/** Pass 2: the plan as an addition to the code prompt (first ask and every re-ask). */
export function planAddition(planText: string): string {
  return render('plan-addition', { plan: planText });
}

export interface ReviewPromptInput {
  nodeType: string;
  methodName: string;
  signature: string;
  docstring?: string;
  examples?: readonly MethodExample[];
  /** the accepted body */
  code: string;
}

/** A second model's review of accepted code: its answer is read by fallback-strategies' parseReviewAnswer. */
export function reviewPrompt(input: ReviewPromptInput): { system: string; user: string } {
  const examples = (input.examples ?? []).map((e) => exampleLine(input.methodName, e));
  const lines = input.code.replace(/\n+$/, '').split('\n');
  const width = String(lines.length).length;
  const numberedCode = lines.map((l, i) => `${String(i + 1).padStart(width)}| ${l}`).join('\n');
  return {
    system: render('review-system', { nodeType: input.nodeType }),
    user: render('review', { signature: input.signature, docstring: input.docstring, hasExamples: examples.length > 0, examples, numberedCode }),
  };
}
