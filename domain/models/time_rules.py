"""Time rules: what a ticket held in one status for too long gets, when each is due for which
ticket (planned once per status entry), and each firing."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.enums import TicketStatus, TimeRuleClock, TriggerRunStatus


class TimeRule(Model):
    """After a ticket has been in a status this long, if its conditions hold, the actions run."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    is_active = fields.BooleanField(default=True)
    status = fields.CharEnumField(TicketStatus, max_length=24)
    after_minutes = fields.IntField()
    clock = fields.CharEnumField(TimeRuleClock, max_length=16)
    # As a trigger's (domain.automation.rules), checked against the ticket when due.
    conditions: dict[str, Any] = fields.JSONField(default=dict)
    actions: list[dict[str, Any]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "time_rule"


class TimeRulePlan(Model):
    """When a rule is due for a ticket: computed once as the ticket entered the status, read by
    the scheduler through the due_at index (never by scanning open tickets)."""

    id = fields.BigIntField(primary_key=True)
    rule_id: int
    rule: fields.ForeignKeyRelation[TimeRule] = fields.ForeignKeyField(
        "models.TimeRule", related_name="plans", on_delete=fields.CASCADE
    )
    ticket_id = fields.IntField()
    # The ticket event that put the ticket in the rule's status (ticket_event.id).
    entered_event_id = fields.BigIntField()
    entered_at = fields.DatetimeField()
    due_at = fields.DatetimeField()

    class Meta:
        table = "time_rule_plan"
        unique_together = (("rule_id", "ticket_id"),)
        indexes = (Index(fields=("due_at",)), Index(fields=("ticket_id",)))


class TimeRuleRun(Model):
    """One rule for one ticket's stay in a status, at most once: what it found and did."""

    id = fields.BigIntField(primary_key=True)
    rule_id: int
    rule: fields.ForeignKeyRelation[TimeRule] = fields.ForeignKeyField(
        "models.TimeRule", related_name="runs", on_delete=fields.CASCADE
    )
    ticket_id = fields.IntField()
    entered_event_id = fields.BigIntField()
    due_at = fields.DatetimeField()
    status = fields.CharEnumField(TriggerRunStatus, max_length=16)
    detail: dict[str, Any] | None = fields.JSONField(null=True)
    created_at = fields.DatetimeField()
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "time_rule_run"
        unique_together = (("rule_id", "ticket_id", "entered_event_id"),)
        indexes = (Index(fields=("ticket_id", "id")),)
