// Public entry of @onexgen/eval: run a suite of example-bearing specs under several strategies
// (the caller generates), summarize pass@1 / pass@k with intervals, compare arms honestly, store
// runs, and render text / HTML.
export { passAtK } from './stats/pass-at-k.js';
export { wilsonInterval } from './stats/wilson.js';
export { fisherExactTwoSided } from './stats/fisher-exact.js';
export { pairedPermutationPValue } from './stats/paired-permutation.js';
export { bootstrapInterval } from './stats/bootstrap.js';
export { compareArms, holm, type Comparison } from './stats/compare.js';

export { armOf, type EvalSample } from './run/sample.js';
export { runEval, type EvalArm, type EvalCase, type CaseSample } from './run/run-eval.js';
export { summarize, type ArmSummary, type EvalSummary } from './run/summarize.js';

export { saveEvalRun, loadEvalRun, listEvalRuns, EvalRunNotFoundError, type StoredEvalRun } from './store/eval-store.js';

export { renderEvalText, type ReportHeader } from './report/text-report.js';
export { renderEvalHtml } from './report/html-report.js';

export {
  experimentSchema,
  experimentsSchema,
  assignArm,
  activeExperiment,
  methodIdentity,
  type Experiment,
} from './experiments/experiment.js';
export { compareRecordedArms } from './experiments/recorded-arms.js';
export { renderRecordedArmsText } from './experiments/recorded-arms-text.js';
