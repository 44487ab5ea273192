"""GET /reports/sla.csv?from=…&to=…: the SLA report as CSV, for whoever may read `slaReport`;
GET /reports/satisfaction.csv?from=…&to=…: the satisfaction report, as `satisfactionReport`.

The same domain action decides (supervisors and administrators, a period of at most a
year); a refusal is the GraphQL error shape with its code and the matching HTTP status."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.errors import DomainError, ErrorCode, ValidationFailed
from domain.satisfaction.report import RatingCounts, SatisfactionReport, satisfaction_report
from domain.sla.outcomes import DeadlineStats
from domain.sla.report import ReportRow, sla_report

_STATUS = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.NOT_ALLOWED: 403,
    ErrorCode.VALIDATION: 400,
}
_DEADLINES = ("first_response", "next_response", "resolution")
_STATS = (
    "tickets",
    "met",
    "breached",
    "running",
    "median_business_seconds",
    "p90_business_seconds",
)
HEADER = (
    "support_level",
    "impact",
    "department",
    "assignee",
    "tickets",
    *(f"{deadline}_{stat}" for deadline in _DEADLINES for stat in _STATS),
)


def _moment(request: Request, name: str) -> datetime:
    raw = request.query_params.get(name, "")
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValidationFailed(
            f"'{name}' must be an ISO 8601 date and time with its offset. / "
            f"'{name}' debe ser una fecha y hora ISO 8601 con su desfase horario.",
            field=name,
        )
    return moment


def report_csv(rows: list[ReportRow]) -> str:
    """One line per report row, every deadline's counts and business seconds."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        stats: list[DeadlineStats] = [row.first_response, row.next_response, row.resolution]
        writer.writerow(
            [
                row.support_level.code,
                row.impact.value,
                row.department.code,
                row.assignee.email if row.assignee else "",
                row.tickets,
                *("" if (v := getattr(s, stat)) is None else v for s in stats for stat in _STATS),
            ]
        )
    return buffer.getvalue()


SATISFACTION_HEADER = (
    "scope",
    "agent",
    "department",
    "good",
    "neutral",
    "bad",
    "total",
    "share_good",
)


def _counts(counts: RatingCounts) -> list[object]:
    share = "" if counts.share_good is None else counts.share_good
    return [counts.good, counts.neutral, counts.bad, counts.total, share]


def satisfaction_csv(report: SatisfactionReport) -> str:
    """One line per agent, then per department, then the total."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SATISFACTION_HEADER)
    for agent in report.by_agent:
        email = agent.agent.email if agent.agent else ""
        writer.writerow(["agent", email, "", *_counts(agent.counts)])
    for department in report.by_department:
        writer.writerow(["department", "", department.department.code, *_counts(department.counts)])
    writer.writerow(["total", "", "", *_counts(report.total)])
    return buffer.getvalue()


def _refused(error: DomainError) -> Response:
    return JSONResponse(
        {"errors": [{"message": error.message, "extensions": error.extensions}]},
        status_code=_STATUS.get(error.code, 400),
    )


def _csv(body: str, name: str) -> Response:
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def satisfaction_report_csv(request: Request) -> Response:
    viewer = getattr(request.state, "viewer", None)
    try:
        start, end = _moment(request, "from"), _moment(request, "to")
        report = await satisfaction_report(viewer=viewer, start=start, end=end)
    except DomainError as error:
        return _refused(error)
    name = f"satisfaction-report-{start.date().isoformat()}-{end.date().isoformat()}.csv"
    return _csv(satisfaction_csv(report), name)


async def sla_report_csv(request: Request) -> Response:
    viewer = getattr(request.state, "viewer", None)
    try:
        start, end = _moment(request, "from"), _moment(request, "to")
        rows = await sla_report(viewer=viewer, start=start, end=end)
    except DomainError as error:
        return _refused(error)
    name = f"sla-report-{start.date().isoformat()}-{end.date().isoformat()}.csv"
    return _csv(report_csv(rows), name)
