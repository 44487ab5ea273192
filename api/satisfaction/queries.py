"""Satisfaction queries: what a rating link opens (anyone with the link) and the
supervisors' report."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

import strawberry

from api.core.context import Info
from api.satisfaction.types import (
    AgentSatisfactionRow,
    DepartmentSatisfactionRow,
    SatisfactionCounts,
    SatisfactionReport,
    SatisfactionSurvey,
)
from domain.satisfaction import ratings, report


@strawberry.type
class SatisfactionQuery:
    @strawberry.field(
        description="Anyone with the rating link mailed when a ticket was resolved: the "
        "ticket's number, subject and answer so far, for the rating page."
    )
    async def satisfaction_survey(self, info: Info, token: str) -> SatisfactionSurvey:
        return SatisfactionSurvey.from_domain(await ratings.survey_for_link(token=token))

    @strawberry.field(
        description="Satisfaction answers first given in a period, per agent and per "
        "department (supervisors and administrators)."
    )
    async def satisfaction_report(
        self,
        info: Info,
        start: Annotated[datetime, strawberry.argument(name="from")],
        end: Annotated[datetime, strawberry.argument(name="to")],
    ) -> SatisfactionReport:
        found = await report.satisfaction_report(viewer=info.context.viewer, start=start, end=end)
        period = urlencode({"from": start.isoformat(), "to": end.isoformat()})
        return SatisfactionReport(
            start=start,
            end=end,
            by_agent=[AgentSatisfactionRow.from_domain(row) for row in found.by_agent],
            by_department=[
                DepartmentSatisfactionRow.from_domain(row) for row in found.by_department
            ],
            total=SatisfactionCounts.from_domain(found.total),
            csv_url=f"/reports/satisfaction.csv?{period}",
        )
