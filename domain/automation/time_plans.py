"""When time rules are due, planned from indexes: never by scanning open tickets.

A ticket entering a status (the automation stream reads the event that says so, after it
committed) gets one `time_rule_plan` row per active rule for that status, its due moment
computed once: the rule's wait in business time of the ticket's own calendar, or in calendar
time. Any later status change deletes the ticket's rows and plans the new status. The
scheduler's pass reads the rows due through the `due_at` index, so its cost follows the
tickets due, whatever the number open, and turns each into one run (domain.automation.
time_runs) with a job. Saving a rule plans it for the tickets already in its status, in
batches, from a worker job.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.functions import Max

from domain.automation.runs import ticket_calendar
from domain.clock import utcnow
from domain.models import (
    EventKind,
    Ticket,
    TicketEvent,
    TicketStatus,
    TimeRule,
    TimeRuleClock,
    TimeRulePlan,
    TimeRuleRun,
    TriggerRunStatus,
)
from domain.sla.calendar import BusinessCalendar
from domain.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

RUN_ACTOR = "run_time_rule"
PLAN_ACTOR = "plan_time_rule"
SWEEP_BATCH = 200
PLAN_BATCH = 1_000
# The events that put a ticket in a status: each carries it as after["status"].
STATUS_EVENTS = (
    EventKind.CREATED,
    EventKind.STATUS_CHANGED,
    EventKind.MARKED_SPAM,
    EventKind.UNMARKED_SPAM,
)


def entered_status(event: TicketEvent) -> TicketStatus | None:
    """The status an event put its ticket in, or None when it changed no status."""
    if event.kind not in STATUS_EVENTS:
        return None
    status = (event.after or {}).get("status")
    return TicketStatus(status) if status else None


def due_moment(rule: TimeRule, entered_at: datetime, calendar: BusinessCalendar) -> datetime:
    """When the rule is due for a ticket that entered its status at `entered_at`."""
    wait = timedelta(minutes=rule.after_minutes)
    if rule.clock is TimeRuleClock.CALENDAR:
        return entered_at + wait
    return calendar.add_business_time(entered_at, wait)


class _Calendars:
    """Calendars by support level, each read once per batch."""

    def __init__(self) -> None:
        self._by_level: dict[int | None, BusinessCalendar] = {}

    async def of_level(self, level_id: int | None) -> BusinessCalendar:
        if level_id not in self._by_level:
            self._by_level[level_id] = await ticket_calendar(level_id)
        return self._by_level[level_id]


async def active_rules_locked(connection: BaseDBAsyncClient) -> list[TimeRule]:
    """The active rules, locked until the transaction ends: the one rule of every writer of
    plans. A pause, an edit or a delete commits either before (its rule is not read here) or
    after (its own delete then sees the plans stored here), never in between."""
    return await (
        TimeRule.filter(is_active=True).using_db(connection).select_for_update().order_by("id")
    )


def _plans(
    rules: Sequence[TimeRule],
    ticket_id: int,
    event_id: int,
    entered_at: datetime,
    cal: BusinessCalendar,
) -> list[TimeRulePlan]:
    return [
        TimeRulePlan(
            rule_id=rule.id,
            ticket_id=ticket_id,
            entered_event_id=event_id,
            entered_at=entered_at,
            due_at=due_moment(rule, entered_at, cal),
        )
        for rule in rules
    ]


async def plan_from_events(uow: UnitOfWork, events: Sequence[TicketEvent]) -> int:
    """Re-plan the tickets whose status these events changed (the automation stream, in the
    transaction that moves its cursor); returns how many rows were planned."""
    last_entry: dict[int, TicketEvent] = {}
    for event in events:
        if entered_status(event) is not None:
            last_entry[event.ticket_id] = event
    if not last_entry:
        return 0
    connection = uow.connection
    rules = await active_rules_locked(connection)
    if not rules:
        return 0
    by_status: dict[TicketStatus, list[TimeRule]] = defaultdict(list)
    for rule in rules:
        by_status[rule.status].append(rule)
    await TimeRulePlan.filter(ticket_id__in=list(last_entry)).using_db(connection).delete()
    wanted = {
        ticket_id: event
        for ticket_id, event in last_entry.items()
        if by_status.get(cast(TicketStatus, entered_status(event)))
    }
    if not wanted:
        return 0
    levels = dict(
        await Ticket.filter(id__in=list(wanted))
        .using_db(connection)
        .values_list("id", "sla_level_id")
    )
    calendars = _Calendars()
    rows: list[TimeRulePlan] = []
    for ticket_id, event in wanted.items():
        if ticket_id not in levels:
            continue  # deleted since
        calendar = await calendars.of_level(cast(int | None, levels[ticket_id]))
        status = cast(TicketStatus, entered_status(event))
        rows += _plans(by_status[status], ticket_id, event.id, event.created_at, calendar)
    if rows:
        await TimeRulePlan.bulk_create(rows, using_db=connection)
    return len(rows)


async def fire_due(now: datetime | None = None, batch: int = SWEEP_BATCH) -> int:
    """Periodic: each plan row due becomes one run with its job (once, whatever the number
    of schedulers); returns how many runs were recorded."""
    now = now or utcnow()
    recorded = 0
    while True:
        due = await TimeRulePlan.filter(due_at__lte=now).order_by("due_at", "id").limit(batch).all()
        for plan in due:
            recorded += await _fire(plan)
        if len(due) < batch:
            return recorded


async def _fire(plan: TimeRulePlan) -> int:
    try:
        async with unit_of_work() as uow:
            connection = uow.connection
            # The claim: of two schedulers, one deletes the row, the other finds it gone.
            taken = await TimeRulePlan.filter(id=plan.id).using_db(connection).delete()
            if taken != 1:
                return 0
            key = {
                "rule_id": plan.rule_id,
                "ticket_id": plan.ticket_id,
                "entered_event_id": plan.entered_event_id,
            }
            if await TimeRuleRun.filter(**key).using_db(connection).exists():
                return 0  # fired already for this stay in the status
            run = await TimeRuleRun.create(
                **key,
                due_at=plan.due_at,
                status=TriggerRunStatus.PENDING,
                created_at=utcnow(),
                using_db=connection,
            )
            await uow.add_job(RUN_ACTOR, run_id=run.id)
    except IntegrityError:
        # Recorded by another scheduler meanwhile: the row is spent either way.
        await TimeRulePlan.filter(id=plan.id).delete()
        return 0
    return 1


async def schedule_planning(uow: UnitOfWork, rule: TimeRule) -> None:
    """A rule saved, paused or resumed: drop its plans and, when active, plan it anew for
    the tickets in its status (a worker job, in batches)."""
    await TimeRulePlan.filter(rule_id=rule.id).using_db(uow.connection).delete()
    if rule.is_active:
        await uow.add_job(PLAN_ACTOR, rule_id=rule.id)


async def plan_rule(rule_id: int, batch: int = PLAN_BATCH) -> int:
    """Plan a rule for every ticket now in its status, in batches by ticket id, logging the
    progress; stops when the rule changed again meanwhile (its own job plans it then)."""
    rule = await TimeRule.get_or_none(id=rule_id)
    if rule is None or not rule.is_active:
        return 0
    stamp = rule.updated_at
    after_id = 0
    planned = 0
    calendars = _Calendars()
    while True:
        tickets = await (
            Ticket.filter(status=rule.status, id__gt=after_id)
            .order_by("id")
            .limit(batch)
            .values_list("id", "sla_level_id")
        )
        if not tickets:
            break
        ids = [cast(int, row[0]) for row in tickets]
        for _ in range(3):
            try:
                rows = await _plans_for(rule, dict(tickets), calendars)
                added = await _store_plans(rule_id, stamp, ids, rows)
                break
            except IntegrityError:
                continue  # the stream planned one of them meanwhile: read again
        else:
            raise RuntimeError(f"time rule {rule_id}: could not store a batch of plans")
        if added is None:
            logger.info("time rule %s changed while being planned: left to its new job", rule_id)
            return planned
        planned += added
        after_id = ids[-1]
        logger.info("time rule %s: %d tickets planned (to ticket %d)", rule_id, planned, after_id)
    return planned


async def _plans_for(
    rule: TimeRule, levels: dict[int, int | None], calendars: _Calendars
) -> list[TimeRulePlan]:
    """Plans for these tickets' current stays in the rule's status, unless fired already."""
    ids = list(levels)
    latest = await (
        TicketEvent.filter(ticket_id__in=ids, kind__in=STATUS_EVENTS)
        .annotate(last=Max("id"))
        .group_by("ticket_id")
        .values_list("ticket_id", "last")
    )
    entry_ids = [cast(int, row[1]) for row in latest]
    entries = await TicketEvent.filter(id__in=entry_ids).values_list(
        "id", "ticket_id", "created_at"
    )
    fired = set(
        await TimeRuleRun.filter(rule_id=rule.id, ticket_id__in=ids).values_list(
            "ticket_id", "entered_event_id"
        )
    )
    rows: list[TimeRulePlan] = []
    for event_id, ticket_id, entered_at in entries:
        if (ticket_id, event_id) in fired:
            continue
        calendar = await calendars.of_level(levels[cast(int, ticket_id)])
        rows += _plans(
            [rule], cast(int, ticket_id), cast(int, event_id), cast(datetime, entered_at), calendar
        )
    return rows


async def _store_plans(
    rule_id: int, stamp: datetime, ids: list[int], rows: list[TimeRulePlan]
) -> int | None:
    """Store a batch of plans, leaving out tickets planned meanwhile; None when the rule
    changed since the planning began."""
    async with unit_of_work() as uow:
        connection = uow.connection
        # Locked: a pause or an edit committed meanwhile is seen here (and one that comes
        # after waits), so no plan is stored for a rule paused while its batch was built.
        rule = await TimeRule.filter(id=rule_id).using_db(connection).select_for_update().first()
        if rule is None or not rule.is_active or rule.updated_at != stamp:
            return None
        present = set(
            await TimeRulePlan.filter(rule_id=rule_id, ticket_id__in=ids)
            .using_db(connection)
            .values_list("ticket_id", flat=True)
        )
        fresh = [row for row in rows if row.ticket_id not in present]
        if fresh:
            await TimeRulePlan.bulk_create(fresh, using_db=connection)
    return len(fresh)
