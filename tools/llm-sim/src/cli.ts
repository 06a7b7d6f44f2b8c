import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { scenarioFileSchema, type Scenario } from './scenario.js';
import { startLlmSim } from './server.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be an integer between 0 and 65535');
  return n;
}

async function loadScenario(file: string): Promise<Scenario> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read scenario ${file}: ${(error as Error).message}`);
  }
  const parsed = scenarioFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid scenario ${file} at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown'}`);
  }
  return parsed.data;
}

/** `llm-sim --port 8787 [--host 127.0.0.1] [--scenario file.json]`; resolves once listening. */
export async function runCli(argv: string[]): Promise<void> {
  const program = new Command()
    .name('llm-sim')
    .description('Local LLM provider simulator: OpenAI/Z.ai, Anthropic, Gemini and Ollama wire formats with scripted faults')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', port, 8787)
    .option('-H, --host <host>', 'interface to bind', '127.0.0.1')
    .option('-s, --scenario <file>', 'scenario JSON (latency, ttft, script of outcomes)')
    .showHelpAfterError();
  program.parse(argv);
  const opts = program.opts<{ port: number; host: string; scenario?: string }>();
  const scenario = opts.scenario ? await loadScenario(opts.scenario) : {};
  const sim = await startLlmSim({ port: opts.port, host: opts.host, scenario });
  process.stdout.write(`llm-sim listening on ${sim.url}\n`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
