// Runs in a separate Node process (node --import tsx) so tests can exercise what only processes
// can: several migrators at once against one server, and a process killed while recording.
//   migrate <url>                      → prints {"applied":n,"total":m}
//   spool <spoolPath> <correlationId>  → records attempts 1, 2, … against an unreachable database,
//                                        printing "ack <n>" once each is safely spooled; runs until killed
import { createMetricsStore, migrate, openDatabase } from '../../src/index.js';

const [mode, ...args] = process.argv.slice(2);

if (mode === 'migrate') {
  const handle = await openDatabase(args[0], { poolSize: 1 });
  const result = await migrate(handle);
  await handle.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else if (mode === 'spool') {
  const [spoolPath, correlationId] = args as [string, string];
  // Nothing listens on port 1: every write is refused, so everything goes to the spool.
  const handle = await openDatabase('postgres://onexgen@127.0.0.1:1/none', { verify: false, connectTimeoutSeconds: 2 });
  const store = await createMetricsStore(handle, { spool: { path: spoolPath, onWarning: () => {} } });
  for (let attempt = 1; ; attempt += 1) {
    await store.record('attempt', { correlationId, attempt, provider: 'openai', model: 'gpt-a', status: 'success', latencyMs: attempt });
    process.stdout.write(`ack ${attempt}\n`);
  }
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
