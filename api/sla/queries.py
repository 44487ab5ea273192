"""SLA queries: business calendars (staff) and the supervisors' report."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

import strawberry

from api.catalog.types import BusinessCalendar
from api.core.context import Info
from api.sla.types import SlaReport, SlaReportRow
from domain.sla import admin, report


@strawberry.type
class SlaQuery:
    @strawberry.field(description="Business calendars the SLA targets count on (staff).")
    async def business_calendars(self, info: Info) -> list[BusinessCalendar]:
        rows = await admin.list_business_calendars(viewer=info.context.viewer)
        return [BusinessCalendar.from_model(row) for row in rows]

    @strawberry.field(description="First responses met and breached, for supervisors.")
    async def sla_report(
        self,
        info: Info,
        start: Annotated[datetime, strawberry.argument(name="from")],
        end: Annotated[datetime, strawberry.argument(name="to")],
    ) -> SlaReport:
        rows = await report.sla_report(viewer=info.context.viewer, start=start, end=end)
        period = urlencode({"from": start.isoformat(), "to": end.isoformat()})
        return SlaReport(
            start=start,
            end=end,
            rows=[SlaReportRow.from_domain(row) for row in rows],
            csv_url=f"/reports/sla.csv?{period}",
        )
