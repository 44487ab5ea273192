"""The supervisors' satisfaction report: the answers first given in a period, counted per
rating for each agent and each department (those of the ticket when it was rated), with the
share of good ones. One grouped SQL query, whatever the number of ratings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from tortoise.functions import Count

from domain.errors import NotAllowed, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.models import Department, SatisfactionRating, Staff, TicketRating
from domain.sla.report import MAX_REPORT_DAYS


@dataclass(frozen=True)
class RatingCounts:
    good: int = 0
    neutral: int = 0
    bad: int = 0

    @property
    def total(self) -> int:
        return self.good + self.neutral + self.bad

    @property
    def share_good(self) -> float | None:
        """Good answers among all, from 0 to 1; None without answers."""
        return round(self.good / self.total, 4) if self.total else None

    def plus(self, rating: SatisfactionRating, count: int) -> RatingCounts:
        return RatingCounts(
            good=self.good + (count if rating is SatisfactionRating.GOOD else 0),
            neutral=self.neutral + (count if rating is SatisfactionRating.NEUTRAL else 0),
            bad=self.bad + (count if rating is SatisfactionRating.BAD else 0),
        )


@dataclass(frozen=True)
class AgentSatisfaction:
    agent: Staff | None  # None: tickets rated while unassigned
    counts: RatingCounts


@dataclass(frozen=True)
class DepartmentSatisfaction:
    department: Department
    counts: RatingCounts


@dataclass(frozen=True)
class SatisfactionReport:
    by_agent: list[AgentSatisfaction]
    by_department: list[DepartmentSatisfaction]
    total: RatingCounts


def check_period(start: datetime, end: datetime) -> None:
    if end <= start or (end - start).days > MAX_REPORT_DAYS:
        raise ValidationFailed(
            f"Choose a period of at most {MAX_REPORT_DAYS} days, ending after it starts. / "
            f"Elija un periodo de {MAX_REPORT_DAYS} días como máximo que termine después de "
            "empezar.",
            field="to",
        )


async def satisfaction_report(
    *, viewer: Viewer | None, start: datetime, end: datetime
) -> SatisfactionReport:
    """Ratings first given in [start, end), per agent and per department (supervisors and
    administrators)."""
    viewer = require_staff(viewer)
    if not viewer.sees_every_department:
        raise NotAllowed(
            "Only supervisors and administrators can read the satisfaction report. / "
            "Solo supervisores y administradores pueden ver el informe de satisfacción."
        )
    check_period(start, end)
    groups = (
        await TicketRating.filter(rated_at__gte=start, rated_at__lt=end)
        .annotate(answers=Count("id"))
        .group_by("agent_id", "department_id", "rating")
        .values("agent_id", "department_id", "rating", "answers")
    )
    by_agent: dict[int | None, RatingCounts] = defaultdict(RatingCounts)
    by_department: dict[int, RatingCounts] = defaultdict(RatingCounts)
    total = RatingCounts()
    for group in groups:
        rating, answers = SatisfactionRating(group["rating"]), int(group["answers"])
        agent_id, department_id = group["agent_id"], group["department_id"]
        by_agent[agent_id] = by_agent[agent_id].plus(rating, answers)
        by_department[department_id] = by_department[department_id].plus(rating, answers)
        total = total.plus(rating, answers)
    staff = {s.id: s for s in await Staff.filter(id__in=[pk for pk in by_agent if pk])}
    departments = {d.id: d for d in await Department.filter(id__in=list(by_department))}
    agents = [AgentSatisfaction(staff.get(pk) if pk else None, c) for pk, c in by_agent.items()]
    return SatisfactionReport(
        by_agent=sorted(
            agents, key=lambda row: (row.agent is None, row.agent.name if row.agent else "")
        ),
        by_department=sorted(
            (DepartmentSatisfaction(departments[pk], c) for pk, c in by_department.items()),
            key=lambda row: row.department.id,
        ),
        total=total,
    )
