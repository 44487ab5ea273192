"""Webhook deliveries: recorded from the automation stream, sent by a worker one attempt at
a time, retried with exponential backoff until delivered or out of attempts.

A delivery is QUEUED with an outbox job (`deliver_webhook`, its own queue) when recorded or
re-sent; the worker claims it (SENDING), makes one attempt, and either marks it DELIVERED
or, after a failure, PENDING with its next attempt time (or FAILED once attempts run out).
The scheduler's retry sweep queues PENDING deliveries as they come due, from the
(status, next_attempt_at) index, and gives back claims older than the lease (a lost job, a
dead worker). Every attempt of a delivery carries the same `Mesa-Delivery` id, so receivers
deduplicate: delivery is at least once. One job per delivery, each with its endpoint's
own timeout: a slow or failing receiver holds one worker thread at most that long, and
never another endpoint's deliveries.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

import httpx

from domain.automation import payloads, settings, signing
from domain.automation.targets import TargetRefused, check_target
from domain.clock import utcnow
from domain.config import get_settings
from domain.models import (
    TicketEvent,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
)
from domain.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

DELIVER_ACTOR = "deliver_webhook"
QUEUE = "webhooks"
SWEEP_BATCH = 500
ERROR_MAX = 500
USER_AGENT = "Mesa-Webhooks/1"

Status = WebhookDeliveryStatus


def receives(hook: Webhook, event: TicketEvent, partner_id: int | None) -> bool:
    """Whether a webhook gets an event: a kind it subscribed to, and for a partner's, only
    public events of its own customers' tickets."""
    if str(event.kind) not in hook.event_kinds:
        return False
    if hook.partner_id is None:
        return True
    return not event.internal and partner_id == hook.partner_id


async def record_deliveries(uow: UnitOfWork, events: Sequence[TicketEvent]) -> int:
    """One delivery (and its job) per event and active webhook that receives it."""
    connection = uow.connection
    hooks = await Webhook.filter(is_active=True).using_db(connection).order_by("id")
    kinds = {kind for hook in hooks for kind in hook.event_kinds}
    wanted = [event for event in events if str(event.kind) in kinds]
    if not wanted:
        return 0
    tickets = await payloads.ticket_facts(connection, {e.ticket_id for e in wanted})
    messages = await payloads.messages_of(connection, wanted)
    now = utcnow()
    recorded = 0
    for event in wanted:
        facts = tickets.get(event.ticket_id)
        if facts is None:
            continue
        body = _body(event, facts, messages.get(event.message_id or 0))
        for hook in hooks:
            if receives(hook, event, facts["partner_id"]):
                await _record(uow, hook.id, event, body, now)
                recorded += 1
    return recorded


def _body(event: TicketEvent, facts: payloads.TicketFacts, message: Any) -> dict[str, Any]:
    return {
        "event": payloads.event_payload(event, message),
        "ticket": payloads.ticket_payload(facts),
    }


async def _record(
    uow: UnitOfWork, webhook_id: int, event: TicketEvent, body: dict[str, Any], now: datetime
) -> None:
    uid = str(uuid.uuid4())
    delivery = await WebhookDelivery.create(
        webhook_id=webhook_id,
        delivery_uid=uid,
        event_id=event.id,
        event_kind=str(event.kind),
        ticket_id=event.ticket_id,
        payload={"deliveryId": uid, **body},
        status=Status.QUEUED,
        claimed_at=now,
        created_at=now,
        using_db=uow.connection,
    )
    await uow.add_job(DELIVER_ACTOR, queue_name=QUEUE, delivery_id=delivery.id)


async def record_trigger_delivery(
    uow: UnitOfWork,
    webhook_id: int,
    event: TicketEvent,
    rule_type: str,
    rule_id: int,
    rule_name: str,
) -> bool:
    """A trigger's or time rule's "call a webhook": the desk's webhook gets the event (once,
    like any), naming the rule (`trigger` or `timeRule`)."""
    connection = uow.connection
    if (
        await WebhookDelivery.filter(webhook_id=webhook_id, event_id=event.id)
        .using_db(connection)
        .exists()
    ):
        return False
    facts = (await payloads.ticket_facts(connection, {event.ticket_id})).get(event.ticket_id)
    if facts is None:
        return False
    message = (await payloads.messages_of(connection, [event])).get(event.message_id or 0)
    body = _body(event, facts, message)
    key = "trigger" if rule_type == "Trigger" else "timeRule"
    body[key] = {"id": payloads.global_id(rule_type, rule_id), "name": rule_name}
    await _record(uow, webhook_id, event, body, utcnow())
    return True


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def backoff_seconds(failures: int) -> float:
    """Seconds before the next attempt after `failures` failures in a row (10% jitter)."""
    config = get_settings()
    delay = min(
        config.webhook_retry_max_seconds, config.webhook_retry_base_seconds * 2 ** (failures - 1)
    )
    return delay * (1 + random.random() / 10)


async def deliver(delivery_id: int) -> None:
    """Make one attempt of a queued delivery; a no-op for one already claimed or finished."""
    now = utcnow()
    claimed = await WebhookDelivery.filter(id=delivery_id, status=Status.QUEUED).update(
        status=Status.SENDING, claimed_at=now
    )
    if claimed != 1:
        return
    delivery = await WebhookDelivery.get(id=delivery_id).select_related("webhook")
    hook: Webhook = delivery.webhook
    if not hook.is_active:
        outcome = Outcome(None, "The webhook is paused.", 0)
    else:
        outcome = await send(hook, delivery)
    await _finish_attempt(delivery, claimed_at=now, outcome=outcome, paused=not hook.is_active)


def request_body(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()


def secrets_in_use(hook: Webhook, now: datetime) -> list[str]:
    in_use = [hook.secret]
    expires = hook.previous_secret_expires_at
    if hook.previous_secret and expires is not None and expires > now:
        in_use.append(hook.previous_secret)
    return in_use


async def send(hook: Webhook, delivery: WebhookDelivery) -> Outcome:
    """POST the delivery to the webhook's checked address, within the webhook's timeout."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        target = await check_target(hook.url, await settings.allowed_networks())
    except TargetRefused as error:
        return Outcome(None, str(error), elapsed())
    body = request_body(delivery)
    now = utcnow()
    timestamp = int(now.timestamp())
    headers = {
        "Host": target.host_header,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Mesa-Delivery": delivery.delivery_uid,
        "Mesa-Event": delivery.event_kind,
        signing.SIGNATURE_HEADER: signing.signature_header(
            secrets_in_use(hook, now), timestamp, body
        ),
    }
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        # httpx's timeout bounds each step; the outer one bounds the whole exchange.
        async with asyncio.timeout(hook.timeout_seconds + 1):
            async with httpx.AsyncClient(
                timeout=hook.timeout_seconds, follow_redirects=False, trust_env=False
            ) as client:
                request = client.build_request(
                    "POST",
                    target.pinned_url(),
                    content=body,
                    headers=headers,
                    extensions=extensions,
                )
                response = await client.send(request, stream=True)
                await response.aclose()
    except (TimeoutError, httpx.TimeoutException):
        return Outcome(None, f"No answer within {hook.timeout_seconds} seconds.", elapsed())
    except httpx.HTTPError as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:ERROR_MAX], elapsed())
    refusal = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
    return Outcome(response.status_code, refusal, elapsed())


async def _finish_attempt(
    delivery: WebhookDelivery, *, claimed_at: datetime, outcome: Outcome, paused: bool
) -> None:
    now = utcnow()
    failures = 0 if outcome.delivered else delivery.failures_in_row + 1
    changes: dict[str, object] = {
        "attempts": delivery.attempts + (0 if paused else 1),
        "failures_in_row": failures,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
        "claimed_at": None,
    }
    if outcome.delivered:
        changes |= {"status": Status.DELIVERED, "delivered_at": now, "next_attempt_at": None}
    elif paused or failures >= get_settings().webhook_max_attempts:
        changes |= {"status": Status.FAILED, "next_attempt_at": None}
    else:
        next_at = now + timedelta(seconds=backoff_seconds(failures))
        changes |= {"status": Status.PENDING, "next_attempt_at": next_at}
    async with unit_of_work() as uow:
        # Only while still ours: a re-send or the lease sweep may have taken it meanwhile.
        ours = await (
            WebhookDelivery.filter(id=delivery.id, status=Status.SENDING, claimed_at=claimed_at)
            .using_db(uow.connection)
            .update(**changes)
        )
        # Logged even when no longer ours, unless the webhook was deleted meanwhile.
        exists = (
            ours or await WebhookDelivery.filter(id=delivery.id).using_db(uow.connection).exists()
        )
        if exists and not paused:
            await WebhookAttempt.create(
                delivery_id=delivery.id,
                attempted_at=now,
                status_code=outcome.status_code,
                error=outcome.error,
                duration_ms=outcome.duration_ms,
                using_db=uow.connection,
            )
    if not outcome.delivered:
        logger.info("webhook delivery %s failed: %s", delivery.id, outcome.error)


async def queue_due_deliveries(now: datetime | None = None) -> int:
    """Periodic: queue PENDING deliveries that are due, and give back expired claims."""
    now = now or utcnow()
    lease = timedelta(seconds=get_settings().webhook_lease_seconds)
    await WebhookDelivery.filter(
        status__in=(Status.QUEUED, Status.SENDING), claimed_at__lte=now - lease
    ).update(status=Status.PENDING, next_attempt_at=now, claimed_at=None)
    due = await (
        WebhookDelivery.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .limit(SWEEP_BATCH)
        .values_list("id", flat=True)
    )
    queued = 0
    async with unit_of_work() as uow:
        for delivery_id in due:
            if await queue(uow, cast(int, delivery_id), from_status=(Status.PENDING,), now=now):
                queued += 1
    return queued


async def queue(
    uow: UnitOfWork,
    delivery_id: int,
    *,
    from_status: tuple[WebhookDeliveryStatus, ...],
    now: datetime,
    fresh_budget: bool = False,
) -> bool:
    """Move a delivery to QUEUED with a job, if it is in one of `from_status`."""
    extra: dict[str, object] = {"failures_in_row": 0} if fresh_budget else {}
    moved = await (
        WebhookDelivery.filter(id=delivery_id, status__in=from_status)
        .using_db(uow.connection)
        .update(status=Status.QUEUED, claimed_at=now, next_attempt_at=None, **extra)
    )
    if moved != 1:
        return False
    await uow.add_job(DELIVER_ACTOR, queue_name=QUEUE, delivery_id=delivery_id)
    return True
