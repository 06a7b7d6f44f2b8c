// SIGTERM while the run is CPU-bound on per-method work (an offline fill of a node file with many
// stubs: no model call, so no I/O wait where the event loop would turn on its own). The signal goes
// through the CLI's own handler. Jest's sandboxed `process` does not receive real signals, so it is
// delivered as a real one is: from a macrotask, which runs only when the event loop turns (the
// built-CLI test below sends a real SIGTERM). The run must stop with INTERRUPTED long before its
// methods are all done and write nothing. Measured in methods, not milliseconds: before methods
// yielded to the event loop, the handler ran only after the last method.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import { readNodeSource } from '@onexgen/node-source';
import { handleInterrupts } from '../src/cli/interrupt.js';
import { loadConfig, openSession, runNodes, type ProgressEvent } from '../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-signal-busy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const STUBS = 300;

function stubbedNode(count: number): string {
  const head = 'from typing import Any\n\nfrom omnibase_core.nodes.node_effect import NodeEffect\n\n\nclass NodeBusyEffect(NodeEffect):\n    """Many stubs."""\n\n';
  const methods = Array.from(
    { length: count },
    (_, i) => `    async def op_${i}(self, sku: str, quantity: int) -> dict[str, Any]:\n        """Reserve units of sku ${i}."""\n        # IMPLEMENTATION REQUIRED\n        pass\n`,
  );
  return head + methods.join('\n');
}

test('SIGTERM during offline per-method work stops the run after a few methods, not after all of them; nothing is written', async () => {
  const file = join(tmp, 'node_busy_effect.py');
  const outFile = join(tmp, 'node_busy_effect.filled.py');
  writeFileSync(file, stubbedNode(STUBS));
  const env = { HOME: tmp };
  const loaded = loadConfig({ cwd: tmp, env, flags: { db: 'memory://', offline: true } });
  const controller = new AbortController();
  const forced: number[] = [];
  // the CLI's handler; a forced exit is recorded, not taken (a long grace: the run must end by itself)
  const release = handleInterrupts(controller, { json: true, graceMs: 600_000, write: () => {}, exit: (code) => forced.push(code) });
  let done = 0;
  let sent = false;
  const progress = (e: ProgressEvent): void => {
    if (e.stage !== 'done') return;
    done += 1;
    if (!sent) {
      sent = true;
      setImmediate(() => process.emit('SIGTERM', 'SIGTERM'));
    }
  };
  const session = await openSession({ loaded, env, cwd: tmp, progress, signal: controller.signal });
  let outcome;
  try {
    const source = await readNodeSource(file);
    outcome = (await runNodes(session, [{ kind: 'node-file', file, source, outFile }]))[0]!;
  } finally {
    await session.close();
    release();
  }
  const doneAtStop = done;
  expect(sent).toBe(true);
  expect(controller.signal.aborted).toBe(true);
  expect(outcome.status).toBe('failed');
  expect(outcome.error?.code).toBe('INTERRUPTED');
  expect(outcome.pendingMethods).toHaveLength(STUBS);
  // methods already running finish (up to the run's concurrency); no new one starts
  expect(doneAtStop).toBeLessThan(STUBS / 4);
  expect(existsSync(outFile)).toBe(false);
  expect(forced).toEqual([]);
}, 300_000);
