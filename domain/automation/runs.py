"""Trigger runs: recorded from the automation stream, one per (trigger, event) at most, and
applied by a worker after the event committed.

Loops cannot run away: an event a run's actions cause carries the run
(`ticket_event.caused_by_run_id`), a trigger never fires on its own run's changes, and a
chain of triggers firing on each other's changes stops at MAX_DEPTH runs (the first run has
depth 0; an event its actions cause fires runs of depth 1; none past depth MAX_DEPTH - 1).
A run is claimed once (PENDING → RUNNING, in the transaction that applies it): a job
delivered twice applies nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.automation import deliveries
from domain.automation.rules import ActionType, TriggerEvent, trigger_events_of
from domain.catalog.entitlements import calendar_of
from domain.clock import utcnow
from domain.custom_fields.values import unmet_equals
from domain.errors import DomainError
from domain.identity.access import get_visible_ticket_for_update
from domain.identity.viewer import SYSTEM
from domain.models import (
    Customer,
    EventKind,
    Impact,
    Message,
    Staff,
    SupportLevel,
    Ticket,
    TicketEvent,
    TicketRating,
    TicketStatus,
    TicketTag,
    TimeRuleRun,
    Trigger,
    TriggerRun,
    TriggerRunStatus,
)
from domain.sla.calendar import BusinessCalendar
from domain.tickets import actions as ticket_actions
from domain.tickets import desk, notices
from domain.tickets.changes import add_message, caused_by_run, record_event
from domain.tickets.first_message import is_first_message
from domain.uow import UnitOfWork, atomic, unit_of_work
from domain.workspace import tags
from domain.workspace.canned import render_for_ticket

logger = logging.getLogger(__name__)

RUN_ACTOR = "run_triggers"
MAX_DEPTH = 3
Status = TriggerRunStatus
# Triggers act as Mesa itself: every department, and history shows "Mesa".
VIEWER = SYSTEM


async def record_runs(uow: UnitOfWork, events: Sequence[TicketEvent]) -> int:
    """Runs (and one job per event, running them in order) for the triggers events fire."""
    connection = uow.connection
    triggers = await Trigger.filter(is_active=True).using_db(connection).order_by("position", "id")
    if not triggers:
        return 0
    cause_ids = {e.caused_by_run_id for e in events if e.caused_by_run_id is not None}
    causes = {
        run.id: run for run in await TriggerRun.filter(id__in=list(cause_ids)).using_db(connection)
    }
    recorded = 0
    now = utcnow()
    for event in events:
        fired = trigger_events_of(event)
        if not fired:
            continue
        if TriggerEvent.CUSTOMER_REPLIED in fired and await is_first_message(
            event.ticket_id, event.message_id, uow.connection
        ):
            continue
        cause = causes.get(event.caused_by_run_id or 0)
        depth = 0 if cause is None else cause.depth + 1
        if depth >= MAX_DEPTH:
            logger.warning("event %s is %d triggers deep: no trigger runs on it", event.id, depth)
            continue
        run_ids = []
        for trigger in triggers:
            if not fired & set(trigger.events):
                continue
            if cause is not None and cause.trigger_id == trigger.id:
                continue  # never on its own changes
            run = await TriggerRun.create(
                trigger_id=trigger.id,
                event_id=event.id,
                ticket_id=event.ticket_id,
                depth=depth,
                status=Status.PENDING,
                created_at=now,
                using_db=connection,
            )
            run_ids.append(run.id)
        if run_ids:
            await uow.add_job(RUN_ACTOR, run_ids=run_ids)
            recorded += len(run_ids)
    return recorded


async def run_triggers(run_ids: Sequence[int]) -> None:
    """Apply an event's trigger runs, in the triggers' order."""
    for run_id in run_ids:
        await run_trigger(run_id)


async def run_trigger(run_id: int) -> TriggerRunStatus | None:
    """Check the trigger's conditions against the ticket as it is now and apply its actions;
    None when the run was already taken.

    The claim, the actions, the history entry and the run's outcome are one transaction
    (`atomic()`): a run applies whole or not at all, a worker that dies mid-run leaves it
    PENDING for the job's redelivery, and nobody ever sees its changes without its entry.
    An action that is refused rolls the others back; the run is then recorded as failed.
    """
    try:
        async with atomic() as uow:
            return await _apply(uow, run_id)
    except ActionRefused as refused:
        return await _record_failure(run_id, refused)


class ActionRefused(Exception):
    """A rule's action was refused: the run's transaction is rolled back."""

    def __init__(self, action: str, error: DomainError) -> None:
        super().__init__(error.message)
        self.failure = {"action": action, "error": error.message}


async def apply_actions(
    actions: Sequence[dict[str, Any]], ticket_id: int, event: TicketEvent, rule: RuleRef
) -> list[str]:
    """Apply the actions in order (inside the run's transaction); ActionRefused at the first
    refused one. Returns the kinds applied."""
    for action in actions:
        try:
            await apply_action(action, ticket_id, event, rule)
        except DomainError as error:
            raise ActionRefused(action["type"], error) from error
    return [action["type"] for action in actions]


RunModel = type[TriggerRun] | type[TimeRuleRun]


async def claim(uow: UnitOfWork, model: RunModel, run_id: int) -> bool:
    """PENDING → RUNNING in the run's transaction: False when another took it."""
    taken = await (
        model.filter(id=run_id, status=Status.PENDING)
        .using_db(uow.connection)
        .update(status=Status.RUNNING, started_at=utcnow())
    )
    return bool(taken == 1)


async def finish(
    uow: UnitOfWork, model: RunModel, run_id: int, status: TriggerRunStatus, detail: dict[str, Any]
) -> TriggerRunStatus:
    await (
        model.filter(id=run_id)
        .using_db(uow.connection)
        .update(status=status, detail=detail, finished_at=utcnow())
    )
    return status


async def _apply(uow: UnitOfWork, run_id: int) -> TriggerRunStatus | None:
    connection = uow.connection
    if not await claim(uow, TriggerRun, run_id):
        return None
    run = await TriggerRun.filter(id=run_id).using_db(connection).select_related("trigger").get()
    trigger: Trigger = run.trigger
    ticket = await Ticket.filter(id=run.ticket_id).using_db(connection).first()
    event = await TicketEvent.filter(id=run.event_id).using_db(connection).first()
    if not trigger.is_active or ticket is None or event is None:
        return await finish(uow, TriggerRun, run.id, Status.SKIPPED, {"reason": "gone or paused"})
    if ticket.status is TicketStatus.MERGED:
        return await finish(uow, TriggerRun, run.id, Status.SKIPPED, {"reason": "merged"})
    unmet = await unmet_condition(trigger.conditions, ticket, event)
    if unmet is not None:
        return await finish(uow, TriggerRun, run.id, Status.SKIPPED, {"unmet": unmet})
    rule = RuleRef("Trigger", trigger.id, trigger.name)
    token = caused_by_run.set(run.id)
    try:
        applied = await apply_actions(trigger.actions, ticket.id, event, rule)
        await _history(uow, ticket.id, trigger, {"actions": applied})
    finally:
        caused_by_run.reset(token)
    return await finish(uow, TriggerRun, run.id, Status.APPLIED, {"applied": applied})


async def _record_failure(run_id: int, refused: ActionRefused) -> TriggerRunStatus | None:
    """The run failed and changed nothing: its outcome and a history entry saying why."""
    async with unit_of_work() as uow:
        if not await claim(uow, TriggerRun, run_id):
            return None
        run = (
            await TriggerRun.filter(id=run_id)
            .using_db(uow.connection)
            .select_related("trigger")
            .get()
        )
        failed = {"failed": refused.failure}
        await _history(uow, run.ticket_id, run.trigger, {"actions": [], **failed})
        return await finish(uow, TriggerRun, run_id, Status.FAILED, {"applied": [], **failed})


async def _history(uow: UnitOfWork, ticket_id: int, trigger: Trigger, what: dict[str, Any]) -> None:
    current = await Ticket.filter(id=ticket_id).using_db(uow.connection).get()
    after = {"triggerId": trigger.id, "trigger": trigger.name, **what}
    await record_event(uow, current, EventKind.TRIGGER_APPLIED, VIEWER, after=after)


def _requester_domain(email: str | None) -> str:
    return (email or "").rpartition("@")[2].lower()


async def unmet_condition(
    conditions: dict[str, Any], ticket: Ticket, event: TicketEvent, at: datetime | None = None
) -> str | None:
    """The first condition the ticket does not meet, or None when all hold; business hours
    are judged at `at` (a time rule's firing), else when the event happened."""
    checks: list[tuple[str, Any, Any]] = [
        ("department_ids", ticket.department_id, None),
        ("category_ids", ticket.category_id, None),
        ("impacts", ticket.impact.value, None),
        ("channels", ticket.channel.value, None),
        ("statuses", ticket.status.value, None),
        ("support_level_ids", ticket.sla_level_id, None),
    ]
    for name, value, _ in checks:
        wanted = conditions.get(name)
        if wanted and value not in wanted:
            return name
    if conditions.get("tags_any"):
        names = await TicketTag.filter(ticket_id=ticket.id).values_list("tag__name", flat=True)
        if not set(conditions["tags_any"]) & {str(n) for n in names}:
            return "tags_any"
    if conditions.get("requester_domains"):
        email = ticket.guest_email
        if ticket.customer_id is not None:
            customer = await Customer.get_or_none(id=ticket.customer_id)
            email = customer.email if customer else None
        domain = _requester_domain(email)
        if not any(
            domain == d or domain.endswith("." + d) for d in conditions["requester_domains"]
        ):
            return "requester_domains"
    subject = conditions.get("subject_contains")
    if subject and subject.casefold() not in ticket.subject.casefold():
        return "subject_contains"
    body = conditions.get("body_contains")
    if body:
        message = None
        if event.message_id is not None:
            message = await Message.get_or_none(id=event.message_id)
        if message is None:
            message = await Message.filter(ticket_id=ticket.id).order_by("id").first()
        if message is None or body.casefold() not in message.body.casefold():
            return "body_contains"
    ratings = conditions.get("satisfaction_ratings")
    if ratings:
        rating = await TicketRating.get_or_none(ticket_id=ticket.id)
        if rating is None or rating.rating.value not in ratings:
            return "satisfaction_ratings"
    if conditions.get("custom_fields") and await unmet_equals(
        ticket.id, conditions["custom_fields"]
    ):
        return "custom_fields"
    hours = conditions.get("business_hours")
    if hours is not None:
        calendar = await ticket_calendar(ticket.sla_level_id)
        if calendar.is_open(at or event.created_at) is not hours:
            return "business_hours"
    return None


@dataclass(frozen=True)
class RuleRef:
    """The rule whose action runs: a trigger or a time rule (webhook payloads name it)."""

    type_name: str  # "Trigger" or "TimeRule": its global ID's type
    id: int
    name: str


async def ticket_calendar(level_id: int | None) -> BusinessCalendar:
    """A ticket's business hours: its support level's calendar, else around the clock."""
    level = await SupportLevel.get_or_none(id=level_id) if level_id else None
    return await calendar_of(level) if level else BusinessCalendar.around_the_clock()


async def apply_action(
    action: dict[str, Any], ticket_id: int, event: TicketEvent, rule: RuleRef
) -> None:
    """One action, through the desk's own actions, as Mesa."""
    kind = ActionType(action["type"])
    if kind is ActionType.ASSIGN:
        await desk.assign_ticket(viewer=VIEWER, ticket_id=ticket_id, assignee_id=action["staff_id"])
    elif kind is ActionType.SET_IMPACT:
        triage = desk.Triage(impact=Impact(action["impact"]))
        await desk.triage_ticket(viewer=VIEWER, ticket_id=ticket_id, triage=triage)
    elif kind is ActionType.SET_DEPARTMENT:
        triage = desk.Triage(department_id=action["department_id"])
        await desk.triage_ticket(viewer=VIEWER, ticket_id=ticket_id, triage=triage)
    elif kind is ActionType.SET_CATEGORY:
        triage = desk.Triage(category_id=action["category_id"])
        await desk.triage_ticket(viewer=VIEWER, ticket_id=ticket_id, triage=triage)
    elif kind is ActionType.SET_STATUS:
        if action["status"] == TicketStatus.RESOLVED.value:
            await ticket_actions.resolve_ticket(viewer=VIEWER, ticket_id=ticket_id)
        else:
            await desk.close_ticket(viewer=VIEWER, ticket_id=ticket_id)
    elif kind is ActionType.ADD_TAGS:
        current = await TicketTag.filter(ticket_id=ticket_id).values_list("tag__name", flat=True)
        names = [str(n) for n in current] + list(action["tags"])
        await tags.set_ticket_tags(viewer=VIEWER, ticket_id=ticket_id, names=names)
    elif kind is ActionType.REPLY:
        await _reply(ticket_id, action["canned_response_id"])
    elif kind is ActionType.ADD_NOTE:
        await _note(ticket_id, action["text"])
    elif kind is ActionType.NOTIFY_STAFF:
        emails = await Staff.filter(id__in=action["staff_ids"], is_active=True).values_list(
            "email", flat=True
        )
        mentions = " ".join(f"@{email}" for email in emails)
        await _note(ticket_id, f"{action['text']}\n\n{mentions}".strip())
    elif kind is ActionType.CALL_WEBHOOK:
        # Once per event: skipped when the stream recorded it already. Should the stream
        # record it at the same moment, the unique key refuses this run's transaction and
        # the job's retry finds it recorded.
        async with unit_of_work() as uow:
            await deliveries.record_trigger_delivery(
                uow, action["webhook_id"], event, rule.type_name, rule.id, rule.name
            )


async def _note(ticket_id: int, text: str) -> None:
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(VIEWER, ticket_id)
        await add_message(uow, ticket, VIEWER, text, internal=True)


async def _reply(ticket_id: int, canned_response_id: int) -> None:
    """A public reply from Mesa with a shared canned response, in the requester's language;
    the requester is told as of an agent's reply. The status is left as it is."""
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(VIEWER, ticket_id)
        body = await render_for_ticket(
            viewer=VIEWER, canned_response_id=canned_response_id, ticket=ticket
        )
        message = await add_message(uow, ticket, VIEWER, body)
        await notices.agent_replied(uow, ticket, message, VIEWER)
