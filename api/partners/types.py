"""Partner types: partners and their API keys as admins see them."""

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


@strawberry.type(description="An organisation integrating through the API, as admins see it.")
class PartnerAccount:
    id: strawberry.ID
    name: str
    is_active: bool
    created_at: datetime
    keys: list[PartnerKey] = strawberry.field(description="Its API keys, revoked ones included.")

    @classmethod
    def from_model(cls, row: models.Partner) -> PartnerAccount:
        keys: list[models.PartnerKey] = list(row.keys)  # type: ignore[attr-defined]  # prefetched
        return cls(
            id=strawberry.ID(encode_id("Partner", row.id)),
            name=row.name,
            is_active=row.is_active,
            created_at=row.created_at,
            keys=[PartnerKey.from_model(key) for key in sorted(keys, key=lambda k: k.id)],
        )
