// Quality and pattern rules: each with a violating and a clean snippet.
import { describeRuleCases } from './rule-cases.js';

const body = { fragment: true, nodeType: 'effect' as const };
const branches = (n: number) => Array.from({ length: n }, (_, i) => `    if x == ${i}:\n        return ${i}\n`).join('');
const longBody = Array.from({ length: 85 }, (_, i) => `    v${i} = x + ${i}\n    x = v${i}\n`).join('');

describeRuleCases('quality and pattern rules', [
  {
    name: 'complexity 12 > 10',
    rule: 'quality/complexity',
    bad: `def pick(x: int) -> int:\n    """Pick."""\n${branches(11)}    return -1\n`,
    line: 1,
    good: `def pick(x: int) -> int:\n    """Pick."""\n${branches(5)}    return -1\n`,
  },
  {
    name: 'function longer than 80 lines',
    rule: 'quality/function-length',
    bad: `def grow(x: int) -> int:\n    """Grow."""\n${longBody}    return x\n`,
    line: 1,
    good: 'def grow(x: int) -> int:\n    """Grow."""\n    return x + 1\n',
  },
  {
    name: 'TODO comment left in',
    rule: 'quality/todo-left',
    bad: 'result = await self.client.call(contract)\n# TODO: handle retries\nreturn result\n',
    line: 2,
    good: 'result = await self.client.call(contract)\n# retries are handled by the client\nnote = "TODO markers inside strings are not comments"\nreturn result, note\n',
    context: body,
  },
  {
    name: 'body left as pass',
    rule: 'quality/stub-left',
    bad: '# IMPLEMENTATION REQUIRED\npass\n',
    line: 2,
    good: 'for item in contract.items:\n    pass\nreturn contract.items\n',
    context: body,
  },
  {
    name: 'raise NotImplementedError left in',
    rule: 'quality/stub-left',
    bad: 'raise NotImplementedError("execute_effect")\n',
    line: 1,
    good: 'return {"status": "ok"}\n',
    context: body,
  },
  {
    name: 'bare except',
    rule: 'quality/bare-except',
    bad: 'try:\n    return await self.client.call(contract)\nexcept:\n    raise\n',
    line: 3,
    good: 'try:\n    return await self.client.call(contract)\nexcept TimeoutError:\n    raise\n',
    context: body,
  },
  {
    name: 'annotated function that can fall off the end',
    rule: 'quality/missing-return',
    bad: 'def size(self, items: list) -> int:\n    """Size."""\n    if items:\n        return len(items)\n',
    line: 3,
    good: 'def size(self, items: list) -> int:\n    """Size."""\n    if items:\n        return len(items)\n    else:\n        raise ValueError("empty")\n',
    profile: 'generic-python',
  },
  {
    name: 'fragment body must return what the stub promises (context.returnAnnotation)',
    rule: 'quality/missing-return',
    bad: 'rows = await self.pool.fetch("SELECT 1")\nemit_log_event(LogLevel.INFO, "ev", "n", contract.correlation_id, data={"n": len(rows)})\n',
    line: 2,
    good: 'try:\n    rows = await self.pool.fetch("SELECT 1")\n    return {"rows": rows}\nexcept TimeoutError as e:\n    raise ModelOnexError(message="t", error_code=EnumCoreErrorCode.TIMEOUT) from e\n',
    context: { ...body, returnAnnotation: 'dict[str, Any]' },
  },
  {
    name: 'local assigned and never read',
    rule: 'quality/unused-variable',
    bad: 'def f(self, items: list) -> int:\n    """F."""\n    count = len(items)\n    return 0\n',
    line: 3,
    good: 'def f(self, items: list) -> int:\n    """F."""\n    count = len(items)\n    _ignored = 1\n    total = 0\n    total += count\n    return total\n',
  },
  {
    name: 'name used but never defined',
    rule: 'quality/undefined-name',
    bad: 'payload = orjson.dumps(contract.data)\nreturn await self.client.post(payload)\n',
    line: 1,
    good: 'payload = json.dumps(contract.data)\nreturn await self.client.post(payload)\n',
    context: { ...body, fileImports: ['import json'] },
    profile: 'generic-python',
  },
  {
    name: 'a star import hides every name: no undefined-name guesses',
    rule: 'quality/undefined-name',
    bad: 'from .events import AbstractEventLoop\n\nloop: AbstractEventLoop = events.get_event_loop()\n',
    line: 3,
    good: 'from .events import *\n\nloop = get_event_loop()\nname = events.__name__\n',
    profile: 'generic-python',
  },
  {
    name: 'connection pooling expected by the context',
    rule: 'pattern/missing-expected',
    bad: 'conn = await asyncpg.connect(self.dsn)\nreturn await conn.fetch("SELECT 1")\n',
    line: 1,
    good: 'async with self.pool.acquire() as conn:\n    async with conn.transaction():\n        return await conn.fetch("SELECT 1")\n',
    context: { ...body, expectedPatterns: ['connection_pooling', 'transaction_management'], knownNames: ['asyncpg'] },
  },
  {
    name: 'DATABASE_HEAVY variant implies pooling, transactions and batches',
    rule: 'pattern/missing-expected',
    bad: 'async with self.pool.acquire() as conn:\n    for row in contract.rows:\n        await conn.execute("INSERT INTO t VALUES ($1)", row)\n',
    line: 1,
    good: 'async with self.pool.acquire() as conn:\n    async with conn.transaction():\n        await conn.executemany("INSERT INTO t VALUES ($1)", contract.rows)\n',
    context: { ...body, variant: 'DATABASE_HEAVY' },
  },
]);
