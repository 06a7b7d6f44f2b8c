"""emit_log_event_sync(level, message, context=None): records the event instead of routing it.

The sandbox reads `emitted` to show what a method logged; nothing leaves the process.
"""

from typing import Any

from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel

emitted: list[dict[str, Any]] = []


def emit_log_event_sync(level: LogLevel, message: str, context: Any = None) -> None:
    emitted.append({"level": getattr(level, "value", level), "message": message, "context": context})
