// ONEX v2.0 compliance rules: each with a violating and a compliant snippet.
import { describeRuleCases } from './rule-cases.js';

const body = { fragment: true, nodeType: 'effect' as const };

describeRuleCases('onex-v2 compliance rules', [
  {
    name: 'EXECUTION_ERROR does not exist',
    rule: 'api/unknown-enum-member',
    bad: 'raise ModelOnexError(message="x", error_code=EnumCoreErrorCode.EXECUTION_ERROR)\n',
    line: 1,
    good: 'raise ModelOnexError(message="x", error_code=EnumCoreErrorCode.OPERATION_FAILED)\n',
    context: body,
  },
  {
    name: 'ValueError instead of ModelOnexError',
    rule: 'onex/raise-non-onex-error',
    bad: 'if not contract.name:\n    raise ValueError("name required")\nreturn contract.name\n',
    line: 2,
    good: 'if not contract.name:\n    raise ModelOnexError(message="name required", error_code=EnumCoreErrorCode.MISSING_REQUIRED_PARAMETER)\nreturn contract.name\n',
    context: body,
  },
  {
    name: 'ModelOnexError without error_code',
    rule: 'onex/missing-error-code',
    bad: 'raise ModelOnexError(message="failed")\n',
    line: 1,
    good: 'raise ModelOnexError(message="failed", error_code=EnumCoreErrorCode.OPERATION_FAILED)\n',
    context: body,
  },
  {
    name: 'except Exception swallowed',
    rule: 'onex/broad-except-not-wrapped',
    bad: 'try:\n    return await self.client.call(contract)\nexcept Exception as e:\n    return {"error": str(e)}\n',
    line: 3,
    good: 'try:\n    return await self.client.call(contract)\nexcept Exception as e:\n    raise ModelOnexError(message="call failed", error_code=EnumCoreErrorCode.OPERATION_FAILED) from e\n',
    context: body,
  },
  {
    name: 'print and logging instead of emit_log_event',
    rule: 'onex/non-onex-logging',
    bad: 'result = await self.client.call(contract)\nprint("done", result)\nreturn result\n',
    line: 2,
    good: 'result = await self.client.call(contract)\nemit_log_event(LogLevel.INFO, "call_done", "done", contract.correlation_id)\nreturn result\n',
    context: body,
  },
  {
    name: 'seed keyword form (level=, message=, details=) matches neither real form',
    rule: 'onex/log-call-form',
    bad: 'emit_log_event(level=LogLevel.INFO, message="done", details={"correlation_id": cid})\nreturn None\n',
    line: 1,
    good: 'emit_log_event(LogLevel.INFO, "done", {"correlation_id": cid})\nemit_log_event(LogLevel.INFO, "ev", "done", cid, data={"n": 1})\nreturn None\n',
    context: { ...body, knownNames: ['cid'] },
  },
  {
    name: 'log event without correlation id',
    rule: 'onex/log-missing-correlation-id',
    bad: 'emit_log_event(LogLevel.INFO, "started", {"node": "x"})\nreturn None\n',
    line: 1,
    good: 'emit_log_event(LogLevel.INFO, "started", {"node": "x", "correlation_id": contract.correlation_id})\nreturn None\n',
    context: body,
  },
  {
    name: 'asyncpg fetch not awaited',
    rule: 'onex/missing-await',
    bad: 'async with self.pool.acquire() as conn:\n    rows = conn.fetch("SELECT 1")\nreturn rows\n',
    line: 2,
    good: 'async with self.pool.acquire() as conn:\n    rows = await conn.fetch("SELECT 1")\nreturn rows\n',
    context: body,
  },
  {
    name: 'time.sleep inside async def',
    rule: 'onex/blocking-call-in-async',
    bad: 'import time\n\nasync def poll(self) -> None:\n    """Poll."""\n    time.sleep(1)\n',
    line: 5,
    good: 'import asyncio\nimport time\n\nasync def poll(self) -> None:\n    """Poll."""\n    await asyncio.sleep(1)\n\ndef wait(self) -> None:\n    """Wait."""\n    time.sleep(1)\n',
  },
  {
    name: 'async method that never awaits',
    rule: 'onex/async-without-await',
    bad: 'async def total(self, items: list) -> int:\n    """Sum."""\n    return sum(items)\n',
    line: 1,
    good: 'async def total(self, items: list) -> int:\n    """Sum."""\n    async with self.lock:\n        return sum(items)\n',
  },
  {
    name: 'parameters and return without hints',
    rule: 'onex/missing-type-hints',
    bad: 'def load(self, key, default=None):\n    """Load."""\n    return self.store.get(key, default)\n',
    line: 1,
    good: 'def load(self, key: str, default: object = None) -> object:\n    """Load."""\n    return self.store.get(key, default)\n',
  },
  {
    name: 'public method without docstring',
    rule: 'onex/missing-docstring',
    bad: 'class NodeX:\n    def load(self, key: str) -> str:\n        return key\n',
    line: 2,
    good: 'class NodeX:\n    def load(self, key: str) -> str:\n        """Load."""\n        return key\n\n    def _helper(self) -> None:\n        return None\n',
  },
]);
