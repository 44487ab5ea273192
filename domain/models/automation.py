"""Automation: outgoing webhooks, their deliveries and attempts, and triggers with their runs."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.catalog import BusinessCalendar, Department
from domain.models.enums import AssignmentMode, TriggerRunStatus, WebhookDeliveryStatus
from domain.models.partners import Partner
from domain.models.people import Staff


class Webhook(Model):
    """An HTTPS endpoint subscribed to ticket event kinds, owned by the desk or a partner."""

    id = fields.IntField(primary_key=True)
    partner_id: int | None
    # Null: the desk's own (admins), every ticket. Set: only that partner's customers' tickets.
    partner: fields.ForeignKeyNullableRelation[Partner] = fields.ForeignKeyField(
        "models.Partner", related_name="webhooks", null=True, on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    url = fields.CharField(max_length=2000)
    event_kinds: list[str] = fields.JSONField(default=list)
    is_active = fields.BooleanField(default=True)
    # Needed in clear to sign; never returned by the API after it was shown once.
    secret = fields.CharField(max_length=100)
    # The secret a rotation replaced, still signing beside the new one until it expires.
    previous_secret = fields.CharField(max_length=100, null=True)
    previous_secret_expires_at = fields.DatetimeField(null=True)
    timeout_seconds = fields.IntField(default=10)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "webhook"
        indexes = (Index(fields=("partner_id", "id")),)


class WebhookDelivery(Model):
    """One ticket event to one webhook, retried until delivered or out of attempts."""

    id = fields.BigIntField(primary_key=True)
    webhook_id: int
    webhook: fields.ForeignKeyRelation[Webhook] = fields.ForeignKeyField(
        "models.Webhook", related_name="deliveries", on_delete=fields.CASCADE
    )
    # What receivers deduplicate on: the same for every attempt and re-send of the delivery.
    delivery_uid = fields.CharField(max_length=36, unique=True)
    # The ticket event delivered (ticket_event.id), at most once per webhook.
    event_id = fields.BigIntField()
    event_kind = fields.CharField(max_length=32)
    ticket_id = fields.IntField()
    payload: dict[str, Any] = fields.JSONField()
    status = fields.CharEnumField(WebhookDeliveryStatus, max_length=16)
    # When a PENDING delivery is next due (the retry sweep reads the status index).
    next_attempt_at = fields.DatetimeField(null=True)
    # When the last job was recorded (QUEUED) or a worker took it (SENDING): a lease.
    claimed_at = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0)
    # Failed attempts since the delivery was created or re-sent: the retry budget.
    failures_in_row = fields.IntField(default=0)
    last_status_code = fields.IntField(null=True)
    last_error = fields.TextField(null=True)
    created_at = fields.DatetimeField()
    delivered_at = fields.DatetimeField(null=True)

    attempt_log: fields.ReverseRelation[WebhookAttempt]

    class Meta:
        table = "webhook_delivery"
        unique_together = (("webhook_id", "event_id"),)
        indexes = (
            Index(fields=("status", "next_attempt_at")),
            Index(fields=("webhook_id", "id")),
        )


class WebhookAttempt(Model):
    """One HTTP request of a delivery: when, the answer's status or the error, how long."""

    id = fields.BigIntField(primary_key=True)
    delivery_id: int
    delivery: fields.ForeignKeyRelation[WebhookDelivery] = fields.ForeignKeyField(
        "models.WebhookDelivery", related_name="attempt_log", on_delete=fields.CASCADE
    )
    attempted_at = fields.DatetimeField()
    status_code = fields.IntField(null=True)
    error = fields.TextField(null=True)
    duration_ms = fields.IntField()

    class Meta:
        table = "webhook_attempt"
        indexes = (Index(fields=("delivery_id", "id")),)


class AutomationSettings(Model):
    """The desk's automation settings, one row (id 1), changed by administrators."""

    id = fields.IntField(primary_key=True)
    # Comma-separated networks (CIDR) webhooks may reach although private or loopback.
    webhook_allowed_networks = fields.TextField(default="")
    updated_at = fields.DatetimeField()

    class Meta:
        table = "automation_settings"


class Trigger(Model):
    """A rule run after a ticket event: if its conditions hold, its actions are applied."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    is_active = fields.BooleanField(default=True)
    # Evaluation order among the triggers one event fires (lower first), then id.
    position = fields.IntField(default=0)
    # TriggerEvent values (domain.automation.triggers): what fires it.
    events: list[str] = fields.JSONField(default=list)
    conditions: dict[str, Any] = fields.JSONField(default=dict)
    actions: list[dict[str, Any]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "trigger"


class TriggerRun(Model):
    """One trigger for one ticket event, at most once: what it found and what it did."""

    id = fields.BigIntField(primary_key=True)
    trigger_id: int
    trigger: fields.ForeignKeyRelation[Trigger] = fields.ForeignKeyField(
        "models.Trigger", related_name="runs", on_delete=fields.CASCADE
    )
    event_id = fields.BigIntField()
    ticket_id = fields.IntField()
    # 0 for a person's event, n + 1 for an event a run of depth n caused.
    depth = fields.IntField(default=0)
    status = fields.CharEnumField(TriggerRunStatus, max_length=16)
    # The actions applied, or why not (conditions unmet, an action refused).
    detail: dict[str, Any] | None = fields.JSONField(null=True)
    created_at = fields.DatetimeField()
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "trigger_run"
        unique_together = (("trigger_id", "event_id"),)
        indexes = (Index(fields=("status", "started_at")), Index(fields=("ticket_id", "id")))


class AutoAssignment(Model):
    """How a department's new tickets are assigned by themselves, and whose turn it is."""

    department: fields.OneToOneRelation[Department] = fields.OneToOneField(
        "models.Department",
        related_name="auto_assignment",
        primary_key=True,
        on_delete=fields.CASCADE,
    )
    department_id: int
    mode = fields.CharEnumField(AssignmentMode, max_length=16, default=AssignmentMode.OFF)
    # The agent who got the last ticket: round robin goes on after them.
    last_staff_id = fields.IntField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "auto_assignment"


class AgentHours(Model):
    """The hours an agent works: automatic assignment skips them outside these."""

    staff: fields.OneToOneRelation[Staff] = fields.OneToOneField(
        "models.Staff", related_name="hours", primary_key=True, on_delete=fields.CASCADE
    )
    staff_id: int
    calendar: fields.ForeignKeyRelation[BusinessCalendar] = fields.ForeignKeyField(
        "models.BusinessCalendar", related_name="agents", on_delete=fields.RESTRICT
    )
    calendar_id: int

    class Meta:
        table = "agent_hours"
