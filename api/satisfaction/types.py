"""Satisfaction types: a ticket's rating, what a rating link opens, and the report."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from api.catalog.types import Department
from api.core.enums import SatisfactionRating
from api.people.types import Staff
from domain import models
from domain.satisfaction.ratings import Survey
from domain.satisfaction.report import (
    AgentSatisfaction,
    DepartmentSatisfaction,
    RatingCounts,
)
from domain.satisfaction.survey import changeable_until


@strawberry.type(description="How the requester rated a resolved ticket.")
class TicketSatisfaction:
    rating: SatisfactionRating
    comment: str | None
    rated_at: datetime = strawberry.field(description="When the first answer was given.")
    changed_at: datetime = strawberry.field(description="When the answer last changed.")
    changeable_until: datetime = strawberry.field(
        description="Until when the requester may change the rating and the comment."
    )

    @classmethod
    def from_model(cls, row: models.TicketRating) -> Self:
        return cls(
            rating=row.rating,
            comment=row.comment,
            rated_at=row.rated_at,
            changed_at=row.changed_at,
            changeable_until=changeable_until(row),
        )


@strawberry.type(
    description="What a rating link opens, without logging in: the ticket's number and "
    "subject and its answer so far (no thread, no tracking ID)."
)
class SatisfactionSurvey:
    ticket_number: int
    subject: str
    resolved_at: datetime | None
    satisfaction: TicketSatisfaction | None = strawberry.field(
        description="The answer given so far, if any."
    )

    @classmethod
    def from_domain(cls, survey: Survey) -> Self:
        return cls(
            ticket_number=survey.ticket.number,
            subject=survey.ticket.subject,
            resolved_at=survey.ticket.resolved_at or survey.ticket.closed_at,
            satisfaction=(TicketSatisfaction.from_model(survey.rating) if survey.rating else None),
        )


@strawberry.type(description="Answers counted per rating.")
class SatisfactionCounts:
    good: int
    neutral: int
    bad: int
    total: int
    share_good: float | None = strawberry.field(
        description="Good answers among all, from 0 to 1 (null without answers)."
    )

    @classmethod
    def from_domain(cls, counts: RatingCounts) -> Self:
        return cls(
            good=counts.good,
            neutral=counts.neutral,
            bad=counts.bad,
            total=counts.total,
            share_good=counts.share_good,
        )


@strawberry.type(description="The answers about one agent's tickets.")
class AgentSatisfactionRow:
    agent: Staff | None = strawberry.field(
        description="The ticket's assignee when it was rated (null: unassigned)."
    )
    counts: SatisfactionCounts

    @classmethod
    def from_domain(cls, row: AgentSatisfaction) -> Self:
        return cls(
            agent=Staff.from_model(row.agent) if row.agent else None,
            counts=SatisfactionCounts.from_domain(row.counts),
        )


@strawberry.type(description="The answers about one department's tickets.")
class DepartmentSatisfactionRow:
    department: Department
    counts: SatisfactionCounts

    @classmethod
    def from_domain(cls, row: DepartmentSatisfaction) -> Self:
        return cls(
            department=Department.from_model(row.department),
            counts=SatisfactionCounts.from_domain(row.counts),
        )


@strawberry.type(
    description="Satisfaction answers first given in a period, per agent and per department."
)
class SatisfactionReport:
    start: datetime = strawberry.field(name="from")
    end: datetime = strawberry.field(name="to")
    by_agent: list[AgentSatisfactionRow]
    by_department: list[DepartmentSatisfactionRow]
    total: SatisfactionCounts
    csv_url: str = strawberry.field(
        description="The same report as CSV (GET with the same bearer token; supervisors)."
    )
