// Public entry of @onexgen/eval: run a suite of example-bearing specs under several strategies
// (the caller generates), summarize pass@1 / pass@k with intervals, compare arms honestly, store
// runs, and render text / HTML.
export { passAtK, meanPassAtK } from './stats/pass-at-k.js';
export { wilsonInterval, zFor, type Interval } from './stats/wilson.js';
export { fisherExactTwoSided } from './stats/fisher-exact.js';
export { pairedPermutationPValue } from './stats/paired-permutation.js';
export { bootstrapInterval, type BootstrapOptions } from './stats/bootstrap.js';
export { compareArms, holm, type Comparison, type ComparisonTest, type CompareOptions, type ProportionArm } from './stats/compare.js';

export { evalSampleSchema, taskOf, samplePassed, armOf, type EvalSample } from './run/sample.js';
export { runEval, type EvalArm, type EvalCase, type CaseSample, type RunEvalInput } from './run/run-eval.js';
export { summarize, summarizeArm, type ArmSummary, type Estimate, type EvalSummary, type SummarizeOptions } from './run/summarize.js';

export { evalRuns, evalSamples } from './schema/eval-runs.js';
export { saveEvalRun, loadEvalRun, listEvalRuns, EvalRunNotFoundError, type EvalDb, type EvalRunMeta, type StoredEvalRun } from './store/eval-store.js';

export { renderEvalText, type ReportHeader } from './report/text-report.js';
export { renderEvalHtml } from './report/html-report.js';

export {
  experimentSchema,
  experimentsSchema,
  experimentArmSchema,
  assignArm,
  activeExperiment,
  methodIdentity,
  type Experiment,
  type ExperimentInput,
  type ExperimentArm,
  type ArmAssignment,
} from './experiments/experiment.js';
export { compareRecordedArms, UNLABELLED, type RecordedArm, type RecordedComparison } from './experiments/recorded-arms.js';
export { renderRecordedArmsText } from './experiments/recorded-arms-text.js';
