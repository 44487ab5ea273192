"""Who else may hold a token: a guest with a pass for one ticket, and a partner's API key."""

from __future__ import annotations

from typing import Self

import strawberry

from api.types.tickets import Ticket
from domain.access import visible_tickets
from domain.viewer import Viewer as DomainViewer


@strawberry.type(description="A guest holding a pass for one ticket (tracking ID + email).")
class Guest:
    name: str
    # The pass's own viewer: right after guestAccess the request itself is anonymous.
    guest: strawberry.Private[DomainViewer]

    @strawberry.field(description="The one ticket this pass opens.")
    async def ticket(self) -> Ticket | None:
        row = await visible_tickets(self.guest).get_or_none(id=self.guest.ticket_id)
        return Ticket.from_model(row) if row else None

    @classmethod
    def from_viewer(cls, viewer: DomainViewer) -> Self:
        return cls(name=viewer.name, guest=viewer)


@strawberry.type(description="A partner integration calling with an API key.")
class Partner:
    name: str
    scopes: list[str]

    @classmethod
    def from_viewer(cls, viewer: DomainViewer) -> Self:
        return cls(name=viewer.name, scopes=sorted(viewer.scopes))
