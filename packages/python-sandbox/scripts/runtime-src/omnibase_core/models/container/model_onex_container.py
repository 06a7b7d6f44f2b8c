"""ModelONEXContainer: resolves services by protocol type or name.

The stand-in resolves from a plain registry (`_services`); the sandbox's test container fills it
with recording doubles. An unregistered service raises ModelOnexError(REGISTRY_RESOLUTION_FAILED).
"""

from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from omnibase_core.errors.error_codes import EnumCoreErrorCode
from omnibase_core.models.errors.model_onex_error import ModelOnexError

T = TypeVar("T")


def _service_key(protocol_type: Any, service_name: str | None) -> str:
    if service_name:
        return service_name
    return protocol_type if isinstance(protocol_type, str) else getattr(protocol_type, "__name__", str(protocol_type))


class ModelONEXContainer:
    def __init__(
        self,
        enable_performance_cache: bool = False,
        cache_dir: Path | None = None,
        compute_cache_config: Any = None,
        enable_service_registry: bool = True,
    ) -> None:
        self._services: dict[str, Any] = {}
        self._config: dict[str, Any] = {}

    @property
    def config(self) -> Any:
        return self._config

    def get_service(self, protocol_type: type[T], service_name: str | None = None) -> T:
        key = _service_key(protocol_type, service_name)
        if key not in self._services:
            raise ModelOnexError(
                message=f"service {key!r} is not registered",
                error_code=EnumCoreErrorCode.REGISTRY_RESOLUTION_FAILED,
            )
        return self._services[key]

    def get_service_sync(self, protocol_type: type[T], service_name: str | None = None) -> T:
        return self.get_service(protocol_type, service_name)

    async def get_service_async(
        self, protocol_type: type[T], service_name: str | None = None, correlation_id: UUID | None = None
    ) -> T:
        return self.get_service(protocol_type, service_name)

    def get_service_optional(self, protocol_type: type[T], service_name: str | None = None) -> T | None:
        return self._services.get(_service_key(protocol_type, service_name))

    def close(self) -> None:
        self._services.clear()

    # @rest ModelONEXContainer


async def create_model_onex_container(
    enable_cache: bool = False,
    cache_dir: Path | None = None,
    compute_cache_config: Any = None,
    enable_service_registry: bool = True,
) -> ModelONEXContainer:
    return ModelONEXContainer(enable_cache, cache_dir, compute_cache_config, enable_service_registry)


def get_model_onex_container_sync() -> ModelONEXContainer:
    return ModelONEXContainer()


async def get_model_onex_container() -> ModelONEXContainer:
    return ModelONEXContainer()
