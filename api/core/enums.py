"""The domain's enumerations, registered with GraphQL under their own names."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from domain.errors import ErrorCode
from domain.models import (
    AuthorKind,
    Channel,
    ChannelCondition,
    EventKind,
    Impact,
    Language,
    SatisfactionRating,
    SlaClock,
    StaffRole,
    TicketStatus,
)

strawberry.enum(Impact, description="How much a case affects the service.")
strawberry.enum(TicketStatus)
strawberry.enum(Channel, description="Where a ticket or message came from.")
strawberry.enum(StaffRole)
strawberry.enum(AuthorKind)
strawberry.enum(Language)
strawberry.enum(EventKind)
strawberry.enum(SlaClock)
strawberry.enum(ChannelCondition, description="When a support level's channel is open.")
strawberry.enum(ErrorCode)
strawberry.enum(
    SatisfactionRating, description='A requester\'s answer to "was the answer helpful?".'
)


@strawberry.enum
class TicketOrderField(StrEnum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    # The running SLA due time; tickets without one are left out.
    SLA_DUE_AT = "sla_due_at"


@strawberry.enum
class OrderDirection(StrEnum):
    ASC = "ASC"
    DESC = "DESC"


__all__ = [
    "AuthorKind",
    "Channel",
    "ChannelCondition",
    "ErrorCode",
    "EventKind",
    "Impact",
    "Language",
    "OrderDirection",
    "SatisfactionRating",
    "SlaClock",
    "StaffRole",
    "TicketOrderField",
    "TicketStatus",
]
