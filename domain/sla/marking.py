"""Recording warnings and breaches exactly once, from the scheduler's sweep over the
`sla_check_at` index (or a direct check)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tortoise.expressions import Q

from domain.clock import utcnow
from domain.identity.viewer import SYSTEM
from domain.models import EventKind, Ticket
from domain.sla.deadlines import alerts_to_mark
from domain.sla.policy import Alert, AlertKind
from domain.tickets.changes import record_event_now
from domain.uow import UnitOfWork, unit_of_work

NOTIFY_ACTOR = "notify_sla_alert"
SWEEP_BATCH = 500

# Called with each alert recorded (metrics hook it here; the domain stays framework-free).
AlertListener = Callable[[AlertKind], None]
alert_listeners: list[AlertListener] = []

_MARKED_COLUMN = {AlertKind.WARNING: "sla_warned_for", AlertKind.BREACH: "sla_breached_for"}
_EVENT = {AlertKind.WARNING: EventKind.SLA_WARNING, AlertKind.BREACH: EventKind.SLA_BREACHED}


async def check_ticket_sla(*, ticket_id: int, planned_for: datetime | None = None) -> int:
    """Record the ticket's passed warnings and breaches; with `planned_for`, only when that
    moment is still one of its deadlines. Returns how many were recorded."""
    now = utcnow()
    async with unit_of_work() as uow:
        ticket = await Ticket.filter(id=ticket_id).using_db(uow.connection).first()
        if ticket is None:
            return 0
        alerts = alerts_to_mark(ticket)
        if planned_for is not None and planned_for not in {alert.at for alert in alerts}:
            return 0  # the deadline moved or was already marked: its new check is planned
        recorded = 0
        for alert in alerts:
            if alert.at > now:
                break
            recorded += await _mark(uow, ticket, alert)
        remaining = [alert for alert in alerts_to_mark(ticket) if alert.at > now]
        next_check = remaining[0].at if remaining else None
        await (
            Ticket.filter(id=ticket.id, sla_check_at=ticket.sla_check_at)
            .using_db(uow.connection)
            .update(sla_check_at=next_check)
        )
    return recorded


async def _mark(uow: UnitOfWork, ticket: Ticket, alert: Alert) -> int:
    """One conditional update: only the first of concurrent markers records the alert."""
    marked = _MARKED_COLUMN[alert.kind]
    unmarked: dict[str, object] = {f"{marked}__isnull": True}
    earlier: dict[str, object] = {f"{marked}__lt": alert.at}
    not_yet = Q(**unmarked) | Q(**earlier)  # type: ignore[arg-type]
    updated = await (
        Ticket.filter(not_yet, id=ticket.id, **{alert.column: alert.at})
        .using_db(uow.connection)
        .update(**{marked: alert.at})
    )
    if updated != 1:
        return 0
    setattr(ticket, marked, alert.at)
    field = "firstResponse" if alert.column.startswith("first") else alert.column.split("_")[0]
    event = await record_event_now(
        uow,
        ticket,
        _EVENT[alert.kind],
        SYSTEM,
        after={"deadline": field, "at": alert.at.isoformat()},
    )
    await uow.add_job(NOTIFY_ACTOR, ticket_id=ticket.id, event_id=event.id)
    for listener in alert_listeners:
        listener(alert.kind)
    return 1


async def tickets_due_for_sla_check(*, now: datetime | None = None) -> list[int]:
    """Ids of tickets with a passed check moment, from the index (cost follows those due)."""
    moment = now or utcnow()
    rows = await (
        Ticket.filter(sla_check_at__lte=moment)
        .order_by("sla_check_at")
        .limit(SWEEP_BATCH)
        .values_list("id", flat=True)
    )
    return list(rows)  # type: ignore[arg-type]


async def sweep_sla() -> int:
    """Record every warning and breach whose moment passed: the scheduler runs it every
    MESA_SLA_SWEEP_SECONDS, the one path alerts take (no delayed message to lose)."""
    recorded = 0
    while True:
        due = await tickets_due_for_sla_check()
        for ticket_id in due:
            recorded += await check_ticket_sla(ticket_id=ticket_id)
        if len(due) < SWEEP_BATCH:
            return recorded
