"""Error codes and the ONEX error (ModelOnexError served lazily, as in the real package)."""

from omnibase_core.errors.error_codes import EnumCLIExitCode, EnumCoreErrorCode

__all__ = ["EnumCLIExitCode", "EnumCoreErrorCode", "ModelOnexError"]


def __getattr__(name: str) -> object:
    if name == "ModelOnexError":
        from omnibase_core.models.errors.model_onex_error import ModelOnexError

        return ModelOnexError
    raise AttributeError(f"module 'omnibase_core.errors' (stand-in) has no attribute {name!r}")
