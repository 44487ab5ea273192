"""Time rules as administrators manage them: list, save, pause or resume, delete (audited).
Every change re-plans the rule (domain.automation.time_plans)."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.automation import time_plans
from domain.automation.rules import Action, Conditions, clean_action, clean_conditions
from domain.catalog import audit
from domain.clock import utcnow
from domain.errors import NotFound, ValidationFailed
from domain.identity.access import require_admin
from domain.identity.viewer import Viewer
from domain.models import TicketStatus, TimeRule, TimeRuleClock
from domain.uow import unit_of_work

NAME_MAX = 100
ACTIONS_MAX = 20
# A year of waiting, at most.
MINUTES_MAX = 365 * 24 * 60
# The statuses a ticket waits in (merged, spam and closed tickets wait for nothing).
WAITING_STATUSES = (
    TicketStatus.NEW,
    TicketStatus.OPEN,
    TicketStatus.WAITING_ON_AGENT,
    TicketStatus.WAITING_ON_CUSTOMER,
    TicketStatus.RESOLVED,
)
FIELDS = (
    "name",
    "is_active",
    "status",
    "after_minutes",
    "clock",
    "conditions",
    "actions",
)


@dataclass(frozen=True)
class TimeRuleInput:
    name: str
    status: TicketStatus
    after_minutes: int
    actions: list[Action]
    clock: TimeRuleClock = TimeRuleClock.BUSINESS_HOURS
    conditions: Conditions = field(default_factory=Conditions)
    is_active: bool = True


async def list_time_rules(*, viewer: Viewer | None) -> list[TimeRule]:
    """Every time rule, by status and wait (admins)."""
    require_admin(viewer)
    return await TimeRule.all().order_by("status", "after_minutes", "id")


async def save_time_rule(
    *, viewer: Viewer | None, time_rule_id: int | None, data: TimeRuleInput
) -> TimeRule:
    """Create or change a time rule (admins); it is planned anew for the tickets in its
    status."""
    viewer = require_admin(viewer)
    name = " ".join(data.name.split())
    if not name or len(name) > NAME_MAX:
        raise ValidationFailed(
            f"Give the time rule a name of up to {NAME_MAX} characters.", field="name"
        )
    if data.status not in WAITING_STATUSES:
        raise ValidationFailed(
            "A time rule waits on NEW, OPEN, WAITING_ON_AGENT, WAITING_ON_CUSTOMER or RESOLVED.",
            field="status",
        )
    if not 1 <= data.after_minutes <= MINUTES_MAX:
        raise ValidationFailed(f"Wait from 1 to {MINUTES_MAX} minutes.", field="afterMinutes")
    if not 1 <= len(data.actions) <= ACTIONS_MAX:
        raise ValidationFailed(f"Give 1 to {ACTIONS_MAX} actions.", field="actions")
    values = {
        "name": name,
        "is_active": data.is_active,
        "status": data.status,
        "after_minutes": data.after_minutes,
        "clock": data.clock,
        "conditions": await clean_conditions(data.conditions),
        "actions": [await clean_action(action) for action in data.actions],
    }
    async with unit_of_work() as uow:
        rule = await audit.save_audited(
            uow.connection,
            viewer,
            TimeRule,
            time_rule_id,
            values,
            audited=FIELDS,
            entity="time_rule",
            missing=NotFound("Time rule not found.", field="timeRuleId"),
        )
        await time_plans.schedule_planning(uow, rule)
    return rule


async def set_time_rule_active(
    *, viewer: Viewer | None, time_rule_id: int, is_active: bool
) -> TimeRule:
    """Pause (its plans dropped) or resume (planned anew) a time rule (admins)."""
    viewer = require_admin(viewer)
    async with unit_of_work() as uow:
        rule = await TimeRule.filter(id=time_rule_id).using_db(uow.connection).first()
        if rule is None:
            raise NotFound("Time rule not found.", field="timeRuleId")
        if rule.is_active != is_active:
            now = utcnow()
            await (
                TimeRule.filter(id=time_rule_id)
                .using_db(uow.connection)
                .update(is_active=is_active, updated_at=now)
            )
            rule = await TimeRule.filter(id=time_rule_id).using_db(uow.connection).get()
            await time_plans.schedule_planning(uow, rule)
            await audit.record(
                uow.connection,
                actor=viewer,
                action="time_rule.update",
                entity="time_rule",
                entity_id=time_rule_id,
                before={"is_active": not is_active},
                after={"is_active": is_active},
            )
    return rule


async def delete_time_rule(*, viewer: Viewer | None, time_rule_id: int) -> int:
    """Remove a time rule with its plans and runs (admins); returns its id."""
    viewer = require_admin(viewer)
    async with unit_of_work() as uow:
        rule = await TimeRule.filter(id=time_rule_id).using_db(uow.connection).first()
        if rule is None:
            raise NotFound("Time rule not found.", field="timeRuleId")
        await audit.record(
            uow.connection,
            actor=viewer,
            action="time_rule.delete",
            entity="time_rule",
            entity_id=time_rule_id,
            before=audit.snapshot(rule, FIELDS),
            after=None,
        )
        await TimeRule.filter(id=time_rule_id).using_db(uow.connection).delete()
    return time_rule_id
