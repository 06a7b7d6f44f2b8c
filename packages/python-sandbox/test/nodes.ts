// Node packages the tests run: small, written the way generated ONEX nodes are (imports by the
// real module paths, a ModelContainer-typed constructor, async operations).

export const computeNode = {
  'node.py': `
from typing import Any

from omnibase_core import EnumCoreErrorCode, ModelOnexError
from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
from omnibase_core.nodes.node_compute import NodeCompute

from .models import ModelPrice


class NodePricingCompute(NodeCompute):
    def __init__(self, container) -> None:
        super().__init__(container)
        emit_log_event(LogLevel.INFO, "NodePricingCompute initialized", {"operations": ["price"]})

    def round_money(self, amount: float) -> float:
        return round(amount, 2)

    async def apply_discount(self, amount: float, percent: float) -> float:
        if percent < 0 or percent > 100:
            raise ModelOnexError(
                error_code=EnumCoreErrorCode.PARAMETER_OUT_OF_RANGE,
                message=f"percent must be within 0..100, got {percent}",
                details={"percent": percent},
            )
        return amount * (1 - percent / 100)

    def price(self, net: float, tax_rate: float) -> ModelPrice:
        return ModelPrice(net=net, tax=net * tax_rate, gross=net * (1 + tax_rate))

    def gross_of(self, price: ModelPrice, extra: "ModelPrice | None" = None) -> float:
        return price.gross + (extra.gross if extra else 0)

    def parse_json(self, text: str) -> Any:
        import json

        return json.loads(text)

    def parse_quantity(self, text: str) -> int:
        return int(text)

    def spin(self, n: int) -> int:
        while n >= 0:
            n += 1
        return n

    def hog(self, megabytes: int) -> int:
        blocks = []
        for _ in range(megabytes):
            blocks.append(bytearray(1024 * 1024))
        return len(blocks)

    def environment(self) -> dict[str, str]:
        import os

        return dict(os.environ)

    def read_file(self, path: str) -> str:
        with open(path) as handle:
            text = handle.read()
        print(text)
        return text

    def connect(self, port: int) -> str:
        import socket

        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return "connected"

    def die(self, status: int) -> None:
        import os

        os._exit(status)

    def kill_worker(self, marker: str) -> str:
        import os
        import signal
        import time

        parent = os.getppid()
        with open(f"/proc/{parent}/cmdline", "rb") as cmdline:
            if b"onexgen_sandbox.worker" not in cmdline.read():
                return "not under the worker"  # never signal anything else
        os.kill(parent, signal.SIGKILL)
        time.sleep(0.5)
        with open(marker, "w") as survived:  # only if this child outlived its worker
            survived.write("orphan")
        return "killed"

    def chatty(self, lines: int) -> int:
        for i in range(lines):
            print("line", i, "x" * 60)
        return lines
`,
};

/** models/: a pydantic model when the interpreter has pydantic, else a dataclass. */
export function priceModel(pydantic: boolean): Record<string, string> {
  const model = pydantic
    ? `from pydantic import BaseModel


class ModelPrice(BaseModel):
    net: float
    tax: float
    gross: float
`
    : `from dataclasses import dataclass


@dataclass
class ModelPrice:
    net: float
    tax: float
    gross: float
`;
  return { 'models/__init__.py': 'from .model_price import ModelPrice\n', 'models/model_price.py': model };
}

export const effectNode = {
  'node.py': `
from typing import Any

from omnibase_core import EnumCoreErrorCode, ModelOnexError
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_effect import NodeEffect


class NodeUserStoreEffect(NodeEffect):
    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        self.pool = container.get_service("database_pool")

    async def get_user(self, user_id: int) -> dict[str, Any]:
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow("SELECT id, name FROM users WHERE id = $1", user_id)
        if row is None:
            raise ModelOnexError(
                error_code=EnumCoreErrorCode.RESOURCE_NOT_FOUND,
                message=f"user {user_id} not found",
            )
        return dict(row)

    async def create_user(self, name: str) -> int:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                return await conn.fetchval("INSERT INTO users (name) VALUES ($1) RETURNING id", name)
`,
};
