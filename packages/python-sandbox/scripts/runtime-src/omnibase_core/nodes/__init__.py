"""The four ONEX node base classes."""

from omnibase_core.nodes.node_compute import NodeCompute
from omnibase_core.nodes.node_effect import NodeEffect
from omnibase_core.nodes.node_orchestrator import NodeOrchestrator
from omnibase_core.nodes.node_reducer import NodeReducer

__all__ = ["NodeCompute", "NodeEffect", "NodeOrchestrator", "NodeReducer"]
