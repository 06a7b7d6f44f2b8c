"""ModelServiceReducer: NodeReducer with the service mixins (the mixins are not part of the stand-in)."""

from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_reducer import NodeReducer


class ModelServiceReducer(NodeReducer):
    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)

    # @rest ModelServiceReducer
