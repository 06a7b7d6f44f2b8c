"""The canonical emit functions (event type and correlation id), recorded like structured's."""

from typing import Any

from omnibase_core.logging.structured import emitted


def emit_log_event(
    level: Any,
    event_type: str,
    message: str,
    correlation_id: Any,
    node_id: Any = None,
    data: Any = None,
    event_bus: Any = None,
) -> None:
    emitted.append(
        {
            "level": getattr(level, "value", level),
            "event_type": event_type,
            "message": message,
            "correlation_id": str(correlation_id),
            "node_id": node_id,
            "data": data,
        }
    )


def emit_log_event_sync(
    level: Any,
    message: str,
    correlation_id: Any,
    event_type: str = "generic",
    node_id: Any = None,
    data: Any = None,
    event_bus: Any = None,
) -> None:
    emit_log_event(level, event_type, message, correlation_id, node_id, data, event_bus)


async def emit_log_event_async(
    level: Any,
    message: str,
    correlation_id: Any,
    event_type: str = "generic",
    node_id: Any = None,
    data: Any = None,
    event_bus: Any = None,
) -> None:
    emit_log_event(level, event_type, message, correlation_id, node_id, data, event_bus)


class LogCodeBlock:
    """Logs the start and end of a block of code (`with LogCodeBlock("load", correlation_id):`)."""

    def __init__(self, block_name: str, correlation_id: Any, level: Any = "info", data: Any = None) -> None:
        self.block_name, self.correlation_id, self.level, self.data = block_name, correlation_id, level, data

    def __enter__(self) -> "LogCodeBlock":
        emit_log_event(self.level, "code_block_start", self.block_name, self.correlation_id, data=self.data)
        return self

    def __exit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        emit_log_event(self.level, "code_block_end", self.block_name, self.correlation_id, data=self.data)


# @functions
