"""A resolver whose query failed on a lost database answers a clear, retryable UNAVAILABLE
error (the HTTP side, for failures before GraphQL runs, is api.http.unavailable)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from domain import db
from domain.errors import SERVICE_UNAVAILABLE, Unavailable

logger = logging.getLogger(__name__)


class UnavailableErrors(SchemaExtension):
    """Turns resolver errors caused by a lost database into UNAVAILABLE errors."""

    def on_operation(self) -> Iterator[None]:
        yield
        clear_unavailable(self.execution_context.result)


def clear_unavailable(result: object) -> None:
    """`result`'s errors caused by a lost database made UNAVAILABLE errors (also run by
    api.core.lean)."""
    errors: list[GraphQLError] | None = getattr(result, "errors", None)
    if result is None or not errors:
        return
    result.errors = [_clear(error) for error in errors]  # type: ignore[attr-defined]


def _clear(error: GraphQLError) -> GraphQLError:
    if not db.is_unavailable(error.original_error):
        return error
    logger.warning("resolver failed, database unavailable: %r", error.original_error)
    unavailable = Unavailable(SERVICE_UNAVAILABLE)
    return GraphQLError(
        unavailable.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=unavailable,
        extensions=unavailable.extensions,
    )
