"""Canned responses: replies agents keep ready, shared per department or personal, in Spanish
and English, with placeholders filled in from the ticket."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from domain.clock import utcnow
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import get_visible_ticket, require_staff
from domain.identity.viewer import Viewer
from domain.models import CannedResponse, Customer, Department, Language, Staff, Ticket
from domain.uow import unit_of_work

TITLE_MAX = 120
BODY_MAX = 10_000
# What a placeholder may name, and where its value comes from.
PLACEHOLDERS = ("customer_name", "tracking_id", "agent_name", "ticket_subject", "sla_due_at")
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Anything written like a placeholder: it must be one of PLACEHOLDERS, or it is a mistake.
_ANY_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


@dataclass(frozen=True)
class CannedDraft:
    title: str
    body_es: str
    body_en: str
    department_id: int | None = None
    personal: bool = False
    canned_response_id: int | None = None


def placeholders_in(body: str) -> set[str]:
    return {name.strip() for name in _ANY_PLACEHOLDER.findall(body)}


def fill(body: str, values: dict[str, str]) -> str:
    """One pass over the body: a value that itself looks like a placeholder stays as it is."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), body)


def _checked_body(body: str, field: str) -> str:
    body = body.replace("\x00", "").strip()
    if not body:
        raise ValidationFailed("Write the response. / Escriba la respuesta.", field=field)
    if len(body) > BODY_MAX:
        raise ValidationFailed(
            f"A response is at most {BODY_MAX} characters. / "
            f"Una respuesta tiene como máximo {BODY_MAX} caracteres.",
            field=field,
        )
    unknown = sorted(placeholders_in(body) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationFailed(
            f"Unknown placeholders: {', '.join(unknown)} (use {', '.join(PLACEHOLDERS)}). / "
            f"Marcadores desconocidos: {', '.join(unknown)}.",
            field=field,
        )
    return body


def usable_by(viewer: Viewer) -> QuerySet[CannedResponse]:
    """The viewer's own personal responses and the shared ones of their departments (shared
    ones without a department are for everyone)."""
    shared = Q(owner_id__isnull=True)
    if not viewer.sees_every_department:
        shared &= Q(department_id__isnull=True) | Q(department_id__in=list(viewer.department_ids))
    return CannedResponse.filter(shared | Q(owner_id=viewer.staff_id))


async def list_canned_responses(
    *, viewer: Viewer | None, department_id: int | None = None, search: str | None = None
) -> list[CannedResponse]:
    viewer = require_staff(viewer)
    query = usable_by(viewer)
    if department_id is not None:
        query = query.filter(Q(department_id=department_id) | Q(department_id__isnull=True))
    if search and search.strip():
        query = query.filter(title__icontains=search.strip()[:TITLE_MAX])
    return await query.order_by("title", "id").limit(500)


async def save_canned_response(*, viewer: Viewer | None, draft: CannedDraft) -> CannedResponse:
    """Create or change a canned response: personal ones for any agent, shared ones for
    supervisors and admins."""
    viewer = require_staff(viewer)
    title = " ".join(draft.title.split())
    if not title or len(title) > TITLE_MAX:
        raise ValidationFailed(
            f"A title has 1 to {TITLE_MAX} characters. / "
            f"El título tiene de 1 a {TITLE_MAX} caracteres.",
            field="title",
        )
    values = {
        "title": title,
        "body_es": _checked_body(draft.body_es, "bodyEs"),
        "body_en": _checked_body(draft.body_en, "bodyEn"),
        "department_id": draft.department_id,
        "owner_id": viewer.staff_id if draft.personal else None,
    }
    if not draft.personal and not viewer.sees_every_department:
        raise NotAllowed(
            "Only supervisors and admins keep shared responses; save it as personal. / "
            "Solo supervisores y administradores guardan respuestas compartidas.",
            field="personal",
        )
    if draft.department_id is not None and not await Department.exists(id=draft.department_id):
        raise NotFound("Unknown department. / Departamento desconocido.", field="departmentId")
    now = utcnow()
    async with unit_of_work() as uow:
        if draft.canned_response_id is None:
            return await CannedResponse.create(
                **values, created_at=now, updated_at=now, using_db=uow.connection
            )
        row = await _editable(viewer, draft.canned_response_id, uow.connection)
        await row.update_from_dict({**values, "updated_at": now}).save(using_db=uow.connection)
        return row


async def delete_canned_response(*, viewer: Viewer | None, canned_response_id: int) -> None:
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        row = await _editable(viewer, canned_response_id, uow.connection)
        await row.delete(using_db=uow.connection)


async def _editable(viewer: Viewer, canned_response_id: int, connection: object) -> CannedResponse:
    """A response the viewer may change: their own, or a shared one for supervisors and admins."""
    row = (
        await usable_by(viewer)
        .using_db(connection)  # type: ignore[arg-type]
        .select_for_update()
        .get_or_none(id=canned_response_id)
    )
    if row is None:
        raise NotFound(
            "Canned response not found. / Respuesta predefinida no encontrada.",
            field="cannedResponseId",
        )
    if row.owner_id is None and not viewer.sees_every_department:
        raise NotAllowed(
            "Only supervisors and admins change shared responses. / "
            "Solo supervisores y administradores cambian las respuestas compartidas.",
            field="cannedResponseId",
        )
    return row


async def render_for_ticket(*, viewer: Viewer, canned_response_id: int, ticket: Ticket) -> str:
    """The response in the requester's language with the ticket's values filled in."""
    viewer = require_staff(viewer)
    row = await usable_by(viewer).get_or_none(id=canned_response_id)
    if row is None:
        raise NotFound(
            "Canned response not found. / Respuesta predefinida no encontrada.",
            field="cannedResponseId",
        )
    customer = await Customer.get_or_none(id=ticket.customer_id) if ticket.customer_id else None
    language = customer.language if customer else Language.ES
    agent = await Staff.get_or_none(id=viewer.staff_id) if viewer.staff_id else None
    due = ticket.sla_due_at
    values = {
        "customer_name": customer.name if customer else (ticket.guest_name or ""),
        "tracking_id": ticket.tracking_id,
        "agent_name": agent.name if agent else viewer.name,
        "ticket_subject": ticket.subject,
        "sla_due_at": due.strftime("%Y-%m-%d %H:%M UTC") if due else "",
    }
    return fill(row.body_en if language is Language.EN else row.body_es, values)


async def render_canned_response(
    *, viewer: Viewer | None, canned_response_id: int, ticket_id: int
) -> str:
    """The response as it would be sent on a ticket the viewer works on, to edit first."""
    viewer = require_staff(viewer)
    ticket = await get_visible_ticket(viewer, ticket_id)
    return await render_for_ticket(
        viewer=viewer, canned_response_id=canned_response_id, ticket=ticket
    )
