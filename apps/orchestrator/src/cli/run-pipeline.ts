// The flow generate and fill share: configuration, session, progress, run, report, exit code.
import { configFor } from './config-for.js';
import { exitCodeOf, runNodes, stopOf, totalsOf, type FileJob, type RunOutcome, type SpecJob } from '@onexgen/pipeline';
import { openRunSession } from '../run/open-run-session.js';
import type { CommonOptions } from './common-options.js';
import { assertKeysPresent } from './missing-key.js';
import { llmSetup } from '../llm/llm-layers.js';
import type { CliIO } from './io.js';
import { createProgressDisplay, progressEnabled } from './progress-display.js';
import type { RunState } from './run-state.js';
import { redactor } from './redact.js';
import { reportRun } from './report-run.js';
import { openRunTrace } from './run-trace.js';
import { freeEncodersAtExit } from './free-encoders.js';

// configFor lives in config-for.ts (db migrate loads it without the pipeline); re-exported for the commands
export { configFor };

export async function runPipeline(
  io: CliIO,
  state: RunState,
  opts: CommonOptions,
  loaded: ReturnType<typeof configFor>,
  jobs: (SpecJob | FileJob)[],
): Promise<RunOutcome> {
  freeEncodersAtExit(); // this command counts tokens
  const json = Boolean(opts.json);
  // a run that would call a model without its key stops here, naming the variable to set
  const setup = llmSetup(loaded, io.env, 'key-check');
  if (setup) assertKeysPresent(loaded, setup, io.env);
  const display = createProgressDisplay(io, jobs.map((j) => j.file), progressEnabled(io, json));
  const redact = redactor(io.env);
  const traced = await openRunTrace(opts, loaded, io.env, jobs.every((j) => j.kind === 'spec') ? 'generate' : 'fill', redact);
  let session;
  try {
    session = await openRunSession({
      loaded,
      env: io.env,
      cwd: io.cwd,
      progress: display.sink,
      ...(io.signal ? { signal: io.signal } : {}),
      redact,
      ...(traced ? { trace: traced.trace } : {}),
    });
  } catch (error) {
    await traced?.finish(undefined, error);
    throw error;
  }
  let run: RunOutcome | undefined;
  try {
    const nodes = await display.run(() => runNodes(session, jobs));
    run = {
      sessionId: session.id,
      offline: !session.model,
      exitCode: exitCodeOf(nodes),
      nodes,
      totals: totalsOf(nodes),
      ...stopOf(nodes),
      database: session.database,
      ...(session.model ? { provider: session.model.describe } : {}),
    };
  } finally {
    await session.close();
    const exportFailed = await traced?.finish(run);
    if (exportFailed) session.recorder.warnings.push(redact(exportFailed));
  }
  for (const w of [...session.recorder.warnings, ...session.learning.warnings]) io.stderr(`warning: ${w}\n`);
  reportRun(io, run, json);
  state.exitCode = run.exitCode;
  return run;
}
