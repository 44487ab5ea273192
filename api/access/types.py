"""Who may hold a token: customers and staff (api.people), a guest with a pass for one ticket,
and a partner's API key; and what a login returns."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

import strawberry

from api.core.errors import (
    InvalidCredentialsError,
    NotAllowedError,
    RateLimitedError,
    ValidationError,
)
from api.people.types import Customer, Staff
from api.tickets.types import Ticket
from domain.identity.access import visible_tickets
from domain.identity.viewer import Viewer as DomainViewer


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


Viewer = Annotated[Customer | Staff | Guest | Partner, strawberry.union("Viewer")]


@strawberry.type
class LoginSuccess:
    token: str
    expires_at: datetime
    viewer: Viewer


LoginResult = Annotated[
    LoginSuccess | InvalidCredentialsError | ValidationError | NotAllowedError | RateLimitedError,
    strawberry.union("LoginResult"),
]
