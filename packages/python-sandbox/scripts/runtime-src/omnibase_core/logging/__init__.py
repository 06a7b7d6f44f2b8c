"""Structured logging: the canonical emit_log_event and the synchronous emit_log_event_sync."""

from omnibase_core.logging.emit import emit_log_event
from omnibase_core.logging.structured import emit_log_event_sync

__all__ = ["emit_log_event", "emit_log_event_sync"]
