"""Log levels (values are the lower-case names, as the reference lists them)."""

from enum import Enum


class EnumLogLevel(str, Enum):
    # @members EnumLogLevel lower
