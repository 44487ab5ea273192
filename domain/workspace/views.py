"""Ticket views (Zammad overviews, osTicket queues): named filters with their counts. Built-in
views every agent has, shared ones admins keep, and each agent's personal ones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from tortoise.expressions import Q

from domain.clock import utcnow
from domain.custom_fields.filters import FieldCondition, check_conditions
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.models import Impact, Language, TicketStatus, TicketView
from domain.pagination import Direction
from domain.tickets.lifecycle import ACTIVE
from domain.tickets.queries import TicketFilter, TicketSort, filtered_tickets
from domain.uow import unit_of_work

NAME_MAX = 80
VIEWS_PER_AGENT = 50
BREACHING_WITHIN = timedelta(hours=24)
BUILT_IN_KEYS = ("mine-open", "unassigned", "breaching-today", "waiting-on-customer")


@dataclass(frozen=True)
class View:
    key: str  # a built-in view's name, or the saved view's id as text
    name: str
    filters: TicketFilter
    sort: TicketSort = TicketSort.CREATED_AT
    direction: Direction = Direction.DESC
    built_in: bool = False
    shared: bool = True
    # Built-in "breaching" views look ahead from the moment they are counted.
    due_within: timedelta | None = None
    row_id: int | None = None

    def filters_now(self) -> TicketFilter:
        if self.due_within is None:
            return self.filters
        return replace(self.filters, due_before=utcnow() + self.due_within)


@dataclass(frozen=True)
class ViewDraft:
    name: str
    filters: TicketFilter
    sort: TicketSort = TicketSort.CREATED_AT
    direction: Direction = Direction.DESC
    shared: bool = False
    ticket_view_id: int | None = None


def built_in_views(viewer: Viewer) -> list[View]:
    """What every agent starts with: their open tickets, the unassigned ones of their
    departments, the ones due within a day, and the ones waiting on the customer."""
    spanish = viewer.language is Language.ES
    running = (*ACTIVE,)
    return [
        View(
            key="mine-open",
            name="Mis tickets abiertos" if spanish else "Mine open",
            filters=TicketFilter(statuses=running, assignee_id=viewer.staff_id or 0),
            sort=TicketSort.UPDATED_AT,
            built_in=True,
        ),
        View(
            key="unassigned",
            name="Sin asignar en mis departamentos" if spanish else "Unassigned in my departments",
            filters=TicketFilter(statuses=running, unassigned=True),
            sort=TicketSort.CREATED_AT,
            direction=Direction.ASC,
            built_in=True,
        ),
        View(
            key="breaching-today",
            name="Vencen hoy" if spanish else "Breaching today",
            filters=TicketFilter(statuses=running),
            sort=TicketSort.SLA_DUE_AT,
            direction=Direction.ASC,
            built_in=True,
            due_within=BREACHING_WITHIN,
        ),
        View(
            key="waiting-on-customer",
            name="Esperando al cliente" if spanish else "Waiting on customer",
            filters=TicketFilter(statuses=(TicketStatus.WAITING_ON_CUSTOMER,)),
            sort=TicketSort.UPDATED_AT,
            built_in=True,
        ),
    ]


def _saved(row: TicketView) -> View:
    stored = row.filters or {}
    return View(
        key=str(row.id),
        name=row.name,
        filters=TicketFilter(
            statuses=tuple(TicketStatus(s) for s in stored.get("statuses", ())),
            impacts=tuple(Impact(i) for i in stored.get("impacts", ())),
            department_id=stored.get("department_id"),
            category_id=stored.get("category_id"),
            assignee_id=stored.get("assignee_id"),
            unassigned=bool(stored.get("unassigned", False)),
            customer_id=stored.get("customer_id"),
            subject_contains=stored.get("subject_contains"),
            tags=tuple(stored.get("tags", ())),
            custom_fields=tuple(
                FieldCondition.from_stored(item) for item in stored.get("custom_fields", ())
            ),
        ),
        sort=TicketSort(row.sort),
        direction=Direction(row.direction),
        shared=row.owner_id is None,
        row_id=row.id,
    )


def _stored(filters: TicketFilter) -> dict[str, Any]:
    values: dict[str, Any] = {
        "statuses": [s.value for s in filters.statuses],
        "impacts": [i.value for i in filters.impacts],
        "department_id": filters.department_id,
        "category_id": filters.category_id,
        "assignee_id": filters.assignee_id,
        "unassigned": filters.unassigned,
        "customer_id": filters.customer_id,
        "subject_contains": filters.subject_contains,
        "tags": list(filters.tags),
        "custom_fields": [condition.stored() for condition in filters.custom_fields],
    }
    return {key: value for key, value in values.items() if value not in (None, [], False)}


def _visible_rows(viewer: Viewer) -> Any:
    return TicketView.filter(Q(owner_id__isnull=True) | Q(owner_id=viewer.staff_id))


async def list_views(*, viewer: Viewer | None) -> list[View]:
    """The built-in views, then the shared ones, then the viewer's own, each by name."""
    viewer = require_staff(viewer)
    rows = await _visible_rows(viewer).order_by("name", "id")
    saved = [_saved(row) for row in rows]
    return [
        *built_in_views(viewer),
        *(view for view in saved if view.shared),
        *(view for view in saved if not view.shared),
    ]


async def find_view(*, viewer: Viewer | None, key: str) -> View:
    for view in await list_views(viewer=viewer):
        if view.key == key:
            return view
    raise NotFound("View not found. / Vista no encontrada.", field="ticketViewId")


async def count_view(viewer: Viewer, view: View) -> int:
    """How many tickets the view holds for this viewer now (an index range count)."""
    return int(await filtered_tickets(viewer, view.filters_now()).count())


async def save_ticket_view(*, viewer: Viewer | None, draft: ViewDraft) -> View:
    """Create or change a view: personal ones for any agent, shared ones for admins."""
    viewer = require_staff(viewer)
    name = " ".join(draft.name.split())
    if not name or len(name) > NAME_MAX:
        raise ValidationFailed(
            f"A view's name has 1 to {NAME_MAX} characters. / "
            f"El nombre de una vista tiene de 1 a {NAME_MAX} caracteres.",
            field="name",
        )
    if draft.filters.due_before is not None:
        raise ValidationFailed(
            "A saved view cannot keep a fixed due time; sort by SLA due time instead. / "
            "Una vista guardada no conserva una hora de vencimiento fija.",
            field="filter",
        )
    await check_conditions(viewer, draft.filters.custom_fields)
    if draft.shared and not viewer.is_admin:
        raise NotAllowed(
            "Only administrators keep shared views; save it as personal. / "
            "Solo los administradores guardan vistas compartidas.",
            field="shared",
        )
    values = {
        "name": name,
        "filters": _stored(draft.filters),
        "sort": draft.sort.value,
        "direction": draft.direction.value,
        "owner_id": None if draft.shared else viewer.staff_id,
    }
    now = utcnow()
    async with unit_of_work() as uow:
        if draft.ticket_view_id is None:
            if await TicketView.filter(owner_id=viewer.staff_id).count() >= VIEWS_PER_AGENT:
                raise ValidationFailed(
                    f"At most {VIEWS_PER_AGENT} personal views. / "
                    f"Como máximo {VIEWS_PER_AGENT} vistas personales.",
                    field="name",
                )
            row = await TicketView.create(
                **values, created_at=now, updated_at=now, using_db=uow.connection
            )
        else:
            row = await _editable(viewer, draft.ticket_view_id, uow.connection)
            await row.update_from_dict({**values, "updated_at": now}).save(using_db=uow.connection)
    return _saved(row)


async def saved_view_by_id(view_id: int) -> View:
    """A saved view by its row (what a retried save that created it gets back)."""
    return _saved(await TicketView.get(id=view_id))


async def delete_ticket_view(*, viewer: Viewer | None, ticket_view_id: int) -> None:
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        row = await _editable(viewer, ticket_view_id, uow.connection)
        await row.delete(using_db=uow.connection)


async def _editable(viewer: Viewer, ticket_view_id: int, connection: Any) -> TicketView:
    row = (
        await _visible_rows(viewer)
        .using_db(connection)
        .select_for_update()
        .get_or_none(id=ticket_view_id)
    )
    if row is None:
        raise NotFound("View not found. / Vista no encontrada.", field="ticketViewId")
    if row.owner_id is None and not viewer.is_admin:
        raise NotAllowed(
            "Only administrators change shared views. / "
            "Solo los administradores cambian las vistas compartidas.",
            field="ticketViewId",
        )
    return row
