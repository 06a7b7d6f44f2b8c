"""Enums generated nodes import by module path (omnibase_core.enums.enum_log_level, …)."""
