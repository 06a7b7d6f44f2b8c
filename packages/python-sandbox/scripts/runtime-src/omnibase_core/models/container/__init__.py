"""The ONEX dependency-injection container (the service registry models are not simulated)."""

from omnibase_core.models.container.model_onex_container import (
    ModelONEXContainer,
    create_model_onex_container,
    get_model_onex_container,
    get_model_onex_container_sync,
)

__all__ = ["ModelONEXContainer", "create_model_onex_container", "get_model_onex_container", "get_model_onex_container_sync"]
