// The subpath @onexgen/eval/experiments: prompt experiments (their configuration schema and the
// stable arm assignment) without the statistics of the package's main entry, whose jstat the
// pipeline and the CLI's configuration need not load on every run (~40 ms, tools/bench session 19).
export { experimentSchema, experimentsSchema, assignArm, activeExperiment, methodIdentity, type Experiment } from './experiments/experiment.js';
