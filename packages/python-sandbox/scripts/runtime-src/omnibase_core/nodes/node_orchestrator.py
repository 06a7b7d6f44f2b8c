"""NodeOrchestrator: the ONEX orchestrator node base. Its own processing is not simulated (stubs raise);
generated nodes override the entry method the sandbox calls."""

import asyncio
import contextlib
from typing import Any

from omnibase_core.infrastructure.node_core_base import NodeCoreBase
from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class NodeOrchestrator(NodeCoreBase):
    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        self.max_concurrent_workflows = 5
        self.default_step_timeout_ms = 30000
        self.action_emission_enabled = True
        self.active_workflows: dict[Any, Any] = {}
        self.workflow_states: dict[Any, Any] = {}
        self.load_balancer: Any = None
        self.emitted_actions: dict[Any, Any] = {}
        self.workflow_semaphore = asyncio.Semaphore(self.max_concurrent_workflows)
        self.orchestration_metrics: dict[str, dict[str, float]] = {}
        self.condition_functions: dict[str, Any] = {}

    # @rest NodeOrchestrator


# asyncio and contextlib serve the generated stubs above (semaphores, async context managers).
__all__ = ["NodeOrchestrator", "asyncio", "contextlib"]
