"""Reading tickets and their threads, always through the viewer's scope."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Collection, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from tortoise.queryset import QuerySet

from domain.custom_fields.filters import FieldCondition, check_conditions, with_field_values
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import (
    TicketRef,
    get_visible_ticket,
    may_see_internal,
    visible_tickets,
)
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import Impact, Message, MessageVisibility, Ticket, TicketEvent, TicketStatus
from domain.pagination import (
    Direction,
    Page,
    Position,
    keyset_page,
    keyset_query,
    known_count,
    page_of,
    page_size,
)
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
    size = page_size(first)
    shaped = _page_shape(viewer, filters, sort.value, direction, size, after, columns)
    if shaped is not None:
        shape, arguments, read = shaped
        rows = await _pages(read).rows(shape, arguments)

        def count() -> Awaitable[int]:
            return _listed(viewer, filters, sort.value).count()

        return page_of(rows, size, count)
    return await keyset_page(
        _listed(viewer, filters, sort.value),
        sort_field=sort.value,
        direction=direction,
        first=first,
        after=after,
        columns=columns,
    )


def _listed(viewer: Viewer | None, filters: TicketFilter, sort_field: str) -> QuerySet[Ticket]:
    query = filtered_tickets(viewer, filters)
    if sort_field == TicketSort.SLA_DUE_AT.value:
        query = query.filter(sla_due_at__isnull=False)
    return query


# A page of the list is built by the rules above once per shape, with stand-ins for its
# arguments, then only sent with the real ones (domain.prepared): building it with Tortoise
# was a sixth of the CPU of the api bench's page of 50 (py-spy), more than running it. The
# shape is whose list it is, which filters are set (the statuses and impacts asked for
# themselves), the order, the size, whether it continues after a position and the columns
# read; ids, moments and positions are arguments. Lists of partners and guests, filters by
# subject, tags or custom fields and whole rows are built by Tortoise on every call.
# tests/test_list_pages.py reads the same pages both ways (prepared_pages = False).
prepared_pages = True
_ID_FILTERS = ("department_id", "category_id", "assignee_id", "customer_id", "due_before")


def _page_shape(
    viewer: Viewer | None,
    filters: TicketFilter,
    sort_field: str,
    direction: Direction,
    size: int,
    after: Position | None,
    columns: Collection[str] | None,
) -> tuple[Hashable, list[Argument], frozenset[str]] | None:
    """The page's shape, its arguments in the order `_page` takes them, and the columns it
    reads; None for a page built by Tortoise."""
    if not prepared_pages or viewer is None or columns is None:
        return None
    if filters.subject_contains or filters.tags or filters.custom_fields:
        return None
    arguments: list[Argument] = []
    whose: tuple[Hashable, ...]
    if viewer.kind is ViewerKind.CUSTOMER and viewer.customer_id is not None:
        whose = (viewer.kind,)
        arguments.append(viewer.customer_id)
    elif viewer.kind is ViewerKind.STAFF:
        departments = () if viewer.sees_every_department else sorted(viewer.department_ids)
        whose = (viewer.kind, viewer.role, len(departments))
        arguments.extend(departments)
    else:
        return None
    given = tuple(getattr(filters, name) is not None for name in _ID_FILTERS)
    arguments.extend(
        getattr(filters, name) for name in _ID_FILTERS if getattr(filters, name) is not None
    )
    if after is not None:
        if sort_field != "id":
            if not isinstance(after.value, int | str | datetime):
                return None
            arguments.extend((after.value, after.value, after.value))
        arguments.append(after.id)
    read = frozenset({*columns, "id", sort_field})
    shape = _PageShape(
        whose,
        tuple(filters.statuses),
        tuple(filters.impacts),
        filters.unassigned,
        given,
        sort_field,
        direction,
        size,
        after is not None,
    )
    return shape, arguments, read


@functools.lru_cache(maxsize=256)
def _pages(columns: frozenset[str]) -> Shaped[Ticket]:
    return Shaped(Ticket, _page, columns)


def _page(shape: Hashable, stand_ins: Sequence[Argument]) -> QuerySet[Ticket]:
    """The page's query for `shape`, with `stand_ins` where `_page_shape` put arguments."""
    assert isinstance(shape, _PageShape)
    arguments: Iterator[Any] = iter(stand_ins)
    if shape.whose[0] is ViewerKind.CUSTOMER:
        viewer = Viewer(kind=ViewerKind.CUSTOMER, customer_id=next(arguments))
    else:
        _, role, departments = shape.whose
        ids = frozenset(next(arguments) for _ in range(departments))
        viewer = Viewer(kind=ViewerKind.STAFF, role=role, department_ids=ids)
    values = {
        name: next(arguments) for name, given in zip(_ID_FILTERS, shape.given, strict=True) if given
    }
    filters = TicketFilter(
        statuses=shape.statuses, impacts=shape.impacts, unassigned=shape.unassigned, **values
    )
    sort_field = shape.sort_field
    position, after_values = None, None
    if shape.after:
        if sort_field != "id":
            after_values = (next(arguments), next(arguments), next(arguments))
        position = Position(value=None, id=next(arguments))
    return keyset_query(
        _listed(viewer, filters, sort_field),
        sort_field=sort_field,
        direction=shape.direction,
        size=shape.size,
        after=position,
        after_values=after_values,
    )


@dataclass(frozen=True, slots=True)
class _PageShape:
    whose: tuple[Any, ...]  # the viewer's kind, and a staff member's role and departments
    statuses: tuple[TicketStatus, ...]
    impacts: tuple[Impact, ...]
    unassigned: bool
    given: tuple[bool, ...]  # which of _ID_FILTERS are set
    sort_field: str
    direction: Direction
    size: int
    after: bool


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
