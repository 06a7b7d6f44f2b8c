"""Operation status carried by ModelOnexError."""

from enum import Enum


class EnumOnexStatus(str, Enum):
    # @members EnumOnexStatus lower
