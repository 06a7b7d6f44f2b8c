"""How an example's expectation is judged: plain data, approximate floats, named exceptions."""

import dataclasses
import datetime
import decimal
import enum
import importlib
import math
import reprlib
import uuid
from typing import Any

REL_TOLERANCE = 1e-6  # pytest.approx's relative tolerance
ABS_TOLERANCE = 1e-12  # pytest.approx's absolute floor


def to_plain(value: Any) -> Any:
    """Pydantic models (model_dump), dataclasses, enums, UUIDs, dates, tuples and sets → JSON-like data."""
    if isinstance(value, type):
        return value
    dump = getattr(value, "model_dump", None)
    if callable(dump) and not isinstance(value, BaseException):
        return to_plain(dump())
    if dataclasses.is_dataclass(value):
        return to_plain(dataclasses.asdict(value))
    if isinstance(value, enum.Enum):
        return to_plain(value.value)
    if isinstance(value, dict):
        return {to_plain(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [to_plain(v) for v in value]
        try:
            return sorted(items)
        except TypeError:
            return items
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool)


def approx_equal(actual: Any, expected: Any) -> bool:
    """`==`, except that numbers where either side is not an integer compare like pytest.approx."""
    if _is_number(actual) and _is_number(expected):
        if isinstance(actual, int) and isinstance(expected, int):
            return actual == expected
        a, e = float(actual), float(expected)
        if math.isinf(a) or math.isinf(e):
            return a == e
        return abs(a - e) <= max(REL_TOLERANCE * abs(e), ABS_TOLERANCE)
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(approx_equal(actual[k], expected[k]) for k in expected)
    if isinstance(actual, list) and isinstance(expected, list):
        return len(actual) == len(expected) and all(approx_equal(a, e) for a, e in zip(actual, expected))
    try:
        return bool(actual == expected)
    except Exception:
        return False


def error_code_name(exc: BaseException) -> str | None:
    code = getattr(exc, "error_code", None)
    if code is None:
        return None
    return getattr(code, "name", None) or str(code)


def raised_matches(exc: BaseException, name: str, core_error_codes: set[str]) -> bool:
    """`name` is an EnumCoreErrorCode member (an ONEX error with that code) or an exception class
    (bare name of a builtin or of any class in the exception's MRO, or its dotted path)."""
    if name in core_error_codes:
        code = getattr(exc, "error_code", None)
        return code is not None and name in (getattr(code, "name", None), getattr(code, "value", None), code)
    for cls in type(exc).__mro__:
        if name in (cls.__name__, cls.__qualname__, f"{cls.__module__}.{cls.__qualname__}"):
            return True
    # A public dotted path may differ from where the class is defined (json.JSONDecodeError lives
    # in json.decoder, pydantic.ValidationError in pydantic_core): resolve it.
    module_name, _, attr = name.rpartition(".")
    if module_name:
        try:
            target = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError):
            return False
        return isinstance(target, type) and isinstance(exc, target)
    return False


def error_info(exc: BaseException, limit: int) -> dict[str, Any]:
    cls = type(exc)
    qualified = cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    message = getattr(exc, "message", None)
    if not isinstance(message, str):
        message = str(exc)
    info: dict[str, Any] = {"type": qualified, "message": truncate(message, limit)}
    code = error_code_name(exc)
    if code is not None:
        info["code"] = code
    return info


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def short_repr(value: Any, limit: int) -> str:
    shortener = reprlib.Repr()
    shortener.maxlevel = 8
    shortener.maxdict = shortener.maxlist = shortener.maxtuple = shortener.maxset = 200
    shortener.maxstring = shortener.maxother = shortener.maxlong = limit
    try:
        return truncate(shortener.repr(value), limit)
    except Exception as exc:  # a broken __repr__ must not lose the verdict
        return f"<unrepresentable {type(value).__name__}: {type(exc).__name__}>"
