// node packages/python-sandbox/examples/check-a-method.mjs  (after `npx tsup` in the package)
import { createSandbox } from '@onexgen/python-sandbox';

const sandbox = await createSandbox({ secrets: [process.env.OPENAI_API_KEY ?? ''].filter(Boolean) });
if (!sandbox.available) {
  console.log(`behaviour unchecked: ${sandbox.unavailableReason}`);
  process.exit(0);
}

const node = `
from omnibase_core import EnumCoreErrorCode, ModelOnexError
from omnibase_core.nodes.node_effect import NodeEffect


class NodeUserStoreEffect(NodeEffect):
    def __init__(self, container) -> None:
        super().__init__(container)
        self.pool = container.get_service("database_pool")

    async def get_user(self, user_id: int) -> dict:
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow("SELECT id, name FROM users WHERE id = $1", user_id)
        if row is None:
            raise ModelOnexError(error_code=EnumCoreErrorCode.RESOURCE_NOT_FOUND, message=f"user {user_id} not found")
        return dict(row)
`;

const run = await sandbox.runMethod({
  files: { 'node.py': node },
  module: 'node',
  className: 'NodeUserStoreEffect',
  method: 'get_user',
  examples: [
    { name: 'found', given: { user_id: 7 }, io: { fetchrow: [{ id: 7, name: 'Ada' }] }, expect: { id: 7, name: 'Ada' } },
    { name: 'missing', given: { user_id: 8 }, raises: 'RESOURCE_NOT_FOUND' },
    { name: 'wrong on purpose', given: { user_id: 9 }, io: { fetchrow: [{ id: 9, name: 'Bob' }] }, expect: { id: 9, name: 'Rob' } },
  ],
});
console.log(`${run.passed} passed, ${run.failed} not (python ${run.python.version}, runtime ${run.runtime}, network ${run.networkIsolated ? 'isolated' : 'not isolated'})`);
for (const r of run.results) {
  console.log(`  ${r.name}: ${r.outcome}${r.outcome === 'failed' ? ` — expected ${JSON.stringify(r.expected)}, got ${r.actual}` : ''} (${r.durationMs} ms)`);
}
console.log('  calls of the first example:', run.results[0].calls.map((c) => c.method).join(', '));
await sandbox.close();
