"""ModelOrchestratorInput: the orchestrator node's input as the index lists its fields (all optional in
the stand-in; unknown keys are kept, so an example gives only what the method reads)."""

from typing import Any

from omnibase_core._model_base import StandInModel


class ModelOrchestratorInput(StandInModel):
    # @fields ModelOrchestratorInput

    # @rest ModelOrchestratorInput pydantic
