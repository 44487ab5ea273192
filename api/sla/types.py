"""SLA types: a ticket's deadlines and state, and the supervisors' report."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from api.catalog.types import Department, SupportLevel
from api.core.context import Info
from api.core.enums import Impact, SlaClock
from api.core.ids import encode_id
from api.people.types import Staff
from domain import models
from domain.sla.outcomes import DeadlineStats
from domain.sla.policy import SlaState
from domain.sla.report import ReportRow
from domain.sla.terms import policy_key
from domain.sla.view import ticket_sla

strawberry.enum(SlaState, description="Where a ticket stands against its response promise.")


@strawberry.type(description="A ticket's response promise, its deadlines and where it stands.")
class TicketSla:
    ticket_id: strawberry.ID = strawberry.field(
        description="The ticket's global ID: the key a client cache stores this under."
    )
    clock: SlaClock
    impact: Impact
    first_response_expected_minutes: int
    first_response_due_minutes: int
    resolution_due_minutes: int | None
    first_response_expected_at: datetime | None
    first_response_due_at: datetime | None
    first_responded_at: datetime | None
    next_response_expected_at: datetime | None
    next_response_due_at: datetime | None
    resolution_due_at: datetime | None
    state: SlaState
    business_seconds_remaining: int | None = strawberry.field(
        description="Business time left until the running due time (negative once past)."
    )
    level_pk: strawberry.Private[int]

    @strawberry.field(description="The support level whose targets apply.")
    async def support_level(self, info: Info) -> SupportLevel:
        row = await info.context.loaders.support_level_by_id.load(self.level_pk)
        assert row is not None
        return SupportLevel.from_model(row)


async def sla_of_ticket(info: Info, row: models.Ticket) -> TicketSla | None:
    policy = await info.context.loaders.sla_policy.load(policy_key(row))
    if policy is None:
        return None
    view = ticket_sla(row, policy)
    return TicketSla(
        ticket_id=strawberry.ID(encode_id("Ticket", row.id)),
        clock=view.clock,
        impact=row.impact,
        first_response_expected_minutes=int(view.expected.total_seconds() // 60),
        first_response_due_minutes=int(view.due.total_seconds() // 60),
        resolution_due_minutes=(
            int(view.resolution.total_seconds() // 60) if view.resolution is not None else None
        ),
        first_response_expected_at=view.first_response_expected_at,
        first_response_due_at=view.first_response_due_at,
        first_responded_at=view.first_responded_at,
        next_response_expected_at=view.next_response_expected_at,
        next_response_due_at=view.next_response_due_at,
        resolution_due_at=view.resolution_due_at,
        state=view.state,
        business_seconds_remaining=view.business_seconds_remaining,
        level_pk=view.level_id,
    )


@strawberry.type(description="One kind of deadline over a report row's tickets.")
class SlaDeadlineStats:
    tickets: int = strawberry.field(description="Tickets that owe it: met + breached + running.")
    met: int = strawberry.field(description="Answered (or ended) by the due moment.")
    breached: int = strawberry.field(description="The due moment passed first.")
    running: int = strawberry.field(description="Not answered yet, and not due yet.")
    median_business_seconds: int | None = strawberry.field(
        description="Median business time the answers took (pauses not counted)."
    )
    p90_business_seconds: int | None

    @classmethod
    def from_domain(cls, stats: DeadlineStats) -> Self:
        return cls(
            tickets=stats.tickets,
            met=stats.met,
            breached=stats.breached,
            running=stats.running,
            median_business_seconds=stats.median_business_seconds,
            p90_business_seconds=stats.p90_business_seconds,
        )


@strawberry.type(
    description="Tickets of one support level (as they started), impact, department and "
    "assignee opened in a period, and how each kind of deadline was kept."
)
class SlaReportRow:
    support_level: SupportLevel
    impact: Impact
    department: Department
    assignee: Staff | None
    tickets: int
    first_responses: SlaDeadlineStats
    next_responses: SlaDeadlineStats = strawberry.field(
        description="Per ticket: breached if any next response was, running if one is owed."
    )
    resolutions: SlaDeadlineStats
    first_responses_met: int
    first_responses_breached: int
    median_business_seconds_to_first_response: int | None
    p90_business_seconds_to_first_response: int | None

    @classmethod
    def from_domain(cls, row: ReportRow) -> Self:
        return cls(
            support_level=SupportLevel.from_model(row.support_level),
            impact=row.impact,
            department=Department.from_model(row.department),
            assignee=Staff.from_model(row.assignee) if row.assignee else None,
            tickets=row.tickets,
            first_responses=SlaDeadlineStats.from_domain(row.first_response),
            next_responses=SlaDeadlineStats.from_domain(row.next_response),
            resolutions=SlaDeadlineStats.from_domain(row.resolution),
            first_responses_met=row.first_responses_met,
            first_responses_breached=row.first_responses_breached,
            median_business_seconds_to_first_response=row.median_seconds_to_first_response,
            p90_business_seconds_to_first_response=row.p90_seconds_to_first_response,
        )


@strawberry.type(description="How the response promises were kept, for tickets opened in a period.")
class SlaReport:
    start: datetime = strawberry.field(name="from")
    end: datetime = strawberry.field(name="to")
    rows: list[SlaReportRow]
    csv_url: str = strawberry.field(
        description="The same report as CSV (GET with the same bearer token; supervisors)."
    )
