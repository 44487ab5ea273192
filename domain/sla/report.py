"""The supervisors' SLA report: every deadline of the tickets opened in a period, as it was
met or breached at the time, per support level, impact, department and assignee."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.clock import utcnow
from domain.errors import NotAllowed, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.models import Department, Impact, Staff, SupportLevel, Ticket, TicketStatus
from domain.sla.calendar import BusinessCalendar
from domain.sla.deadlines import STOPPED, pauses_of
from domain.sla.outcomes import DeadlineStats, Measured, summarize, verdict, worst
from domain.sla.policy import Pause, Policy
from domain.sla.terms import PolicyKey, policy_for_key, policy_key

MAX_REPORT_DAYS = 366
_COLUMNS = (
    "id",
    "customer_id",
    "service_id",
    "department_id",
    "assignee_id",
    "sla_level_id",
    "sla_terms",
    "impact",
    "status",
    "created_at",
    "updated_at",
    "first_responded_at",
    "first_response_due_at",
    "next_response_started_at",
    "next_response_due_at",
    "resolution_due_at",
    "resolved_at",
    "closed_at",
    "sla_pauses",
    "sla_next_responses",
)


@dataclass(frozen=True)
class ReportRow:
    support_level: SupportLevel
    impact: Impact
    department: Department
    assignee: Staff | None
    tickets: int
    first_response: DeadlineStats
    next_response: DeadlineStats
    resolution: DeadlineStats

    @property
    def first_responses_met(self) -> int:
        return self.first_response.met

    @property
    def first_responses_breached(self) -> int:
        return self.first_response.breached

    @property
    def median_seconds_to_first_response(self) -> int | None:
        return self.first_response.median_business_seconds

    @property
    def p90_seconds_to_first_response(self) -> int | None:
        return self.first_response.p90_business_seconds


@dataclass(frozen=True)
class TicketMeasures:
    """One ticket's verdict on each kind of deadline."""

    first_response: Measured
    next_response: Measured
    resolution: Measured


def working_time(
    calendar: BusinessCalendar, start: datetime, end: datetime, pauses: Sequence[Pause]
) -> timedelta:
    """Business time from `start` to `end`, less the time spent waiting on the customer."""
    total = calendar.business_time_between(start, end)
    for pause_start, pause_end in pauses:
        lower, upper = max(pause_start, start), min(pause_end or end, end)
        if upper > lower:
            total -= calendar.business_time_between(lower, upper)
    return total


def measure(ticket: Ticket, calendar: BusinessCalendar, now: datetime) -> TicketMeasures:
    """A ticket's deadlines as they were met or breached (pure: the caller loads the rows)."""
    pauses = pauses_of(ticket)
    ended_at = None
    if ticket.status in STOPPED:
        ended_at = ticket.resolved_at or ticket.closed_at or ticket.updated_at
    answered = ticket.first_responded_at
    first = Measured(
        verdict(ticket.first_response_due_at, answered or ended_at, now),
        (working_time(calendar, ticket.created_at, answered, pauses),) if answered else (),
    )
    cycles = [
        (
            datetime.fromisoformat(started or ""),
            datetime.fromisoformat(due) if due else None,
            datetime.fromisoformat(ended or ""),
        )
        for started, due, ended in ticket.sla_next_responses or []
    ]
    outcomes = [verdict(due, ended, now) for _, due, ended in cycles]
    if ticket.next_response_started_at is not None:
        outcomes.append(verdict(ticket.next_response_due_at, None, now))
    following = Measured(
        worst(outcomes),
        tuple(
            calendar.business_time_between(started, ended)
            for started, due, ended in cycles
            if due is not None
        ),
    )
    resolution = Measured(
        verdict(ticket.resolution_due_at, ended_at, now),
        (
            (working_time(calendar, ticket.created_at, ended_at, pauses),)
            if ended_at is not None and ticket.resolution_due_at is not None
            else ()
        ),
    )
    return TicketMeasures(first, following, resolution)


def _check_period(start: datetime, end: datetime) -> None:
    if end <= start or (end - start).days > MAX_REPORT_DAYS:
        raise ValidationFailed(
            f"Choose a period of at most {MAX_REPORT_DAYS} days, ending after it starts. / "
            f"Elija un periodo de {MAX_REPORT_DAYS} días como máximo que termine después de "
            "empezar.",
            field="to",
        )


async def sla_report(*, viewer: Viewer | None, start: datetime, end: datetime) -> list[ReportRow]:
    """Tickets opened in [start, end), each counted once per deadline, grouped by the level it
    started with, its impact, department and assignee."""
    viewer = require_staff(viewer)
    if not viewer.sees_every_department:
        raise NotAllowed(
            "Only supervisors and administrators can read the SLA report. / "
            "Solo supervisores y administradores pueden ver el informe de SLA."
        )
    _check_period(start, end)
    now = utcnow()
    # Spam is no one's promise: a ticket marked spam is left out until it is unmarked.
    tickets = (
        await Ticket.filter(created_at__gte=start, created_at__lt=end)
        .exclude(status=TicketStatus.SPAM)
        .only(*_COLUMNS)
    )
    policies: dict[PolicyKey, Policy | None] = {}
    groups: dict[tuple[int, Impact, int, int | None], list[TicketMeasures]] = defaultdict(list)
    for ticket in tickets:
        key = policy_key(ticket)
        if key not in policies:
            policies[key] = await policy_for_key(key)
        policy = policies[key]
        if policy is None:
            continue  # no promise was made (no level or no target): nothing to report
        group = (policy.level_id, ticket.impact, ticket.department_id, ticket.assignee_id)
        groups[group].append(measure(ticket, policy.calendar, now))
    levels = {level.id: level for level in await SupportLevel.all()}
    departments = {department.id: department for department in await Department.all()}
    assignee_ids = {assignee for *_, assignee in groups if assignee is not None}
    staff = {person.id: person for person in await Staff.filter(id__in=assignee_ids)}
    rows = [
        ReportRow(
            support_level=levels[level_id],
            impact=impact,
            department=departments[department_id],
            assignee=staff.get(assignee_id) if assignee_id is not None else None,
            tickets=len(measures),
            first_response=summarize(m.first_response for m in measures),
            next_response=summarize(m.next_response for m in measures),
            resolution=summarize(m.resolution for m in measures),
        )
        for (level_id, impact, department_id, assignee_id), measures in groups.items()
    ]
    return sorted(
        rows,
        key=lambda row: (
            row.support_level.rank,
            row.impact.value,
            row.department.id,
            row.assignee.name if row.assignee else "",
        ),
    )
