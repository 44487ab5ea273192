"""The supervisors' SLA report: first responses met and breached per level and impact."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from domain.clock import utcnow
from domain.errors import NotAllowed, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.models import Impact, SupportLevel, Ticket
from domain.sla.policy import Policy
from domain.sla.terms import PolicyKey, policy_for_key, policy_key

MAX_REPORT_DAYS = 366


@dataclass(frozen=True)
class ReportRow:
    support_level: SupportLevel
    impact: Impact
    tickets: int
    first_responses_met: int
    first_responses_breached: int
    median_seconds_to_first_response: int | None
    p90_seconds_to_first_response: int | None


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


async def sla_report(*, viewer: Viewer | None, start: datetime, end: datetime) -> list[ReportRow]:
    """Tickets opened in [start, end), grouped by support level and impact."""
    viewer = require_staff(viewer)
    if not viewer.sees_every_department:
        raise NotAllowed("Only supervisors and administrators can read the SLA report.")
    if end <= start or (end - start).days > MAX_REPORT_DAYS:
        raise ValidationFailed(
            f"Choose a period of at most {MAX_REPORT_DAYS} days, ending after it starts.",
            field="to",
        )
    now = utcnow()
    tickets = await Ticket.filter(created_at__gte=start, created_at__lt=end).only(
        "id",
        "customer_id",
        "service_id",
        "sla_level_id",
        "sla_terms",
        "impact",
        "created_at",
        "first_responded_at",
        "first_response_due_at",
    )
    levels = {level.id: level for level in await SupportLevel.all()}
    policies: dict[PolicyKey, Policy | None] = {}
    groups: dict[tuple[int, Impact], list[tuple[Ticket, Policy]]] = defaultdict(list)
    for ticket in tickets:
        key = policy_key(ticket)
        if key not in policies:
            policies[key] = await policy_for_key(key)
        policy = policies[key]
        if policy is not None:  # grouped by the level the ticket started with
            groups[(policy.level_id, ticket.impact)].append((ticket, policy))
    rows = []
    for (level_id, impact), pairs in sorted(
        groups.items(), key=lambda item: (levels[item[0][0]].rank, item[0][1].value)
    ):
        members = [t for t, _ in pairs]
        durations = [
            policy.calendar.business_time_between(
                t.created_at, t.first_responded_at
            ).total_seconds()
            for t, policy in pairs
            if t.first_responded_at is not None
        ]
        met = sum(
            1
            for t in members
            if t.first_responded_at is not None
            and (t.first_response_due_at is None or t.first_responded_at <= t.first_response_due_at)
        )
        breached = sum(
            1
            for t in members
            if t.first_response_due_at is not None
            and (t.first_responded_at or now) > t.first_response_due_at
        )
        rows.append(
            ReportRow(
                support_level=levels[level_id],
                impact=impact,
                tickets=len(members),
                first_responses_met=met,
                first_responses_breached=breached,
                median_seconds_to_first_response=(
                    int(statistics.median(durations)) if durations else None
                ),
                p90_seconds_to_first_response=(
                    int(percentile(durations, 0.9)) if durations else None
                ),
            )
        )
    return rows
