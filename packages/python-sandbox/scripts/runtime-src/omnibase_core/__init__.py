"""omnibase_core stand-in: the part of the ONEX API generated nodes use, for running spec examples.

Names, module paths and signatures are those of omnibase_core 0.3.1; behaviour is the minimum a
test needs. `__onexgen_stand_in__` tells the sandbox (and a curious user) which one is loaded.
"""

from typing import Any

__version__ = "0.3.1"
__onexgen_stand_in__ = True
__all__ = ["EnumCoreErrorCode", "ModelOnexError"]

_LAZY = {
    "EnumCoreErrorCode": "omnibase_core.errors.error_codes",
    "ModelOnexError": "omnibase_core.models.errors.model_onex_error",
}


def __getattr__(name: str) -> object:
    # The real package serves these lazily too (a module-level __getattr__), which is why
    # `from omnibase_core import ModelOnexError` works without importing every model.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'omnibase_core' (stand-in) has no attribute {name!r}")
