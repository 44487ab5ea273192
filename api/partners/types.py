"""Partner types: an API key as its owner sees it."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.core.ids import encode_id
from domain import models


@strawberry.type(description="An API key; the secret itself is only in CreatePartnerKeySuccess.")
class PartnerKey:
    id: strawberry.ID
    name: str
    prefix: str
    scopes: list[str]
    requests_per_minute: int
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def from_model(cls, row: models.PartnerKey) -> PartnerKey:
        return cls(
            id=strawberry.ID(encode_id("PartnerKey", row.id)),
            name=row.name,
            prefix=row.prefix,
            scopes=list(row.scopes),
            requests_per_minute=row.requests_per_minute,
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )
