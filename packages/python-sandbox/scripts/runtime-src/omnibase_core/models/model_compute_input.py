"""ModelComputeInput: the compute node's input as the index lists its fields (all optional in the stand-in;
unknown keys are kept, so an example gives only what the method reads). Generic over the data type,
as the real model is, so the skeleton's `ModelComputeInput[Any]` annotation resolves."""

from typing import Any, Generic, TypeVar

from omnibase_core._model_base import StandInModel

T_Input = TypeVar("T_Input")


class ModelComputeInput(StandInModel, Generic[T_Input]):
    # @fields ModelComputeInput

    # @rest ModelComputeInput pydantic
