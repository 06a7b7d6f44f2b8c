"""ModelOnexError: the exception ONEX code raises, carrying an error code and context."""

import json
from datetime import datetime, timezone
from typing import Any
from uuid import UUID, uuid4

from omnibase_core.enums.enum_onex_status import EnumOnexStatus
from omnibase_core.errors.error_codes import EnumOnexErrorCode


class ModelOnexError(Exception):
    def __init__(
        self,
        message: str,
        error_code: EnumOnexErrorCode | str | None = None,
        status: EnumOnexStatus = EnumOnexStatus.ERROR,
        correlation_id: UUID | None = None,
        timestamp: datetime | None = None,
        **context: Any,
    ) -> None:
        super().__init__(message)
        self._message = message
        self._error_code = error_code
        self._status = status
        self._correlation_id = correlation_id or uuid4()
        self._timestamp = timestamp or datetime.now(timezone.utc)
        self._context = dict(context)

    def __str__(self) -> str:
        code = getattr(self._error_code, "value", self._error_code)
        return f"[{code}] {self._message}" if code else self._message

    @property
    def message(self) -> str:
        return self._message

    @property
    def error_code(self) -> EnumOnexErrorCode | str | None:
        return self._error_code

    @property
    def status(self) -> EnumOnexStatus:
        return self._status

    @property
    def correlation_id(self) -> UUID:
        return self._correlation_id

    @property
    def timestamp(self) -> datetime:
        return self._timestamp

    @property
    def context(self) -> dict[str, Any]:
        return self._context

    def model_dump(self) -> dict[str, Any]:
        return {
            "message": self._message,
            "error_code": getattr(self._error_code, "value", self._error_code),
            "status": self._status.value,
            "correlation_id": str(self._correlation_id),
            "timestamp": self._timestamp.isoformat(),
            "context": self._context,
        }

    def to_json(self) -> str:
        return json.dumps(self.model_dump(), default=str)

    def get_exit_code(self) -> int:
        return 1

    # @rest ModelOnexError

