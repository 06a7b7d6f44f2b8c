"""The test container a node is constructed with: the loaded runtime's ModelONEXContainer whose
service lookups resolve to the example's recording doubles."""

from typing import Any

from .doubles import Doubles


def sandbox_container_class(base: type) -> type:
    class SandboxContainer(base):  # type: ignore[misc, valid-type]
        def __init__(self, doubles: Doubles) -> None:
            super().__init__()
            self._sandbox_doubles = doubles

        def get_service(self, protocol_type: Any, service_name: str | None = None) -> Any:
            return self._sandbox_doubles.resolve(protocol_type, service_name)

        def get_service_sync(self, protocol_type: Any, service_name: str | None = None) -> Any:
            return self._sandbox_doubles.resolve(protocol_type, service_name)

        async def get_service_async(self, protocol_type: Any, service_name: str | None = None, correlation_id: Any = None) -> Any:
            return self._sandbox_doubles.resolve(protocol_type, service_name)

        def get_service_optional(self, protocol_type: Any, service_name: str | None = None) -> Any:
            return self._sandbox_doubles.resolve(protocol_type, service_name)

    return SandboxContainer
