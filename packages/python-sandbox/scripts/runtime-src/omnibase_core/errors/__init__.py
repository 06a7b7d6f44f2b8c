"""Error codes and the ONEX error (ModelOnexError served lazily, as in the real package)."""

from omnibase_core.errors.error_codes import (
    EnumCLIExitCode,
    EnumCoreErrorCode,
    EnumRegistryErrorCode,
    get_core_error_description,
    get_error_codes_for_component,
    get_exit_code_for_core_error,
    get_exit_code_for_status,
    list_registered_components,
    register_error_codes,
)

__all__ = [
    "EnumCLIExitCode",
    "EnumCoreErrorCode",
    "EnumRegistryErrorCode",
    "ModelOnexError",
    "get_core_error_description",
    "get_error_codes_for_component",
    "get_exit_code_for_core_error",
    "get_exit_code_for_status",
    "list_registered_components",
    "register_error_codes",
]


def __getattr__(name: str) -> object:
    if name == "ModelOnexError":
        from omnibase_core.models.errors.model_onex_error import ModelOnexError

        return ModelOnexError
    raise AttributeError(f"module 'omnibase_core.errors' (stand-in) has no attribute {name!r}")
