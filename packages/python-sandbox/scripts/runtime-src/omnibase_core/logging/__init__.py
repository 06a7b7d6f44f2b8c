"""Structured logging (omnibase_core.logging.structured, omnibase_core.logging.emit)."""
