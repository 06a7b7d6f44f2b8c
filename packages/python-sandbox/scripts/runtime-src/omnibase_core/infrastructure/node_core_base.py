"""NodeCoreBase: what every ONEX node keeps (container, id, state, metrics)."""

from abc import ABC, abstractmethod
from datetime import datetime, timezone
from typing import Any
from uuid import UUID, uuid4


class NodeCoreBase(ABC):
    def __init__(self, container: Any) -> None:
        self.container = container
        self._node_id = uuid4()
        self.node_id = self._node_id
        self.created_at = datetime.now(timezone.utc)
        self.state: dict[str, str] = {"status": "initialized"}
        self.metrics: dict[str, float] = {}
        self.contract_data: Any = None
        self.version = "1.0.0"

    def get_node_id(self) -> UUID:
        return self._node_id

    def get_node_type(self) -> str:
        return type(self).__name__

    def get_state(self) -> dict[str, str]:
        return dict(self.state)

    async def initialize(self) -> None:
        self.state["status"] = "ready"

    async def cleanup(self) -> None:
        self.state["status"] = "stopped"

    async def get_performance_metrics(self) -> dict[str, float]:
        return dict(self.metrics)

    @abstractmethod
    async def process(self, input_data: Any) -> Any: ...

    # @rest NodeCoreBase
