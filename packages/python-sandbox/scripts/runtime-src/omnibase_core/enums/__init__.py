"""Enums generated nodes import (the real package re-exports many more; these are the stand-in's)."""

from omnibase_core.enums.enum_log_level import EnumLogLevel

__all__ = ["EnumLogLevel"]
