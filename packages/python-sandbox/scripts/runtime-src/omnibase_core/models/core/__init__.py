"""Core models (the generic single-value ModelContainer)."""

from omnibase_core.models.core.model_container import ModelContainer

__all__ = ["ModelContainer"]
