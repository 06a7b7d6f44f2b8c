"""The base for the stand-in's data models: pydantic's BaseModel when the interpreter has it
(the real package requires pydantic), else a small keyword-argument class so that the runtime
still imports and errors and containers still work on a bare Python."""

from typing import Any

try:
    from pydantic import BaseModel, ConfigDict

    class StandInModel(BaseModel):
        # Contract fields are all optional here and unknown keys are kept: examples give only
        # the fields the method under test reads.
        model_config = ConfigDict(extra="allow", arbitrary_types_allowed=True)

except ImportError:  # pragma: no cover - depends on the interpreter

    class StandInModel:  # type: ignore[no-redef]
        def __init__(self, **data: Any) -> None:
            for cls in reversed(type(self).__mro__):
                # Read the annotations first: touching __annotations__ may create it in the class dict.
                annotated = set(vars(cls).get("__annotations__", {}))
                for name, value in list(vars(cls).items()):
                    if name in annotated and not name.startswith("_"):
                        setattr(self, name, value)
            for name, value in data.items():
                setattr(self, name, value)

        @classmethod
        def model_validate(cls, data: Any) -> Any:
            return data if isinstance(data, cls) else cls(**dict(data))

        def model_dump(self) -> dict[str, Any]:
            return {k: v for k, v in vars(self).items() if not k.startswith("_")}

        def __eq__(self, other: object) -> bool:
            return type(other) is type(self) and self.model_dump() == other.model_dump()  # type: ignore[attr-defined]
