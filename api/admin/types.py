"""Administration types: entries of the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Self, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.core.ids import encode_id
from domain import models


@strawberry.type(description="One administrative change: who, what, before and after.")
class AuditEntry(relay.Node):
    id: relay.NodeID[int]
    actor_name: str = strawberry.field(
        description="The staff member, or the command (mesa apply-config) that made it."
    )
    actor_staff_id: strawberry.ID | None
    action: str = strawberry.field(description="entity.verb, e.g. support_level.create.")
    entity: str
    entity_id: int | None
    before: JSON | None = strawberry.field(description="Changed values before; null: created.")
    after: JSON | None = strawberry.field(description="Changed values after; null: removed.")
    created_at: datetime

    @classmethod
    def from_model(cls, row: models.AuditEntry) -> Self:
        return cls(
            id=row.id,
            actor_name=row.actor_name,
            actor_staff_id=(
                None
                if row.actor_staff_id is None
                else strawberry.ID(encode_id("Staff", row.actor_staff_id))
            ),
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            before=cast(JSON, row.before),
            after=cast(JSON, row.after),
            created_at=row.created_at,
        )
