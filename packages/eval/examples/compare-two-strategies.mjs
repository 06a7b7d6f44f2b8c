// Runnable as it is after `npx tsup` in packages/eval: `node packages/eval/examples/compare-two-strategies.mjs`
import { renderEvalText, summarize } from '@onexgen/eval';

// ten tasks, one sample each: strategy A passed 8, strategy B passed 3
const sample = (strategy, task, passed) => ({
  strategy, model: 'glm-4.5', caseName: `spec${task}.yaml`, method: 'run', repeat: 0, examples: 3,
  examplesPassed: passed ? 3 : 0, verdict: passed ? 'passed' : 'failed', staticPassed: true, attempts: 1,
  tokensInput: 900, tokensOutput: 300, costMicroUsd: 450, latencyMs: 2100,
});
const samples = [
  ...Array.from({ length: 10 }, (_, i) => sample('one-shot', i, i < 8)),
  ...Array.from({ length: 10 }, (_, i) => sample('single-pass', i, i < 3)),
];
process.stdout.write(renderEvalText(summarize(samples), { title: 'example', lines: ['synthetic samples'] }));
