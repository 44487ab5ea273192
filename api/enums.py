"""The domain's enumerations, exposed to GraphQL under their own names."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from domain import models
from domain.errors import ErrorCode as DomainErrorCode

Impact = strawberry.enum(models.Impact, description="How much a case affects the service.")
TicketStatus = strawberry.enum(models.TicketStatus)
Channel = strawberry.enum(models.Channel, description="Where a ticket or message came from.")
StaffRole = strawberry.enum(models.StaffRole)
AuthorKind = strawberry.enum(models.AuthorKind)
Language = strawberry.enum(models.Language)
EventKind = strawberry.enum(models.EventKind)
SlaClock = strawberry.enum(models.SlaClock)
ErrorCode = strawberry.enum(DomainErrorCode)


@strawberry.enum
class TicketOrderField(StrEnum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"


@strawberry.enum
class OrderDirection(StrEnum):
    ASC = "ASC"
    DESC = "DESC"
