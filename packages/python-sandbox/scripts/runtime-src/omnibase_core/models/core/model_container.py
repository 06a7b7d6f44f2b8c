"""ModelContainer: a generic single-value container (`value`), not a service container."""

from typing import Any, Generic, TypeVar

from omnibase_core._model_base import StandInModel

T = TypeVar("T")


class ModelContainer(StandInModel, Generic[T]):
    # @fields ModelContainer

    @classmethod
    def create(
        cls, value: T, container_type: str, source: str | None = None, is_validated: bool = False, validation_notes: str | None = None
    ) -> "ModelContainer[T]":
        return cls(value=value, container_type=container_type, source=source, is_validated=is_validated, validation_notes=validation_notes)

    def get_value(self) -> T:
        return self.value

    # @rest ModelContainer
