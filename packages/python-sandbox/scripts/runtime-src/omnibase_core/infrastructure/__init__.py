"""Node infrastructure (NodeCoreBase; the other infrastructure models are not simulated)."""

from omnibase_core.infrastructure.node_core_base import NodeCoreBase

__all__ = ["NodeCoreBase"]
