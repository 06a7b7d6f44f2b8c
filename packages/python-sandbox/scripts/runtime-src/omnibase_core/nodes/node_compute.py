"""NodeCompute: the ONEX compute node base. Its own processing is not simulated (stubs raise);
generated nodes override the entry method the sandbox calls."""

import asyncio
import contextlib
from typing import Any

from omnibase_core.infrastructure.node_core_base import NodeCoreBase
from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class NodeCompute(NodeCoreBase):
    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)

    # @rest NodeCompute


# asyncio and contextlib serve the generated stubs above (semaphores, async context managers).
__all__ = ["NodeCompute", "asyncio", "contextlib"]
