"""ModelService* wrappers: a node class plus the service mixins (mixins not simulated)."""

from omnibase_core.models.nodes.node_services.model_service_compute import ModelServiceCompute
from omnibase_core.models.nodes.node_services.model_service_effect import ModelServiceEffect

__all__ = ["ModelServiceCompute", "ModelServiceEffect"]
