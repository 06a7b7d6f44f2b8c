"""NodeEffect: the ONEX effect node base. Its own processing is not simulated (stubs raise);
generated nodes override the entry method the sandbox calls."""

import asyncio
import contextlib
from typing import Any

from omnibase_core.infrastructure.node_core_base import NodeCoreBase
from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class NodeEffect(NodeCoreBase):
    def __init__(self, container: ModelONEXContainer, on_rollback_failure: Any = None) -> None:
        super().__init__(container)
        self.on_rollback_failure = on_rollback_failure
        self.default_timeout_ms = 30000
        self.default_retry_delay_ms = 1000
        self.max_concurrent_effects = 10
        self.active_transactions: dict[Any, Any] = {}
        self.circuit_breakers: dict[str, Any] = {}
        self.effect_handlers: dict[Any, Any] = {}
        self.effect_semaphore = asyncio.Semaphore(self.max_concurrent_effects)
        self._active_effects_count = 0
        self.effect_metrics: dict[str, dict[str, float]] = {}

    # @rest NodeEffect


# asyncio and contextlib serve the generated stubs above (semaphores, async context managers).
__all__ = ["NodeEffect", "asyncio", "contextlib"]
