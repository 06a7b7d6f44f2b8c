"""ModelContractBase: the fields every contract has (all optional in the stand-in)."""

from typing import Any

from omnibase_core._model_base import StandInModel


class ModelContractBase(StandInModel):
    # @fields ModelContractBase

    # @rest ModelContractBase pydantic
