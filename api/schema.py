"""The Strawberry schema: roots, node types, and error handling."""

from __future__ import annotations

import logging
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from api.kb import KbQuery
from api.limits import PartnerRateLimit
from api.mutations import TicketMutation
from api.mutations_access import AccessMutation
from api.mutations_admin import AdminMutation
from api.mutations_contacts import ContactMutation
from api.mutations_kb import KbMutation
from api.mutations_partners import PartnerMutation
from api.notifications import NotificationQuery
from api.queries import NODE_TYPES, TicketQuery
from api.sla import SlaMutation, SlaQuery
from api.subscriptions import Subscription
from api.unavailable import UnavailableErrors
from domain.config import get_settings
from domain.errors import DomainError

logger = logging.getLogger("mesa.graphql")
MAX_ALIASES = 100

# Each capability contributes its own root type; add new ones to these tuples.
Query = merge_types("Query", (TicketQuery, SlaQuery, KbQuery, NotificationQuery))
Mutation = merge_types(
    "Mutation",
    (
        TicketMutation,
        AccessMutation,
        PartnerMutation,
        AdminMutation,
        SlaMutation,
        ContactMutation,
        KbMutation,
    ),
)


def is_expected(error: GraphQLError) -> bool:
    """Domain failures and GraphQL's own validation errors are the client's to see."""
    return error.original_error is None or isinstance(error.original_error, DomainError)


class MesaSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if not is_expected(error):
                logger.error("unexpected error in a resolver", exc_info=error.original_error)


def build_schema(*, production: bool | None = None) -> strawberry.Schema:
    production = get_settings().is_production if production is None else production
    # Aliases multiply work in one request (serial mutations even recurse per field): cap them.
    extensions: list[Any] = [
        PartnerRateLimit,
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ]
    if production:
        extensions.append(lambda: MaskErrors(should_mask_error=lambda e: not is_expected(e)))
    # Last, so it is the first to see the result on the way out (hooks exit in reverse), while
    # the original error is still there for it to recognise: MaskErrors then leaves it alone.
    extensions.append(UnavailableErrors)
    return MesaSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=list(NODE_TYPES.values()),
        extensions=extensions,
    )


schema = build_schema(production=False)
