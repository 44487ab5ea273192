"""Tags: labels agents put on tickets, to filter and count them (Zammad, FreeScout tags)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tortoise.expressions import Subquery
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from domain.clock import utcnow
from domain.errors import ValidationFailed
from domain.identity.access import (
    TicketRef,
    get_visible_ticket_for_update,
    require_staff,
    visible_tickets,
)
from domain.identity.viewer import Viewer
from domain.models import EventKind, Tag, Ticket, TicketTag
from domain.tickets.changes import record_event
from domain.uow import unit_of_work

TAG_MAX = 50
TAGS_PER_TICKET = 20
_SPACES = re.compile(r"\s+")
# Letters and digits of any script, and the joiners people use in tag names.
_ALLOWED = re.compile(r"^[\w][\w .:/+#&-]*$")


def normalise_tag(name: str) -> str:
    """One spelling per tag: trimmed, single spaces, lower case."""
    tag = _SPACES.sub(" ", name.replace("\x00", "")).strip().casefold()
    if not tag:
        raise ValidationFailed(
            "A tag cannot be empty. / Una etiqueta no puede estar vacía.", field="tags"
        )
    if len(tag) > TAG_MAX or not _ALLOWED.match(tag):
        raise ValidationFailed(
            f"Tags are up to {TAG_MAX} letters, digits, spaces and . : / + # & - _ . / "
            f"Las etiquetas tienen hasta {TAG_MAX} letras, números, espacios y . : / + # & - _ .",
            field="tags",
        )
    return tag


def normalise_tags(names: Sequence[str]) -> list[str]:
    tags = sorted({normalise_tag(name) for name in names})
    if len(tags) > TAGS_PER_TICKET:
        raise ValidationFailed(
            f"A ticket holds at most {TAGS_PER_TICKET} tags. / "
            f"Un ticket tiene como máximo {TAGS_PER_TICKET} etiquetas.",
            field="tags",
        )
    return tags


async def set_ticket_tags(
    *, viewer: Viewer | None, ticket_id: TicketRef, names: Sequence[str]
) -> Ticket:
    """Replace a ticket's tags (staff of its department); the change is a ticket event."""
    viewer = require_staff(viewer)
    wanted = normalise_tags(names)
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        rows = (
            await TicketTag.filter(ticket_id=ticket.id)
            .using_db(uow.connection)
            .values_list("tag__name", flat=True)
        )
        current = sorted(str(name) for name in rows)
        if current == wanted:
            return ticket
        tag_ids = [await _tag_id(uow.connection, name) for name in wanted]
        await TicketTag.filter(ticket_id=ticket.id).using_db(uow.connection).delete()
        await TicketTag.bulk_create(
            [TicketTag(ticket_id=ticket.id, tag_id=tag_id) for tag_id in tag_ids],
            using_db=uow.connection,
        )
        ticket.updated_at = utcnow()
        await (
            Ticket.filter(id=ticket.id)
            .using_db(uow.connection)
            .update(updated_at=ticket.updated_at)
        )
        await record_event(
            uow,
            ticket,
            EventKind.TAGS_CHANGED,
            viewer,
            before={"tags": current},
            after={"tags": wanted},
        )
    return ticket


async def _tag_id(connection: object, name: str) -> int:
    """The tag's id, created on first use (a concurrent creator wins the unique name)."""
    tag, _ = await Tag.get_or_create(
        name=name,
        defaults={"created_at": utcnow()},
        using_db=connection,  # type: ignore[arg-type]
    )
    return int(tag.id)


async def tags_by_ticket(viewer: Viewer | None, ticket_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each ticket's tags, sorted; only staff see tags (they are the desk's own business)."""
    grouped: dict[int, list[str]] = {ticket_id: [] for ticket_id in ticket_ids}
    if viewer is None or not viewer.is_staff or not ticket_ids:
        return grouped
    rows = await TicketTag.filter(ticket_id__in=list(ticket_ids)).values_list(
        "ticket_id", "tag__name"
    )
    for ticket_id, name in sorted(rows, key=lambda row: row[1]):
        grouped[ticket_id].append(name)
    return grouped


async def tag_counts(
    *, viewer: Viewer | None, search: str | None = None, first: int = 50
) -> list[tuple[str, int]]:
    """The tags on tickets the viewer may see, with how many tickets carry each, most used first."""
    viewer = require_staff(viewer)
    if not 1 <= first <= 100:
        raise ValidationFailed("`first` is between 1 and 100.", field="first")
    query = TicketTag.filter(ticket_id__in=Subquery(visible_tickets(viewer).values("id")))
    if search and search.strip():
        query = query.filter(tag__name__contains=_SPACES.sub(" ", search).strip().casefold())
    rows = (
        await query.annotate(tickets=Count("id"))
        .group_by("tag__name")
        .order_by("-tickets", "tag__name")
        .limit(first)
        .values_list("tag__name", "tickets")
    )
    return [(str(name), int(count)) for name, count in rows]


def with_tags(query: QuerySet[Ticket], names: Sequence[str]) -> QuerySet[Ticket]:
    """Narrow a ticket query to tickets carrying every one of `names`."""
    for name in normalise_tags(names):
        query = query.filter(id__in=Subquery(TicketTag.filter(tag__name=name).values("ticket_id")))
    return query
