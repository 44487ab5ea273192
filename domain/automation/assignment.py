"""Automatic assignment per department: off, round robin, or the agent with the fewest open
tickets, among the department's active agents who are not away and within their hours.

New tickets (and tickets moved into the department) unassigned when the job runs get one
agent: the job locks the department's assignment row (PostgreSQL: FOR UPDATE; SQLite runs
one writer at a time) and the ticket, and assigns only a ticket that still has nobody, so
concurrent creates, a job delivered twice or a person assigning meanwhile never assign a
ticket twice, and round robin's turns are never skipped or repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.functions import Count

from domain.automation import payloads
from domain.catalog import audit
from domain.catalog.entitlements import calendar_by_id
from domain.clock import utcnow
from domain.errors import NotFound
from domain.identity.access import get_visible_ticket_for_update, require_admin
from domain.identity.away import is_away
from domain.identity.viewer import SYSTEM, Viewer
from domain.models import (
    AgentHours,
    AssignmentMode,
    AutoAssignment,
    BusinessCalendar,
    Department,
    EventKind,
    Staff,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from domain.sla.calendar import BusinessCalendar as Hours
from domain.tickets.desk import apply_assignment
from domain.uow import UnitOfWork, unit_of_work

ASSIGN_ACTOR = "auto_assign_ticket"
OPEN_STATUSES = (
    TicketStatus.NEW,
    TicketStatus.OPEN,
    TicketStatus.WAITING_ON_AGENT,
    TicketStatus.WAITING_ON_CUSTOMER,
)
_FIRES = (EventKind.CREATED, EventKind.DEPARTMENT_CHANGED)


@dataclass(frozen=True)
class DepartmentAssignment:
    department: Department
    mode: AssignmentMode


async def list_auto_assignments(*, viewer: Viewer | None) -> list[DepartmentAssignment]:
    """Every active department with its mode (admins)."""
    require_admin(viewer)
    modes = {row.department_id: row.mode for row in await AutoAssignment.all()}
    departments = await Department.filter(is_active=True).order_by("id")
    return [DepartmentAssignment(d, modes.get(d.id, AssignmentMode.OFF)) for d in departments]


async def set_auto_assignment(
    *, viewer: Viewer | None, department_id: int, mode: AssignmentMode
) -> DepartmentAssignment:
    """Choose how a department's new tickets are assigned (admins, audited)."""
    viewer = require_admin(viewer)
    department = await Department.get_or_none(id=department_id)
    if department is None:
        raise NotFound("Unknown department.", field="departmentId")
    async with unit_of_work() as uow:
        before = await AutoAssignment.get_or_none(department_id=department_id)
        await AutoAssignment.update_or_create(
            department_id=department_id,
            defaults={"mode": mode, "updated_at": utcnow()},
            using_db=uow.connection,
        )
        await audit.record(
            uow.connection,
            actor=viewer,
            action="auto_assignment.update",
            entity="department",
            entity_id=department_id,
            before={"mode": (before.mode if before else AssignmentMode.OFF).value},
            after={"mode": mode.value},
        )
    return DepartmentAssignment(department, mode)


async def set_agent_hours(
    *, viewer: Viewer | None, staff_id: int, calendar_id: int | None
) -> Staff:
    """The hours an agent works (a business calendar), or none: always (admins, audited)."""
    viewer = require_admin(viewer)
    staff = await Staff.get_or_none(id=staff_id)
    if staff is None:
        raise NotFound("Unknown staff member.", field="staffId")
    if calendar_id is not None and not await BusinessCalendar.exists(id=calendar_id):
        raise NotFound("Unknown calendar.", field="calendarId")
    async with unit_of_work() as uow:
        before = await AgentHours.get_or_none(staff_id=staff_id)
        if calendar_id is None:
            await AgentHours.filter(staff_id=staff_id).using_db(uow.connection).delete()
        else:
            await AgentHours.update_or_create(
                staff_id=staff_id, defaults={"calendar_id": calendar_id}, using_db=uow.connection
            )
        await audit.record(
            uow.connection,
            actor=viewer,
            action="agent_hours.update",
            entity="staff",
            entity_id=staff_id,
            before={"calendar_id": before.calendar_id if before else None},
            after={"calendar_id": calendar_id},
        )
    return staff


async def record_assignments(uow: UnitOfWork, events: Sequence[TicketEvent]) -> int:
    """A job per ticket created in (or moved to) a department that assigns automatically."""
    wanted = [e for e in events if e.kind in _FIRES]
    if not wanted:
        return 0
    connection = uow.connection
    assigning = set(
        await AutoAssignment.filter(mode__not=AssignmentMode.OFF)
        .using_db(connection)
        .values_list("department_id", flat=True)
    )
    if not assigning:
        return 0
    tickets = await payloads.ticket_facts(connection, {e.ticket_id for e in wanted})
    queued = 0
    for ticket_id in sorted({e.ticket_id for e in wanted}):
        facts = tickets.get(ticket_id)
        if facts and facts["assignee_id"] is None and facts["department_id"] in assigning:
            await uow.add_job(ASSIGN_ACTOR, ticket_id=ticket_id)
            queued += 1
    return queued


async def available_agents(department_id: int, now: datetime) -> list[int]:
    """Ids of the department's active agents who are not away and within their hours."""
    members = await Staff.filter(departments__id=department_id, is_active=True).order_by("id")
    hours = {
        row.staff_id: row.calendar_id
        for row in await AgentHours.filter(staff_id__in=[m.id for m in members])
    }
    calendars: dict[int, Hours] = {}
    available = []
    for member in members:
        if is_away(member, now):
            continue
        calendar_id = hours.get(member.id)
        if calendar_id is not None:
            if calendar_id not in calendars:
                calendars[calendar_id] = await calendar_by_id(calendar_id)
            if not calendars[calendar_id].is_open(now):
                continue
        available.append(member.id)
    return available


def choose(
    mode: AssignmentMode, candidates: list[int], last: int | None, open_counts: dict[int, int]
) -> int | None:
    """The next agent: candidates in id order, starting after the last one given a ticket;
    least open takes the fewest open tickets, ties in that same order."""
    if not candidates or mode is AssignmentMode.OFF:
        return None
    after = [c for c in candidates if last is None or c > last]
    turn = after + [c for c in candidates if c not in after]
    if mode is AssignmentMode.ROUND_ROBIN:
        return turn[0]
    return min(turn, key=lambda c: open_counts.get(c, 0))


async def auto_assign(ticket_id: int) -> int | None:
    """Assign an unassigned ticket by its department's mode; the agent chosen, or None."""
    async with unit_of_work() as uow:
        ticket = await Ticket.get_or_none(id=ticket_id)
        if ticket is None:
            return None
        config = (
            await AutoAssignment.filter(department_id=ticket.department_id)
            .using_db(uow.connection)
            .select_for_update()
            .first()
        )
        if config is None or config.mode is AssignmentMode.OFF:
            return None
        ticket = await get_visible_ticket_for_update(SYSTEM, ticket_id)
        if ticket.assignee_id is not None or ticket.status not in OPEN_STATUSES:
            return None
        if ticket.department_id != config.department_id:
            return None  # moved meanwhile: the move's own job decides
        candidates = await available_agents(config.department_id, utcnow())
        counts: dict[int, int] = {}
        if config.mode is AssignmentMode.LEAST_OPEN and candidates:
            rows = (
                await Ticket.filter(assignee_id__in=candidates, status__in=OPEN_STATUSES)
                .annotate(open_count=Count("id"))
                .group_by("assignee_id")
                .values_list("assignee_id", "open_count")
            )
            counts = {int(staff): int(count) for staff, count in rows}
        chosen = choose(config.mode, candidates, config.last_staff_id, counts)
        if chosen is None:
            return None
        await apply_assignment(uow, ticket, chosen, SYSTEM)
        await (
            AutoAssignment.filter(department_id=config.department_id)
            .using_db(uow.connection)
            .update(last_staff_id=chosen)
        )
    return chosen
