"""Automation types: webhooks as their managers see them (never the secret), deliveries and
their attempts, and the desk's automation settings."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.catalog.types import Department
from api.core.ids import encode_id
from domain import models
from domain.automation import assignment
from domain.models import AssignmentMode, EventKind


@strawberry.enum(description="Where a webhook delivery stands.")
class WebhookDeliveryStatus(StrEnum):
    PENDING = "PENDING"
    QUEUED = "QUEUED"
    SENDING = "SENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


@strawberry.type(
    description="An endpoint subscribed to ticket events. Its secret is only shown "
    "in SaveWebhookSuccess (when created) and RotateWebhookSecretSuccess."
)
class Webhook:
    id: strawberry.ID
    name: str
    url: str
    event_kinds: list[EventKind]
    is_active: bool
    timeout_seconds: int
    partner_id: strawberry.ID | None = strawberry.field(
        description="The partner that owns it; null for the desk's own (every ticket)."
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: models.Webhook) -> Webhook:
        return cls(
            id=strawberry.ID(encode_id("Webhook", row.id)),
            name=row.name,
            url=row.url,
            event_kinds=[EventKind(kind) for kind in row.event_kinds],
            is_active=row.is_active,
            timeout_seconds=row.timeout_seconds,
            partner_id=None
            if row.partner_id is None
            else strawberry.ID(encode_id("Partner", row.partner_id)),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="One HTTP request of a delivery.")
class WebhookAttempt:
    attempted_at: datetime
    status_code: int | None = strawberry.field(description="The receiver's answer, if any.")
    error: str | None
    duration_ms: int

    @classmethod
    def from_model(cls, row: models.WebhookAttempt) -> WebhookAttempt:
        return cls(
            attempted_at=row.attempted_at,
            status_code=row.status_code,
            error=row.error,
            duration_ms=row.duration_ms,
        )


@strawberry.type(description="One ticket event sent to one webhook, with its attempts.")
class WebhookDelivery(relay.Node):
    id: relay.NodeID[int]
    delivery_id: str = strawberry.field(
        description="The Mesa-Delivery header: the same on every attempt, for deduplication."
    )
    event_kind: EventKind
    status: WebhookDeliveryStatus
    attempt_count: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: JSON = strawberry.field(description="The JSON body sent (without the headers).")
    attempts: list[WebhookAttempt] = strawberry.field(description="Oldest first.")

    @classmethod
    def from_model(cls, row: models.WebhookDelivery) -> WebhookDelivery:
        attempts = sorted(row.attempt_log, key=lambda a: a.id)  # prefetched
        return cls(
            id=row.id,
            delivery_id=row.delivery_uid,
            event_kind=EventKind(row.event_kind),
            status=WebhookDeliveryStatus(row.status.value),
            attempt_count=row.attempts,
            next_attempt_at=row.next_attempt_at,
            last_status_code=row.last_status_code,
            last_error=row.last_error,
            created_at=row.created_at,
            delivered_at=row.delivered_at,
            payload=cast(JSON, row.payload),
            attempts=[WebhookAttempt.from_model(a) for a in attempts],
        )


@strawberry.type(description="The desk's automation settings (admins).")
class AutomationSettings:
    webhook_allowed_networks: list[str] = strawberry.field(
        description="Private or loopback networks webhooks may reach all the same (CIDR)."
    )
    updated_at: datetime

    @classmethod
    def from_model(cls, row: models.AutomationSettings) -> AutomationSettings:
        networks = [n for n in row.webhook_allowed_networks.split(",") if n]
        return cls(webhook_allowed_networks=networks, updated_at=row.updated_at)


strawberry.enum(AssignmentMode, description="How a department's new tickets get an agent.")


@strawberry.type(description="A department's automatic assignment (admins).")
class AutoAssignment:
    department: Department
    mode: AssignmentMode

    @classmethod
    def from_domain(cls, row: assignment.DepartmentAssignment) -> AutoAssignment:
        return cls(department=Department.from_model(row.department), mode=row.mode)
