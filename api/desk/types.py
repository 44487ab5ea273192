"""Desk types: blocked senders, and what splitting and deleting a ticket answer."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay

from api.core.context import Info
from api.people.types import Staff
from domain import models
from domain.models import BlockKind

strawberry.enum(BlockKind, description="A blocked sender: one address, or a whole domain.")


@strawberry.type(
    description="An address or a domain (with its subdomains) whose mail is dropped before it "
    "becomes a ticket, and whose guests cannot open web tickets."
)
class BlockedSender(relay.Node):
    id: relay.NodeID[int]
    kind: BlockKind
    address: str = strawberry.field(description="The address, or the domain alone.")
    reason: str
    created_at: datetime
    blocked_by_pk: strawberry.Private[int | None]

    @strawberry.field(description="Who blocked it (null once they are removed).")
    async def blocked_by(self, info: Info) -> Staff | None:
        pk = self.blocked_by_pk
        row = await info.context.loaders.staff_by_id.load(pk) if pk else None
        return Staff.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: models.BlockedSender) -> Self:
        return cls(
            id=row.id,
            kind=row.kind,
            address=row.address,
            reason=row.reason,
            created_at=row.created_at,
            blocked_by_pk=row.blocked_by_id,
        )
