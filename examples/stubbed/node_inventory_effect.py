#!/usr/bin/env python3
"""
NodeInventoryEffect - keeps stock levels in a PostgreSQL table.

A stubbed node in the forms real generated ONEX nodes use. Fill it with:
    onexgen fill examples/stubbed/node_inventory_effect.py --offline --out /tmp/node_inventory_effect.py
The docstring mentions "# IMPLEMENTATION REQUIRED" on purpose: markers in strings are not stubs.
"""

from abc import ABC, abstractmethod
from typing import Any

from omnibase_core import EnumCoreErrorCode, ModelOnexError
from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
from omnibase_core.models.contracts.model_contract_effect import ModelContractEffect
from omnibase_core.models.core import ModelContainer
from omnibase_core.nodes.node_effect import NodeEffect

HELP_TEXT = "# TODO: this is a string, not a marker"


class StockSource(ABC):
    """Where stock levels come from."""

    @abstractmethod
    async def fetch(self, sku: str) -> int:
        """Return the stock level of one SKU."""
        raise NotImplementedError


class NodeInventoryEffect(NodeEffect):
    """
    Inventory effect node.

    Operations:
    - reserve_stock
    - release_stock
    - stock_level
    """

    def __init__(self, container: ModelContainer) -> None:
        """Initialize NodeInventoryEffect."""
        super().__init__(container)
        self.config = container.value if isinstance(container.value, dict) else {}

    async def execute_effect(self, contract: ModelContractEffect) -> Any:
        """
        Execute the inventory operation named in the contract.

        Raises:
            ModelOnexError: If the operation fails
        """
        try:
            # IMPLEMENTATION REQUIRED: Add inventory routing logic here
            result = {"status": "not_implemented", "operation": contract.input_data.get("operation")}
            return result
        except ModelOnexError:
            raise
        except Exception as e:
            raise ModelOnexError(
                error_code=EnumCoreErrorCode.OPERATION_FAILED,
                message=f"execute_effect failed: {e!s}",
                details={"error_type": type(e).__name__},
            ) from e

    async def reserve_stock(self, sku: str, quantity: int) -> dict[str, Any]:
        """Reserve `quantity` units of `sku`; never below zero."""
        # IMPLEMENTATION REQUIRED
        pass

    async def release_stock(self, sku: str, quantity: int) -> dict[str, Any]:
        """Give reserved units back to the pool."""
        # TODO: Implement release_stock
        raise NotImplementedError("release_stock is not implemented yet")

    async def stock_level(self, sku: str) -> int:
        """Return the current stock level of one SKU."""
        raise NotImplementedError()

    def _check_database_health(self) -> bool:
        """Private health check used by the health mixin."""
        # TODO: Implement the database ping
        return True

    def audit(self, event: dict[str, Any]) -> None:
        pass  # Stub

    def on_shutdown(self) -> None:
        """Nothing to release: a legitimate no-op, not a stub."""
        pass

    def describe(self) -> str:
        """Says "# IMPLEMENTATION REQUIRED" in its docstring, but is implemented."""
        return "inventory"


class Cache[K, V]:
    """A Python 3.12 generic helper class."""

    def get(self, key: K) -> V | None: pass  # Stub

    def clear(self) -> None:
        ...


__all__ = ["NodeInventoryEffect"]
