"""Who may see what: the one place that scopes tickets to a viewer."""

from __future__ import annotations

import functools
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from tortoise.queryset import QuerySet

from domain.errors import Conflict, NotAllowed, NotFound, Unauthenticated
from domain.frozen_init import replaced
from domain.identity.viewer import Viewer
from domain.models import Ticket
from domain.prepared import Argument, Shaped
from domain.tickets.tracking import is_tracking_id, normalise_tracking_id


@dataclass(frozen=True)
class Unchanged:
    """A ticket named together with the `updatedAt` its writer loaded: the write is refused
    with CONFLICT if anyone changed the ticket since (collision detection)."""

    ticket: int | str
    updated_at: datetime


# A ticket as clients name it: its primary key (from a global ID) or its tracking ID, and for
# a write that must not overwrite someone else's change, with the version the writer saw.
TicketRef = int | str | Unchanged

CHANGED_MEANWHILE = (
    "Someone changed this ticket after you loaded it: reload it and check before saving. / "
    "Alguien cambió este ticket después de que lo cargó: recárguelo y revíselo antes de "
    "guardar."
)


def require_viewer(viewer: Viewer | None) -> Viewer:
    if viewer is None:
        raise Unauthenticated("Log in to do this.")
    return viewer


def require_staff(viewer: Viewer | None) -> Viewer:
    viewer = require_viewer(viewer)
    if not (viewer.is_staff or viewer.is_system):
        raise NotAllowed("Only support staff can do this.")
    return viewer


TICKETS_READ = "tickets:read"
TICKETS_WRITE = "tickets:write"
CUSTOMERS_WRITE = "customers:write"


def require_scope(viewer: Viewer | None, scope: str) -> Viewer:
    """Partners act only within their key's scopes; everyone else is not concerned."""
    viewer = require_viewer(viewer)
    if viewer.is_partner and not viewer.has_scope(scope):
        raise NotAllowed(f"This API key lacks the {scope} scope.")
    return viewer


def require_admin(viewer: Viewer | None) -> Viewer:
    viewer = require_viewer(viewer)
    if not viewer.is_admin:
        raise NotAllowed("Only administrators can do this.")
    return viewer


def visible_tickets(viewer: Viewer | None) -> QuerySet[Ticket]:
    """Tickets the viewer may know exist."""
    query = Ticket.all()
    if viewer is None:
        return _nothing(query)
    if viewer.is_customer:
        return query.filter(customer_id=viewer.customer_id)
    if viewer.is_guest:
        return query.filter(id=viewer.ticket_id)
    if viewer.is_partner:
        if not viewer.has_scope(TICKETS_READ) and not viewer.has_scope(TICKETS_WRITE):
            return _nothing(query)
        return query.filter(customer__partner_id=viewer.partner_id)
    if viewer.sees_every_department:
        return query
    if viewer.is_staff and viewer.department_ids:
        return query.filter(department_id__in=list(viewer.department_ids))
    return _nothing(query)


def _nothing(query: QuerySet[Ticket]) -> QuerySet[Ticket]:
    # A primary key is never null: an always-false filter that every database accepts.
    return query.filter(id__isnull=True)


def may_see_ticket(viewer: Viewer | None, ticket: Ticket) -> bool:
    if viewer is None:
        return False
    if viewer.is_customer:
        return ticket.customer_id is not None and ticket.customer_id == viewer.customer_id
    if viewer.is_guest:
        return ticket.id == viewer.ticket_id
    if viewer.is_partner:
        # Linked tickets are not followed for partners; they read through visible_tickets.
        return False
    return viewer.works_in(ticket.department_id) or viewer.is_system


def may_see_internal(viewer: Viewer | None) -> bool:
    """Internal notes and internal events are for staff only."""
    return viewer is not None and (viewer.is_staff or viewer.is_system)


def _ref(ticket: TicketRef) -> tuple[str, int | str]:
    """The column a reference names a ticket by, and its value."""
    if isinstance(ticket, Unchanged):
        ticket = ticket.ticket
    if isinstance(ticket, int):
        return "id", ticket
    tracking_id = normalise_tracking_id(ticket)
    return "tracking_id", tracking_id if is_tracking_id(tracking_id) else ""


async def get_visible_ticket(
    viewer: Viewer | None, ticket_id: TicketRef, columns: Collection[str] | None = None
) -> Ticket:
    """The ticket the reference names, if the viewer may see it; read in part (`columns`,
    with the id: domain.partial_rows) for a caller that knows which columns it reads."""
    column, value = _ref(ticket_id)
    skeleton, ids = _skeleton(viewer)
    query = _VISIBLE_ONE if columns is None else _visible_one_reading(frozenset(columns))
    found = await query.rows((skeleton, column), [*ids, value])
    if not found:
        raise NotFound("Ticket not found.", field="ticketId")
    return found[0]


def _skeleton(viewer: Viewer | None) -> tuple[Viewer | None, list[int]]:
    """The viewer with the ids `visible_tickets` filters by replaced by their places in the
    list returned with it; the rest of the viewer (kind, role, scopes) stays, so it is part
    of the query's shape (domain.prepared)."""
    if viewer is None:
        return None, []
    ids: list[int] = []

    def place(value: int | None) -> int | None:
        if value is None:
            return None
        ids.append(value)
        return len(ids) - 1

    skeleton = replaced(
        viewer,
        name="",
        token_id=None,
        customer_id=place(viewer.customer_id),
        ticket_id=place(viewer.ticket_id),
        partner_id=place(viewer.partner_id),
        department_ids=frozenset(len(ids) + index for index in range(len(viewer.department_ids))),
    )
    ids.extend(sorted(viewer.department_ids))
    return skeleton, ids


def _visible_one(shape: Hashable, arguments: Sequence[Argument]) -> QuerySet[Ticket]:
    """`_skeleton`'s viewer with the arguments for its ids: the one ticket it names."""
    skeleton, column = cast(tuple[Viewer | None, str], shape)
    *ids, value = arguments

    def at(place: int | None) -> Any:
        return None if place is None else ids[place]

    viewer = None
    if skeleton is not None:
        viewer = replaced(
            skeleton,
            customer_id=at(skeleton.customer_id),
            ticket_id=at(skeleton.ticket_id),
            partner_id=at(skeleton.partner_id),
            department_ids=frozenset(at(place) for place in skeleton.department_ids),
        )
    return visible_tickets(viewer).filter(**{column: value}).limit(1)


# A ticket by reference, for every request that names one: its SQL built once per shape;
# and locked until its transaction ends, for every change to one.
_VISIBLE_ONE = Shaped(Ticket, _visible_one)


@functools.lru_cache(maxsize=256)  # sets of columns come from the documents' selections
def _visible_one_reading(columns: frozenset[str]) -> Shaped[Ticket]:
    return Shaped(Ticket, _visible_one, columns)


_VISIBLE_ONE_FOR_UPDATE = Shaped(
    Ticket,
    lambda shape, arguments: _visible_one(shape, arguments).select_for_update(),
    for_write=True,
)


async def get_visible_ticket_for_update(viewer: Viewer | None, ticket_id: TicketRef) -> Ticket:
    """Like get_visible_ticket, but locks the row until the transaction ends."""
    return (await get_visible_ticket_for_update_reading(viewer, ticket_id, ()))[0]


async def get_visible_ticket_for_update_reading(
    viewer: Viewer | None, ticket_id: TicketRef, reads: tuple[str, ...]
) -> tuple[Ticket, list[Any]]:
    """get_visible_ticket_for_update, with the value of each of `reads` (SQL expressions of
    the ticket's row, domain.prepared.Shaped.rows_reading) read by the same statement."""
    column, value = _ref(ticket_id)
    skeleton, ids = _skeleton(viewer)
    found = await _VISIBLE_ONE_FOR_UPDATE.rows_reading((skeleton, column), [*ids, value], reads)
    if not found:
        raise NotFound("Ticket not found.", field="ticketId")
    ticket, read = found[0]
    if isinstance(ticket_id, Unchanged) and not same_version(
        ticket.updated_at, ticket_id.updated_at
    ):
        raise Conflict(CHANGED_MEANWHILE, field="expectedUpdatedAt")
    return ticket, read


_VISIBLE_ONE_VERSIONED = Shaped(Ticket, _visible_one, versioned=True)


async def get_visible_ticket_versioned(
    viewer: Viewer | None, ticket_id: TicketRef, reads: tuple[str, ...] = ()
) -> tuple[Ticket, str, list[Any]]:
    """Like get_visible_ticket_for_update, without the lock: with the row's version
    (PostgreSQL's), for a change that is written only if nobody changed the row since
    (domain.rows.naming_later), and read again otherwise; and the value of each of `reads`
    (SQL expressions of the ticket's row, domain.prepared.Shaped.versioned_rows)."""
    column, value = _ref(ticket_id)
    skeleton, ids = _skeleton(viewer)
    found = await _VISIBLE_ONE_VERSIONED.versioned_rows((skeleton, column), [*ids, value], reads)
    if not found:
        raise NotFound("Ticket not found.", field="ticketId")
    ticket, version, read = found[0]
    if isinstance(ticket_id, Unchanged) and not same_version(
        ticket.updated_at, ticket_id.updated_at
    ):
        raise Conflict(CHANGED_MEANWHILE, field="expectedUpdatedAt")
    return ticket, version, read


def same_version(current: datetime, expected: datetime) -> bool:
    """To the millisecond: a browser's Date keeps no more of the `updatedAt` it was sent."""

    def milliseconds(moment: datetime) -> int:
        if moment.tzinfo is None:  # stored and sent in UTC
            moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp() * 1000)

    return milliseconds(current) == milliseconds(expected)
