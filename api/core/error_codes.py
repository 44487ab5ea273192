"""One shape for every GraphQL error: `extensions.code`, so a client switches on a code and
never parses a message.

Domain failures carry theirs (NOT_FOUND, UNAUTHENTICATED, RATE_LIMITED, QUERY_TOO_EXPENSIVE,
UNAVAILABLE, …); graphql-core's own errors get the codes GraphQL servers commonly use:
GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT (variables), and the limits
QUERY_TOO_LARGE, QUERY_TOO_DEEP, TOO_MANY_ALIASES; anything unexpected is
INTERNAL_SERVER_ERROR (and masked in production, code kept).
"""

from __future__ import annotations

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors

from domain.errors import DomainError

INTERNAL = "INTERNAL_SERVER_ERROR"


def code_of(error: GraphQLError) -> str:
    """The code a client sees for `error`."""
    known = (error.extensions or {}).get("code")
    if isinstance(known, str):
        return known
    original = error.original_error
    if isinstance(original, DomainError):
        return original.code.value
    if original is not None and not isinstance(original, GraphQLError):
        return INTERNAL
    message = error.message
    if isinstance(error, GraphQLSyntaxError):
        return "QUERY_TOO_LARGE" if "tokens. Parsing aborted" in message else "GRAPHQL_PARSE_FAILED"
    if message.startswith("Variable '$"):
        return "BAD_USER_INPUT"
    if "exceeds maximum operation depth" in message:
        return "QUERY_TOO_DEEP"
    if " aliases found. Allowed: " in message:
        return "TOO_MANY_ALIASES"
    return "GRAPHQL_VALIDATION_FAILED"


def label(error: GraphQLError) -> None:
    """Give `error` its code (the schema's `process_errors` sees every error, on every path:
    parse errors never reach an extension's exit)."""
    error.extensions = {**(error.extensions or {}), "code": code_of(error)}


class MaskUnexpectedErrors(MaskErrors):
    """Production: an unexpected error's message is hidden, its code kept."""

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": INTERNAL}
        return masked

    def _process_result(self, result: object) -> None:
        # As MaskErrors does, without its isinstance of a runtime-checkable protocol (which
        # only asks whether `errors` is there): about 10 us on every request.
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = self._process_errors(errors)  # type: ignore[attr-defined]


def forget_frames(error: BaseException) -> None:
    """An answered error's tracebacks, dropped once it is logged: they hold the frames that
    raised and collected it, and so the request's context, which holds the error again (a
    reference cycle, freed only by the garbage collector: a document that does not parse left
    about 130 objects to it). The response keeps the message, path and extensions."""
    pending: list[BaseException | None] = [error]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current.__traceback__ = None
        pending += [getattr(current, "original_error", None), current.__cause__]
        pending.append(current.__context__)
