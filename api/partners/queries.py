"""Partner queries: partners and their keys, for admins."""

from __future__ import annotations

import strawberry

from api.core.context import Info
from api.partners.types import PartnerAccount
from domain.identity import partners


@strawberry.type
class PartnerQuery:
    @strawberry.field(description="Every partner with its API keys (admins).")
    async def partners(self, info: Info) -> list[PartnerAccount]:
        rows = await partners.list_partners(viewer=info.context.viewer)
        return [PartnerAccount.from_model(row) for row in rows]
