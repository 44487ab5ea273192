"""Macros and bulk updates: several changes to a ticket at once (Zammad macros, FreeScout
workflows run by hand, osTicket's mass actions).

`TicketChanges` is what an agent may change in one go: impact, department and category,
assignee, tags added and removed, a canned reply, an internal note, resolved or closed. A
macro keeps a `TicketChanges`; `apply_changes` makes each change through the same action an
agent would run one by one (so authorisation, events, notifications and SLA are the same),
all of them in one transaction: all or nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from domain.clock import utcnow
from domain.errors import DomainError, NotAllowed, NotFound, ValidationFailed
from domain.identity.access import (
    TicketRef,
    Unchanged,
    get_visible_ticket_for_update,
    require_staff,
)
from domain.identity.viewer import Viewer
from domain.models import (
    Department,
    Impact,
    Macro,
    Staff,
    Ticket,
    TicketStatus,
    TicketTag,
)
from domain.tickets import actions, desk, replies
from domain.uow import atomic, unit_of_work
from domain.workspace import canned
from domain.workspace.tags import normalise_tags, set_ticket_tags

TITLE_MAX = 120
NOTE_MAX = 10_000
BULK_MAX = 100


class FinalStatus(StrEnum):
    """Where a macro or bulk update leaves the ticket, after its other changes."""

    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"


class AssignTo(StrEnum):
    ME = "ME"  # whoever applies it
    NOBODY = "NOBODY"
    STAFF = "STAFF"  # the staff member named by `assignee_id`


@dataclass(frozen=True)
class TicketChanges:
    impact: Impact | None = None
    department_id: int | None = None
    category_id: int | None = None
    assign_to: AssignTo | None = None
    assignee_id: int | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    canned_response_id: int | None = None  # sent as a public reply
    note: str | None = None  # added as an internal note
    status: FinalStatus | None = None

    @property
    def empty(self) -> bool:
        return self == TicketChanges()

    def to_json(self) -> dict[str, Any]:
        values = dataclasses.asdict(self)
        values["add_tags"] = list(self.add_tags)
        values["remove_tags"] = list(self.remove_tags)
        return {key: value for key, value in values.items() if value not in (None, [])}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TicketChanges:
        return cls(
            impact=Impact(data["impact"]) if data.get("impact") else None,
            department_id=data.get("department_id"),
            category_id=data.get("category_id"),
            assign_to=AssignTo(data["assign_to"]) if data.get("assign_to") else None,
            assignee_id=data.get("assignee_id"),
            add_tags=tuple(data.get("add_tags", ())),
            remove_tags=tuple(data.get("remove_tags", ())),
            canned_response_id=data.get("canned_response_id"),
            note=data.get("note"),
            status=FinalStatus(data["status"]) if data.get("status") else None,
        )


async def checked(viewer: Viewer, changes: TicketChanges) -> TicketChanges:
    """The changes with tags and note normalised; refused (naming the field) when one cannot
    be made whatever the ticket: nothing to do, an unknown assignee, department or response."""
    if changes.empty:
        raise ValidationFailed(
            "Choose at least one change. / Elija al menos un cambio.", field="actions"
        )
    note = changes.note.replace("\x00", "").strip() if changes.note is not None else None
    if note is not None and not 1 <= len(note) <= NOTE_MAX:
        raise ValidationFailed(
            f"A note has 1 to {NOTE_MAX} characters. / Una nota tiene de 1 a {NOTE_MAX} "
            "caracteres.",
            field="note",
        )
    add, remove = normalise_tags(changes.add_tags), normalise_tags(changes.remove_tags)
    if set(add) & set(remove):
        raise ValidationFailed(
            "A tag cannot be added and removed at once. / Una etiqueta no se puede añadir y "
            "quitar a la vez.",
            field="removeTags",
        )
    if (changes.assign_to is AssignTo.STAFF) != (changes.assignee_id is not None):
        raise ValidationFailed(
            "Name the staff member exactly when assigning to one. / Indique el miembro del "
            "equipo solo al asignar a uno.",
            field="assigneeId",
        )
    if changes.assignee_id is not None and not await Staff.exists(
        id=changes.assignee_id, is_active=True
    ):
        raise NotFound(
            "Unknown staff member. / Miembro del equipo desconocido.", field="assigneeId"
        )
    if changes.department_id is not None and not await Department.exists(id=changes.department_id):
        raise NotFound("Unknown department. / Departamento desconocido.", field="departmentId")
    if (
        changes.canned_response_id is not None
        and not await canned.usable_by(viewer).filter(id=changes.canned_response_id).exists()
    ):
        raise NotFound(
            "Canned response not found. / Respuesta predefinida no encontrada.",
            field="cannedResponseId",
        )
    return dataclasses.replace(changes, note=note, add_tags=tuple(add), remove_tags=tuple(remove))


async def apply_changes(
    *, viewer: Viewer | None, ticket_id: TicketRef, changes: TicketChanges
) -> Ticket:
    """Make every change to one ticket, as one transaction: all of them or none."""
    viewer = require_staff(viewer)
    changes = await checked(viewer, changes)
    async with atomic():
        # Locked (and checked against the version the agent loaded) before any change.
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        ref = ticket.id
        if changes.impact or changes.department_id or changes.category_id:
            triage = desk.Triage(changes.impact, changes.department_id, changes.category_id)
            ticket = await desk.triage_ticket(viewer=viewer, ticket_id=ref, triage=triage)
        if changes.assign_to is not None:
            assignee = {
                AssignTo.ME: viewer.staff_id,
                AssignTo.NOBODY: None,
                AssignTo.STAFF: changes.assignee_id,
            }[changes.assign_to]
            ticket = await desk.assign_ticket(viewer=viewer, ticket_id=ref, assignee_id=assignee)
        if changes.add_tags or changes.remove_tags:
            current = await TicketTag.filter(ticket_id=ref).values_list("tag__name", flat=True)
            wanted = (set(map(str, current)) | set(changes.add_tags)) - set(changes.remove_tags)
            ticket = await set_ticket_tags(viewer=viewer, ticket_id=ref, names=sorted(wanted))
        if changes.canned_response_id is not None:
            reply = await replies.reply_to_ticket(
                viewer=viewer, ticket_id=ref, body="", canned_response_id=changes.canned_response_id
            )
            ticket = reply.ticket
        if changes.note is not None:
            ticket = (
                await replies.reply_to_ticket(
                    viewer=viewer, ticket_id=ref, body=changes.note, internal=True
                )
            ).ticket
        if changes.status is FinalStatus.RESOLVED and ticket.status is not TicketStatus.RESOLVED:
            ticket = await actions.resolve_ticket(viewer=viewer, ticket_id=ref)
        if changes.status is FinalStatus.CLOSED and ticket.status is not TicketStatus.CLOSED:
            ticket = await desk.close_ticket(viewer=viewer, ticket_id=ref)
    return await Ticket.get(id=ref)


# Macros


def usable_by(viewer: Viewer) -> QuerySet[Macro]:
    """The viewer's own macros and the shared ones of their departments (shared ones without a
    department are for everyone)."""
    shared = Q(owner_id__isnull=True)
    if not viewer.sees_every_department:
        shared &= Q(department_id__isnull=True) | Q(department_id__in=list(viewer.department_ids))
    return Macro.filter(shared | Q(owner_id=viewer.staff_id))


@dataclass(frozen=True)
class MacroDraft:
    title: str
    changes: TicketChanges
    department_id: int | None = None
    personal: bool = False
    macro_id: int | None = None


async def list_macros(*, viewer: Viewer | None, department_id: int | None = None) -> list[Macro]:
    viewer = require_staff(viewer)
    query = usable_by(viewer)
    if department_id is not None:
        query = query.filter(Q(department_id=department_id) | Q(department_id__isnull=True))
    return await query.order_by("title", "id").limit(500)


async def save_macro(*, viewer: Viewer | None, draft: MacroDraft) -> Macro:
    """Create or change a macro: personal ones for any agent, shared ones for supervisors and
    admins (as canned responses)."""
    viewer = require_staff(viewer)
    title = " ".join(draft.title.replace("\x00", "").split())
    if not 1 <= len(title) <= TITLE_MAX:
        raise ValidationFailed(
            f"A title has 1 to {TITLE_MAX} characters. / El título tiene de 1 a {TITLE_MAX} "
            "caracteres.",
            field="title",
        )
    if not draft.personal and not viewer.sees_every_department:
        raise NotAllowed(
            "Only supervisors and admins keep shared macros; save it as personal. / Solo "
            "supervisores y administradores guardan macros compartidas.",
            field="personal",
        )
    if draft.department_id is not None and not await Department.exists(id=draft.department_id):
        raise NotFound("Unknown department. / Departamento desconocido.", field="departmentId")
    changes = await checked(viewer, draft.changes)
    values = {
        "title": title,
        "actions": changes.to_json(),
        "department_id": draft.department_id,
        "owner_id": viewer.staff_id if draft.personal else None,
    }
    now = utcnow()
    async with unit_of_work() as uow:
        if draft.macro_id is None:
            return await Macro.create(
                **values, created_at=now, updated_at=now, using_db=uow.connection
            )
        row = await _editable(viewer, draft.macro_id, uow.connection)
        await row.update_from_dict({**values, "updated_at": now}).save(using_db=uow.connection)
        return row


async def delete_macro(*, viewer: Viewer | None, macro_id: int) -> None:
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        row = await _editable(viewer, macro_id, uow.connection)
        await row.delete(using_db=uow.connection)


async def _usable(viewer: Viewer, macro_id: int, connection: object | None = None) -> Macro:
    query = usable_by(viewer)
    if connection is not None:
        query = query.using_db(connection).select_for_update()  # type: ignore[arg-type]
    row = await query.get_or_none(id=macro_id)
    if row is None:
        raise NotFound("Macro not found. / Macro no encontrada.", field="macroId")
    return row


async def _editable(viewer: Viewer, macro_id: int, connection: object) -> Macro:
    row = await _usable(viewer, macro_id, connection)
    if row.owner_id is None and not viewer.sees_every_department:
        raise NotAllowed(
            "Only supervisors and admins change shared macros. / Solo supervisores y "
            "administradores cambian las macros compartidas.",
            field="macroId",
        )
    return row


async def macro_changes(viewer: Viewer, macro_id: int) -> TicketChanges:
    return TicketChanges.from_json((await _usable(viewer, macro_id)).actions)


async def apply_macro(*, viewer: Viewer | None, ticket_id: TicketRef, macro_id: int) -> Ticket:
    viewer = require_staff(viewer)
    changes = await macro_changes(viewer, macro_id)
    return await apply_changes(viewer=viewer, ticket_id=ticket_id, changes=changes)


# Bulk updates


@dataclass(frozen=True)
class BulkOutcome:
    ticket_id: TicketRef
    ticket: Ticket | None = None
    error: DomainError | None = None


async def bulk_update(
    *,
    viewer: Viewer | None,
    ticket_ids: Sequence[TicketRef],
    changes: TicketChanges | None = None,
    macro_id: int | None = None,
) -> list[BulkOutcome]:
    """The same changes (or a macro) on up to BULK_MAX tickets: one transaction a ticket, so
    one ticket's refusal (not visible, changed meanwhile, a transition not possible) is
    reported for it and leaves the others done."""
    viewer = require_staff(viewer)
    if not 1 <= len(ticket_ids) <= BULK_MAX:
        raise ValidationFailed(
            f"Choose 1 to {BULK_MAX} tickets. / Elija de 1 a {BULK_MAX} tickets.",
            field="ticketIds",
        )
    if len({_plain(ref) for ref in ticket_ids}) != len(ticket_ids):
        raise ValidationFailed(
            "A ticket is named twice. / Un ticket está repetido.", field="ticketIds"
        )
    if (changes is None) == (macro_id is None):
        raise ValidationFailed(
            "Give either the changes or a macro. / Indique los cambios o una macro.",
            field="macroId",
        )
    wanted = await macro_changes(viewer, macro_id) if macro_id is not None else changes
    assert wanted is not None
    wanted = await checked(viewer, wanted)
    outcomes = []
    for ref in ticket_ids:
        try:
            ticket = await apply_changes(viewer=viewer, ticket_id=ref, changes=wanted)
        except DomainError as error:
            outcomes.append(BulkOutcome(ref, error=error))
        else:
            outcomes.append(BulkOutcome(ref, ticket=ticket))
    return outcomes


def _plain(ref: TicketRef) -> int | str:
    return ref.ticket if isinstance(ref, Unchanged) else ref
