"""ModelContractCompute: the compute contract's fields as the index lists them (all optional in the stand-in;
unknown keys are kept, so an example gives only what the method reads)."""

from typing import Any

from omnibase_core.models.contracts.model_contract_base import ModelContractBase


class ModelContractCompute(ModelContractBase):
    # @fields ModelContractCompute

    # @rest ModelContractCompute pydantic
