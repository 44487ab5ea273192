"""Who is on a ticket's page (collision detection, as Zammad and FreeScout show it): agents
viewing it, and who of them is typing a reply.

Nothing is stored. Each agent's page relays a notice through the live bus when it opens
(`hello`: the others there answer with their own), every HEARTBEAT seconds while open, and
when it closes; `reportPresence` relays typing. Each subscriber builds the picture from the
notices it hears, forgetting a viewer not heard of for VIEWING_TTL (a closed laptop, a dead
process) and a typist after TYPING_TTL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.clock import utcnow
from domain.errors import NotAllowed
from domain.identity.access import TicketRef, get_visible_ticket, require_staff
from domain.identity.viewer import Viewer
from domain.live.events import PresenceNotice
from domain.models import Ticket
from domain.uow import relay_now

HEARTBEAT = 15.0
VIEWING_TTL = 40.0
TYPING_TTL = 8.0


@dataclass(frozen=True)
class Present:
    staff_id: int
    name: str
    typing: bool
    since: datetime


@dataclass
class _Heard:
    name: str
    since: datetime
    viewing_until: float
    typing_until: float = 0.0


class PresenceBoard:
    """One subscriber's picture of a ticket's page, from the notices it heard."""

    def __init__(self) -> None:
        self._heard: dict[int, _Heard] = {}

    def learn(self, notice: PresenceNotice, now: float) -> None:
        if not notice.viewing:
            self._heard.pop(notice.staff_id, None)
            return
        heard = self._heard.get(notice.staff_id)
        if heard is None:
            heard = self._heard[notice.staff_id] = _Heard(notice.name, utcnow(), 0.0)
        heard.viewing_until = now + VIEWING_TTL
        if notice.typing is not None:
            heard.typing_until = now + TYPING_TTL if notice.typing else 0.0

    def current(self, now: float, *, excluding: int | None = None) -> list[Present]:
        """Everyone on the page but `excluding`, longest there first."""
        for staff_id in [k for k, heard in self._heard.items() if heard.viewing_until <= now]:
            del self._heard[staff_id]
        return sorted(
            (
                Present(staff_id, heard.name, heard.typing_until > now, heard.since)
                for staff_id, heard in self._heard.items()
                if staff_id != excluding
            ),
            key=lambda present: (present.since, present.staff_id),
        )

    def next_change(self, now: float) -> float | None:
        """When the picture changes by itself (someone forgotten, a typist stopped)."""
        moments = [h.viewing_until for h in self._heard.values()]
        moments += [h.typing_until for h in self._heard.values() if h.typing_until > now]
        return min(moments, default=None)


def notice(
    ticket_id: int,
    viewer: Viewer,
    *,
    viewing: bool = True,
    typing: bool | None = None,
    hello: bool = False,
) -> PresenceNotice:
    assert viewer.staff_id is not None
    return PresenceNotice(ticket_id, viewer.staff_id, viewer.name, viewing, typing, hello)


async def visible_page(viewer: Viewer | None, ticket_id: TicketRef) -> tuple[Viewer, Ticket]:
    """The ticket an agent may be present on: staff of its department."""
    viewer = require_staff(viewer)
    if viewer.staff_id is None:
        raise NotAllowed(
            "Only agents are present on tickets. / Solo los agentes están presentes en los "
            "tickets.",
            field="ticketId",
        )
    return viewer, await get_visible_ticket(viewer, ticket_id)


async def report_presence(*, viewer: Viewer | None, ticket_id: TicketRef, typing: bool) -> Ticket:
    """Tell the others on the page that the agent is there, typing or not."""
    viewer, ticket = await visible_page(viewer, ticket_id)
    await relay_now([notice(ticket.id, viewer, typing=typing)])
    return ticket
