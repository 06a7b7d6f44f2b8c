"""Recording test doubles for an effect node's I/O.

Whatever service a node asks its container for resolves to a double: a name that says database
(`pool`, `database`, `db`, `postgres`, `sql`) gets an asyncpg-like pool, anything else a client
whose every method is async. Return values come from the example's `io` lists, keyed by method
name and consumed in call order (the last entry repeats); every call is recorded.
"""

import re
from typing import Any

from .compare import to_plain

_DATABASE_NAME = re.compile(r"pool|database|(^|_)db($|_)|postgres|sql", re.IGNORECASE)
MAX_RECORDED_CALLS = 100

# What asyncpg returns when an example gives no io for the method.
_DEFAULTS: dict[str, Any] = {"fetchrow": None, "fetch": [], "fetchval": None, "execute": "OK", "executemany": None}


class Record(dict):
    """A row: `row["col"]`, `row[0]`, `dict(row)`, `row.get(...)`, like asyncpg.Record."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return list(self.values())[key]
        return super().__getitem__(key)


class IoScript:
    def __init__(self, io: dict[str, list[Any]] | None) -> None:
        self._queues = {name: list(values) for name, values in (io or {}).items()}
        self.calls: list[dict[str, Any]] = []

    def record(self, double: str, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if len(self.calls) < MAX_RECORDED_CALLS:
            call: dict[str, Any] = {"double": double, "method": method, "args": [_jsonable(a) for a in args]}
            if kwargs:
                call["kwargs"] = {k: _jsonable(v) for k, v in kwargs.items()}
            self.calls.append(call)

    def next(self, method: str, default: Any = None) -> Any:
        queue = self._queues.get(method)
        if not queue:
            return default
        return queue.pop(0) if len(queue) > 1 else queue[0]


def _jsonable(value: Any) -> Any:
    plain = to_plain(value)
    if plain is None or isinstance(plain, (str, int, float, bool)):
        return plain
    if isinstance(plain, list):
        return [_jsonable(v) for v in plain]
    if isinstance(plain, dict):
        return {str(k): _jsonable(v) for k, v in plain.items()}
    return repr(plain)


def _as_row(value: Any) -> Any:
    return Record(value) if isinstance(value, dict) else value


class _Transaction:
    def __init__(self, script: IoScript, double: str) -> None:
        self._script, self._double = script, double

    async def start(self) -> None:
        self._script.record(self._double, "transaction.start", (), {})

    async def commit(self) -> None:
        self._script.record(self._double, "transaction.commit", (), {})

    async def rollback(self) -> None:
        self._script.record(self._double, "transaction.rollback", (), {})

    async def __aenter__(self) -> "_Transaction":
        await self.start()
        return self

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        await (self.rollback() if exc_type else self.commit())
        return False


class RecordingConnection:
    def __init__(self, script: IoScript, double: str) -> None:
        self._script, self._double = script, double

    async def _call(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        self._script.record(self._double, method, args, kwargs)
        return self._script.next(method, _DEFAULTS.get(method))

    async def fetchrow(self, query: str, *args: Any, **kwargs: Any) -> Any:
        return _as_row(await self._call("fetchrow", (query, *args), kwargs))

    async def fetch(self, query: str, *args: Any, **kwargs: Any) -> list[Any]:
        rows = await self._call("fetch", (query, *args), kwargs)
        return [_as_row(r) for r in (rows or [])]

    async def fetchval(self, query: str, *args: Any, **kwargs: Any) -> Any:
        return await self._call("fetchval", (query, *args), kwargs)

    async def execute(self, query: str, *args: Any, **kwargs: Any) -> Any:
        return await self._call("execute", (query, *args), kwargs)

    async def executemany(self, command: str, args: Any, **kwargs: Any) -> Any:
        return await self._call("executemany", (command, args), kwargs)

    def transaction(self, **kwargs: Any) -> _Transaction:
        self._script.record(self._double, "transaction", (), kwargs)
        return _Transaction(self._script, self._double)


class _Acquire:
    """`async with pool.acquire() as conn` and `conn = await pool.acquire()`, as asyncpg allows."""

    def __init__(self, pool: "RecordingPool") -> None:
        self._pool = pool

    async def _get(self) -> RecordingConnection:
        self._pool._script.record(self._pool._double, "acquire", (), {})
        return self._pool._connection

    def __await__(self) -> Any:
        return self._get().__await__()

    async def __aenter__(self) -> RecordingConnection:
        return await self._get()

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        self._pool._script.record(self._pool._double, "release", (), {})
        return False


class RecordingPool(RecordingConnection):
    """An asyncpg-like pool: acquire(), release(), close() and the query methods directly."""

    def __init__(self, script: IoScript, double: str) -> None:
        super().__init__(script, double)
        self._connection = RecordingConnection(script, double)

    def acquire(self, **kwargs: Any) -> _Acquire:
        return _Acquire(self)

    async def release(self, connection: Any, **kwargs: Any) -> None:
        self._script.record(self._double, "release", (), {})

    async def close(self) -> None:
        self._script.record(self._double, "close", (), {})


class RecordingClient:
    """Any other service: each attribute is an async method that records and answers from io."""

    def __init__(self, script: IoScript, double: str) -> None:
        self._script, self._double = script, double

    def __getattr__(self, method: str) -> Any:
        if method.startswith("__"):
            raise AttributeError(method)

        async def call(*args: Any, **kwargs: Any) -> Any:
            self._script.record(self._double, method, args, kwargs)
            return self._script.next(method)

        return call


class Doubles:
    """The services of one example, created on first request and shared for its duration."""

    def __init__(self, io: dict[str, list[Any]] | None) -> None:
        self.script = IoScript(io)
        self._services: dict[str, Any] = {}

    def resolve(self, protocol_type: Any, service_name: str | None = None) -> Any:
        key = service_name or (protocol_type if isinstance(protocol_type, str) else getattr(protocol_type, "__name__", str(protocol_type)))
        if key not in self._services:
            kind = RecordingPool if _DATABASE_NAME.search(key) else RecordingClient
            self._services[key] = kind(self.script, key)
        return self._services[key]
