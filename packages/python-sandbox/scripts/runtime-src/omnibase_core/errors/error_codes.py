"""ONEX error codes. Member names come from the API index; their values are not in the index,
so the stand-in uses the member name as the value (compare members, never raw values)."""

from enum import Enum


class EnumOnexErrorCode(str, Enum):
    def get_component(self) -> str:
        return "CORE"

    def get_number(self) -> int:
        return list(type(self)).index(self) + 1

    def get_description(self) -> str:
        return self.name.replace("_", " ").lower()

    def get_exit_code(self) -> int:
        return 1


class EnumCoreErrorCode(EnumOnexErrorCode):
    # @members EnumCoreErrorCode name

    # @rest EnumCoreErrorCode


class EnumRegistryErrorCode(EnumOnexErrorCode):
    # @members EnumRegistryErrorCode name


class EnumCLIExitCode(int, Enum):
    # @members EnumCLIExitCode int


# @functions
