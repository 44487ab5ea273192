"""Typed user errors: every expected failure maps here, in one place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar, cast

import strawberry

from api.core.context import Info
from api.core.enums import ErrorCode
from domain.errors import ChannelNotIncluded, DomainError, FileTooLarge, RateLimited
from domain.errors import ErrorCode as Code
from domain.messages import in_language


@strawberry.interface(description="A failure the client can act on.")
class UserError:
    code: ErrorCode
    text: strawberry.Private[str]
    field: str | None = strawberry.field(description="The input field at fault, if any.")

    @strawberry.field(
        description="For the person: in Spanish or English, in the viewer's saved language "
        "(a customer's or staff member's, a guest's choice), else as Accept-Language prefers "
        "(as written without it)."
    )
    def message(self, info: Info) -> str:
        return in_language(self.text, info.context.language)


@strawberry.type
class ValidationError(UserError):
    pass


@strawberry.type
class NotFoundError(UserError):
    pass


@strawberry.type
class NotAllowedError(UserError):
    pass


@strawberry.type
class InvalidCredentialsError(UserError):
    pass


@strawberry.type
class InvalidTransitionError(UserError):
    pass


@strawberry.type
class ConflictError(UserError):
    pass


@strawberry.type(description="Too many attempts; retry after the given number of seconds.")
class RateLimitedError(UserError):
    retry_after_seconds: int


@strawberry.type(description="The customer's support level does not include this channel.")
class ChannelNotIncludedError(UserError):
    lowest_level: str | None = strawberry.field(
        description="The name of the lowest support level that includes the channel."
    )


@strawberry.type(description="A file over the per-file or per-ticket size limit; none was kept.")
class FileTooLargeError(UserError):
    max_bytes: float = strawberry.field(description="The limit that was exceeded, in bytes.")


_BY_CODE: dict[Code, type[UserError]] = {
    Code.VALIDATION: ValidationError,
    Code.NOT_FOUND: NotFoundError,
    Code.NOT_ALLOWED: NotAllowedError,
    Code.UNAUTHENTICATED: NotAllowedError,
    Code.INVALID_CREDENTIALS: InvalidCredentialsError,
    Code.INVALID_TRANSITION: InvalidTransitionError,
    Code.REOPEN_WINDOW_EXPIRED: InvalidTransitionError,
    Code.RATING_WINDOW_EXPIRED: InvalidTransitionError,
    Code.CONFLICT: ConflictError,
}


def user_error(error: DomainError) -> UserError:
    if isinstance(error, RateLimited):
        return RateLimitedError(
            code=error.code,
            text=error.message,
            field=error.field,
            retry_after_seconds=error.retry_after_seconds,
        )
    if isinstance(error, ChannelNotIncluded):
        return ChannelNotIncludedError(
            code=error.code,
            text=error.message,
            field=error.field,
            lowest_level=error.lowest_level,
        )
    if isinstance(error, FileTooLarge):
        return FileTooLargeError(
            code=error.code, text=error.message, field=error.field, max_bytes=error.max_bytes
        )
    error_type = _BY_CODE[error.code]
    return error_type(code=error.code, text=error.message, field=error.field)


T = TypeVar("T")
R = TypeVar("R")


async def attempt(action: Callable[[], Awaitable[T]], success: Callable[[T], R]) -> R:
    """Run a domain action; map an expected failure to its typed error.

    Every mutation's result union lists the error types `user_error` produces."""
    try:
        result = await action()
    except DomainError as error:
        return cast(R, user_error(error))
    return success(result)
