"""An asyncpg stand-in for the sandbox, used only when the interpreter has no real asyncpg.

Generated effect code imports asyncpg for its exception types (`except asyncpg.PostgresError`) and
may build a pool when the container has none. In the sandbox every database call goes to the
container's recording doubles (onexgen_sandbox.doubles), so this module only has to make the import
and the `except` clauses work: the real exception hierarchy's commonly caught names, and
`create_pool` / `connect` that fail the way an unreachable server does. The worker appends its
folder to the end of sys.path, so an installed asyncpg always wins.
"""

from typing import Any

__onexgen_stand_in__ = True


class PostgresError(Exception):
    """Base of the errors the server reports (asyncpg.exceptions.PostgresError)."""

    sqlstate: str | None = None


class FatalPostgresError(PostgresError):
    pass


class IntegrityConstraintViolationError(PostgresError):
    sqlstate = "23000"


class NotNullViolationError(IntegrityConstraintViolationError):
    sqlstate = "23502"


class ForeignKeyViolationError(IntegrityConstraintViolationError):
    sqlstate = "23503"


class UniqueViolationError(IntegrityConstraintViolationError):
    sqlstate = "23505"


class CheckViolationError(IntegrityConstraintViolationError):
    sqlstate = "23514"


class DataError(PostgresError):
    sqlstate = "22000"


class UndefinedTableError(PostgresError):
    sqlstate = "42P01"


class SerializationError(PostgresError):
    sqlstate = "40001"


class DeadlockDetectedError(PostgresError):
    sqlstate = "40P01"


class QueryCanceledError(PostgresError):
    sqlstate = "57014"


class InterfaceError(Exception):
    """Client-side misuse (asyncpg.exceptions.InterfaceError)."""


class PostgresConnectionError(PostgresError):
    sqlstate = "08000"


class ConnectionDoesNotExistError(PostgresConnectionError):
    sqlstate = "08003"


class TooManyConnectionsError(PostgresError):
    sqlstate = "53300"


class Record(dict):
    """The row type, for annotations; the doubles return their own Record."""


class Connection:
    """For annotations only: connections come from the container's doubles in the sandbox."""


class Pool:
    """For annotations only: pools come from the container's doubles in the sandbox."""


def _no_server(*_args: Any, **_kwargs: Any) -> None:
    raise ConnectionRefusedError("onexgen sandbox: no database server; effect I/O goes through the container's test doubles")


async def create_pool(*args: Any, **kwargs: Any) -> Pool:
    _no_server(*args, **kwargs)
    raise AssertionError("unreachable")


async def connect(*args: Any, **kwargs: Any) -> Connection:
    _no_server(*args, **kwargs)
    raise AssertionError("unreachable")


class _Exceptions:
    pass


exceptions = _Exceptions()
for _name, _value in list(globals().items()):
    if isinstance(_value, type) and issubclass(_value, Exception):
        setattr(exceptions, _name, _value)
