"""Time rule runs: one per (rule, ticket, stay in the status), applied by a worker through the
triggers' own conditions and actions (domain.automation.runs).

When the run's job comes, the ticket must still be in the rule's status since the same
event: a reply, a resolution or any status change after it means the stay the run was
planned for is over (the stream re-planned the new one), and the run is skipped. As a
trigger run, a time rule run is one transaction: claimed once (PENDING → RUNNING) in it, its
actions applied whole or not at all, on the ticket's history as a TIME_RULE_APPLIED event
(which a CALL_WEBHOOK action sends); a refused action leaves only a failed run and its entry.
"""

from __future__ import annotations

from typing import Any

from domain.automation.rules import ActionType
from domain.automation.runs import (
    VIEWER,
    ActionRefused,
    RuleRef,
    apply_actions,
    claim,
    finish,
    unmet_condition,
)
from domain.automation.time_plans import STATUS_EVENTS
from domain.clock import utcnow
from domain.models import (
    EventKind,
    Ticket,
    TicketEvent,
    TimeRule,
    TimeRuleRun,
    TriggerRunStatus,
)
from domain.tickets.changes import record_event_now
from domain.uow import UnitOfWork, atomic, unit_of_work

Status = TriggerRunStatus


async def run_time_rule(run_id: int) -> TriggerRunStatus | None:
    """Check the ticket is still where the rule found it and its conditions hold, then apply
    the rule's actions; None when the run was already taken."""
    try:
        async with atomic() as uow:
            return await _apply(uow, run_id)
    except ActionRefused as refused:
        async with unit_of_work() as uow:
            if not await claim(uow, TimeRuleRun, run_id):
                return None
            run = await _run(uow, run_id)
            entry = await TicketEvent.filter(id=run.entered_event_id).using_db(uow.connection).get()
            failed = {"failed": refused.failure}
            await _history(uow, run, entry, {"actions": [], **failed})
            return await finish(uow, TimeRuleRun, run_id, Status.FAILED, {"applied": [], **failed})


async def _run(uow: UnitOfWork, run_id: int) -> TimeRuleRun:
    query = TimeRuleRun.filter(id=run_id).using_db(uow.connection)
    return await query.select_related("rule").get()


async def _apply(uow: UnitOfWork, run_id: int) -> TriggerRunStatus | None:
    connection = uow.connection
    if not await claim(uow, TimeRuleRun, run_id):
        return None
    now = utcnow()
    run = await _run(uow, run_id)
    rule: TimeRule = run.rule
    ticket = await Ticket.filter(id=run.ticket_id).using_db(connection).first()
    entry = await TicketEvent.filter(id=run.entered_event_id).using_db(connection).first()
    if not rule.is_active or ticket is None or entry is None:
        return await _skip(uow, run_id, {"reason": "gone or paused"})
    moved_on = (
        await TicketEvent.filter(ticket_id=ticket.id, id__gt=entry.id, kind__in=STATUS_EVENTS)
        .using_db(connection)
        .exists()
    )
    if ticket.status is not rule.status or moved_on:
        return await _skip(uow, run_id, {"reason": "left the status"})
    unmet = await unmet_condition(rule.conditions, ticket, entry, at=now)
    if unmet is not None:
        return await _skip(uow, run_id, {"unmet": unmet})
    ref = RuleRef("TimeRule", rule.id, rule.name)
    # Webhooks are called last, with the event that names the rule and what it did.
    calls = [a for a in rule.actions if a["type"] == ActionType.CALL_WEBHOOK.value]
    applied = await apply_actions(
        [a for a in rule.actions if a not in calls], ticket.id, entry, ref
    )
    event = await _history(uow, run, entry, {"actions": applied + [a["type"] for a in calls]})
    applied += await apply_actions(calls, ticket.id, event, ref)
    return await finish(uow, TimeRuleRun, run_id, Status.APPLIED, {"applied": applied})


async def _skip(uow: UnitOfWork, run_id: int, detail: dict[str, Any]) -> TriggerRunStatus:
    return await finish(uow, TimeRuleRun, run_id, Status.SKIPPED, detail)


async def _history(
    uow: UnitOfWork, run: TimeRuleRun, entry: TicketEvent, what: dict[str, Any]
) -> TicketEvent:
    rule: TimeRule = run.rule
    current = await Ticket.filter(id=run.ticket_id).using_db(uow.connection).get()
    after = {
        "timeRuleId": rule.id,
        "timeRule": rule.name,
        "status": rule.status.value,
        "since": entry.created_at.isoformat(),
        **what,
    }
    return await record_event_now(uow, current, EventKind.TIME_RULE_APPLIED, VIEWER, after=after)
