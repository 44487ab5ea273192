"""Who else may hold a token: a guest with a pass for one ticket, and a partner's API key."""

from __future__ import annotations

from typing import Self

import strawberry

from api.context import Info
from api.types.tickets import Ticket
from domain.access import visible_tickets
from domain.viewer import Viewer as DomainViewer


@strawberry.type(description="A guest holding a pass for one ticket (tracking ID + email).")
class Guest:
    name: str
    ticket_pk: strawberry.Private[int]

    @strawberry.field(description="The one ticket this pass opens.")
    async def ticket(self, info: Info) -> Ticket | None:
        row = await visible_tickets(info.context.viewer).get_or_none(id=self.ticket_pk)
        return Ticket.from_model(row) if row else None

    @classmethod
    def from_viewer(cls, viewer: DomainViewer) -> Self:
        assert viewer.ticket_id is not None
        return cls(name=viewer.name, ticket_pk=viewer.ticket_id)


@strawberry.type(description="A partner integration calling with an API key.")
class Partner:
    name: str
    scopes: list[str]

    @classmethod
    def from_viewer(cls, viewer: DomainViewer) -> Self:
        return cls(name=viewer.name, scopes=sorted(viewer.scopes))
