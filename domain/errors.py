"""Expected failures of domain actions, each with a stable code a client can switch on."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    VALIDATION = "VALIDATION"
    NOT_FOUND = "NOT_FOUND"
    NOT_ALLOWED = "NOT_ALLOWED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    REOPEN_WINDOW_EXPIRED = "REOPEN_WINDOW_EXPIRED"
    RATING_WINDOW_EXPIRED = "RATING_WINDOW_EXPIRED"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    CHANNEL_NOT_INCLUDED = "CHANNEL_NOT_INCLUDED"
    UNAVAILABLE = "UNAVAILABLE"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"


class DomainError(Exception):
    """Base of every expected failure; the message is safe to show to the client."""

    code: ErrorCode = ErrorCode.VALIDATION

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def extensions(self) -> dict[str, str]:
        """Machine-readable details; API layers put them next to the message."""
        details = {"code": self.code.value}
        if self.field:
            details["field"] = self.field
        return details


class ValidationFailed(DomainError):
    code = ErrorCode.VALIDATION


class NotFound(DomainError):
    """The thing does not exist, or the viewer may not know it exists."""

    code = ErrorCode.NOT_FOUND


class NotAllowed(DomainError):
    code = ErrorCode.NOT_ALLOWED


class Unauthenticated(DomainError):
    code = ErrorCode.UNAUTHENTICATED


class InvalidCredentials(DomainError):
    code = ErrorCode.INVALID_CREDENTIALS


class InvalidTransition(DomainError):
    code = ErrorCode.INVALID_TRANSITION


class ReopenWindowExpired(DomainError):
    code = ErrorCode.REOPEN_WINDOW_EXPIRED


class RatingWindowExpired(DomainError):
    """A satisfaction answer can change only for a while after it was first given."""

    code = ErrorCode.RATING_WINDOW_EXPIRED


class Conflict(DomainError):
    code = ErrorCode.CONFLICT


class RateLimited(DomainError):
    """Too many attempts; `retry_after_seconds` says when the next one is accepted."""

    code = ErrorCode.RATE_LIMITED

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"Too many attempts. Try again in {retry_after_seconds} seconds. / Demasiados "
            f"intentos. Inténtelo de nuevo en {retry_after_seconds} segundos."
        )
        self.retry_after_seconds = retry_after_seconds

    @property
    def extensions(self) -> dict[str, str]:
        return {**super().extensions, "retryAfterSeconds": str(self.retry_after_seconds)}


class ChannelNotIncluded(DomainError):
    """The customer's support level does not include the channel (now, or without a ticket)."""

    code = ErrorCode.CHANNEL_NOT_INCLUDED

    def __init__(self, message: str, *, lowest_level: str | None) -> None:
        super().__init__(message, field="channel")
        self.lowest_level = lowest_level


class FileTooLarge(DomainError):
    """An upload over the per-file or per-ticket size limit; nothing of it is kept."""

    code = ErrorCode.FILE_TOO_LARGE

    def __init__(self, message: str, *, max_bytes: int, field: str = "attachments") -> None:
        super().__init__(message, field=field)
        self.max_bytes = max_bytes


class Unavailable(DomainError):
    """A dependency (the database) cannot be reached right now: retry shortly."""

    code = ErrorCode.UNAVAILABLE


SERVICE_UNAVAILABLE = (
    "Servicio no disponible temporalmente, vuelva a intentarlo en unos segundos. / "
    "Service temporarily unavailable, please try again in a few seconds."
)
