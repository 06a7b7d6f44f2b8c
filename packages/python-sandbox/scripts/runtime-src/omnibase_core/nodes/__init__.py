"""The four ONEX node base classes, and the input models of the three that take `process(input_data)`
(the real package re-exports them here)."""

from omnibase_core.models.model_compute_input import ModelComputeInput
from omnibase_core.models.model_orchestrator_input import ModelOrchestratorInput
from omnibase_core.models.model_reducer_input import ModelReducerInput
from omnibase_core.nodes.node_compute import NodeCompute
from omnibase_core.nodes.node_effect import NodeEffect
from omnibase_core.nodes.node_orchestrator import NodeOrchestrator
from omnibase_core.nodes.node_reducer import NodeReducer

__all__ = [
    "ModelComputeInput",
    "ModelOrchestratorInput",
    "ModelReducerInput",
    "NodeCompute",
    "NodeEffect",
    "NodeOrchestrator",
    "NodeReducer",
]
