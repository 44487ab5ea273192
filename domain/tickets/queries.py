"""Reading tickets and their threads, always through the viewer's scope."""

from __future__ import annotations

import functools
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from tortoise.queryset import QuerySet

from domain.custom_fields.filters import FieldCondition, check_conditions, with_field_values
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import (
    TicketRef,
    get_visible_ticket,
    may_see_internal,
    visible_tickets,
)
from domain.identity.viewer import Viewer
from domain.models import Impact, Message, MessageVisibility, Ticket, TicketEvent, TicketStatus
from domain.pagination import Direction, Page, Position, keyset_page, known_count, page_size
from domain.partial_rows import read_rows
from domain.prepared import Argument, Shaped
from domain.tickets.search import search_ticket_ids
from domain.workspace.tags import with_tags

SEARCH_MAX = 200


class TicketSort(StrEnum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    SLA_DUE_AT = "sla_due_at"


@dataclass(frozen=True)
class TicketFilter:
    statuses: Sequence[TicketStatus] = field(default_factory=tuple)
    impacts: Sequence[Impact] = field(default_factory=tuple)
    department_id: int | None = None
    category_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    customer_id: int | None = None
    subject_contains: str | None = None
    due_before: datetime | None = None
    tags: Sequence[str] = field(default_factory=tuple)  # every one of them (staff)
    custom_fields: Sequence[FieldCondition] = field(default_factory=tuple)  # every one


def filtered_tickets(viewer: Viewer | None, filters: TicketFilter) -> QuerySet[Ticket]:
    """The tickets the viewer may see that pass every filter (lists, views and counts)."""
    query = visible_tickets(viewer)
    if filters.statuses:
        query = query.filter(status__in=list(filters.statuses))
    else:
        # Spam is out of every list, view, count and search unless asked for by status.
        query = query.exclude(status=TicketStatus.SPAM)
    if filters.impacts:
        query = query.filter(impact__in=list(filters.impacts))
    if filters.department_id is not None:
        query = query.filter(department_id=filters.department_id)
    if filters.category_id is not None:
        query = query.filter(category_id=filters.category_id)
    if filters.assignee_id is not None:
        query = query.filter(assignee_id=filters.assignee_id)
    if filters.unassigned:
        query = query.filter(assignee_id__isnull=True)
    if filters.customer_id is not None:
        query = query.filter(customer_id=filters.customer_id)
    if filters.subject_contains:
        query = query.filter(subject__icontains=filters.subject_contains.strip()[:200])
    if filters.due_before is not None:
        query = query.filter(sla_due_at__lte=filters.due_before)
    if filters.tags:
        if viewer is None or not viewer.is_staff:
            raise NotAllowed(
                "Only support staff filter by tags. / Solo el personal de soporte filtra por "
                "etiquetas.",
                field="tags",
            )
        query = with_tags(query, filters.tags)
    if filters.custom_fields:
        query = with_field_values(query, viewer, filters.custom_fields)
    return query


async def list_tickets(
    *,
    viewer: Viewer | None,
    filters: TicketFilter,
    sort: TicketSort = TicketSort.CREATED_AT,
    direction: Direction = Direction.DESC,
    first: int | None = None,
    after: Position | None = None,
    columns: Collection[str] | None = None,
) -> Page[Ticket]:
    """A page of the tickets the viewer may see; read in part (`columns`, with the id and the
    sort key) when the caller needs no more."""
    await check_conditions(viewer, filters.custom_fields)
    query = filtered_tickets(viewer, filters)
    if sort is TicketSort.SLA_DUE_AT:
        query = query.filter(sla_due_at__isnull=False)
    return await keyset_page(
        query,
        sort_field=sort.value,
        direction=direction,
        first=first,
        after=after,
        columns=columns,
    )


async def search_tickets(
    *,
    viewer: Viewer | None,
    filters: TicketFilter,
    search: str,
    first: int | None = None,
    offset: int = 0,
    columns: Collection[str] | None = None,
) -> Page[Ticket]:
    """The tickets the viewer may see that pass the filters and match `search`, best first,
    paged by position (relevance is not a column)."""
    if len(search) > SEARCH_MAX:
        raise ValidationFailed(
            f"A search is at most {SEARCH_MAX} characters. / "
            f"Una búsqueda tiene como máximo {SEARCH_MAX} caracteres.",
            field="search",
        )
    await check_conditions(viewer, filters.custom_fields)
    size = page_size(first)
    ids = await search_ticket_ids(
        filtered_tickets(viewer, filters), search, internal=may_see_internal(viewer)
    )
    window = ids[offset : offset + size + 1]
    found = Ticket.filter(id__in=window[:size])
    read = await (found if columns is None else read_rows(found, {*columns, "id"}))
    rows = {row.id: row for row in read}
    return Page(
        items=[rows[pk] for pk in window[:size] if pk in rows],
        has_next_page=len(window) > size,
        count=known_count(len(ids)),
    )


async def find_ticket_by_tracking_id(
    *, viewer: Viewer | None, tracking_id: TicketRef, columns: Collection[str] | None = None
) -> Ticket:
    """A ticket the viewer sees, by tracking ID (or by the key of its global ID); read in part
    (`columns`) for a caller that knows which columns it reads."""
    try:
        return await get_visible_ticket(viewer, tracking_id, columns)
    except NotFound as error:
        error.field = "trackingId"
        raise


async def messages_by_ticket(
    viewer: Viewer | None, ticket_ids: Sequence[int], columns: Collection[str] | None = None
) -> dict[int, list[Message]]:
    """The threads of tickets the caller already checked, without internal notes for
    customers; read in part (`columns`) when the caller needs no more."""
    threads = _threads(None if columns is None else frozenset(columns))
    read = await threads.rows(not may_see_internal(viewer), list(ticket_ids))
    grouped: dict[int, list[Message]] = {ticket_id: [] for ticket_id in ticket_ids}
    for message in read:
        grouped[message.ticket_id].append(message)
    return grouped


@functools.lru_cache(maxsize=256)
def _threads(columns: frozenset[str] | None) -> Shaped[Message]:
    """Threads in id order, public messages only for customers (the shape); their SQL is
    built once per number of tickets (domain.prepared)."""

    def build(public_only: Hashable, ticket_ids: Sequence[Argument]) -> QuerySet[Message]:
        query = Message.filter(ticket_id__in=list(ticket_ids))
        if public_only:
            query = query.filter(visibility=MessageVisibility.PUBLIC)
        return query.order_by("id")

    return Shaped(Message, build, None if columns is None else {*columns, "ticket_id"})


async def events_by_ticket(
    viewer: Viewer | None, ticket_ids: Sequence[int]
) -> dict[int, list[TicketEvent]]:
    query = TicketEvent.filter(ticket_id__in=list(ticket_ids))
    if not may_see_internal(viewer):
        query = query.filter(internal=False)
    grouped: dict[int, list[TicketEvent]] = {ticket_id: [] for ticket_id in ticket_ids}
    for event in await query.order_by("id"):
        grouped[event.ticket_id].append(event)
    return grouped
