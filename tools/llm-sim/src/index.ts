// Public entry of @onexgen/llm-sim: a real HTTP server speaking four LLM wire formats with scripted faults.
export { startLlmSim } from './server.js';
export type { LlmSim, RecordedRequest, StartOptions } from './server.js';
export { scenarioFileSchema, outcomeSchema } from './scenario.js';
export type {
  Outcome, OutcomeWhen, Responder, ResponderAnswer, ResponderRequest, Scenario, ScenarioFile,
  SimFinishReason, SimProvider, SimUsage,
} from './scenario.js';
export { runCli } from './cli.js';
