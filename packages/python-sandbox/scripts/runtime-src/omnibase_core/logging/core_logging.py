"""The minimal logging core: emit_log_event(level, message) and a correlation id per context."""

from typing import Any
from uuid import UUID, uuid4

from omnibase_core.logging.structured import emitted

_context: dict[str, Any] = {}


def emit_log_event(level: Any, message: str) -> None:
    emitted.append({"level": getattr(level, "value", level), "message": message, "correlation_id": str(get_correlation_id())})


def get_correlation_id() -> UUID:
    if "correlation_id" not in _context:
        _context["correlation_id"] = uuid4()
    return _context["correlation_id"]


def set_correlation_id(correlation_id: UUID) -> None:
    _context["correlation_id"] = correlation_id
