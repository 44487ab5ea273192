"""Webhooks as admins and partners manage them: subscribe a URL to event kinds, rotate the
secret (shown once), pause, delete, read the recent deliveries and re-send one.

Admins manage every webhook; the desk's own (no partner) receive every ticket's events. A
partner (an API key with tickets:read) manages only its own, which receive the public events
of its own customers' tickets. Anyone else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from tortoise.queryset import QuerySet

from domain.automation import settings
from domain.automation.deliveries import Status, queue
from domain.automation.signing import new_secret
from domain.automation.targets import validate_url
from domain.catalog import audit
from domain.clock import utcnow
from domain.config import get_settings
from domain.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from domain.identity.access import TICKETS_READ, require_viewer
from domain.identity.viewer import Viewer
from domain.models import EventKind, Webhook, WebhookDelivery
from domain.pagination import Direction, Page, Position, keyset_page
from domain.tickets.changes import INTERNAL_EVENTS
from domain.uow import unit_of_work

NAME_MAX = 100
MAX_WEBHOOKS_PER_OWNER = 50
TIMEOUT_RANGE = (1, 30)
PUBLIC_KINDS = frozenset(kind for kind in EventKind if kind not in INTERNAL_EVENTS)


@dataclass(frozen=True)
class WebhookInput:
    name: str
    url: str
    event_kinds: list[str]
    is_active: bool = True
    timeout_seconds: int = 10


@dataclass(frozen=True)
class SavedWebhook:
    webhook: Webhook
    secret: str | None  # only when created or rotated: shown once


def require_manager(viewer: Viewer | None) -> Viewer:
    """Admins, and partners whose key may read tickets."""
    viewer = require_viewer(viewer)
    if viewer.is_admin:
        return viewer
    if viewer.is_partner:
        if not viewer.has_scope(TICKETS_READ):
            raise NotAllowed(f"This API key lacks the {TICKETS_READ} scope.")
        return viewer
    raise NotAllowed("Only administrators and partners can manage webhooks.")


def manageable(viewer: Viewer) -> QuerySet[Webhook]:
    if viewer.is_partner:
        return Webhook.filter(partner_id=viewer.partner_id)
    return Webhook.all()


async def _own(viewer: Viewer, webhook_id: int) -> Webhook:
    hook = await manageable(viewer).filter(id=webhook_id).first()
    if hook is None:
        raise NotFound("Webhook not found.", field="webhookId")
    return hook


async def list_webhooks(*, viewer: Viewer | None) -> list[Webhook]:
    """The webhooks the viewer manages, oldest first."""
    viewer = require_manager(viewer)
    return await manageable(viewer).order_by("id")


def _clean(viewer: Viewer, data: WebhookInput) -> dict[str, Any]:
    name = " ".join(data.name.split())
    if not name or len(name) > NAME_MAX:
        raise ValidationFailed(
            f"Give the webhook a name of up to {NAME_MAX} characters.", field="name"
        )
    kinds = sorted(set(data.event_kinds))
    unknown = [kind for kind in kinds if kind not in EventKind.__members__]
    if unknown or not kinds:
        raise ValidationFailed(
            "Choose event kinds among: " + ", ".join(EventKind) + ".", field="eventKinds"
        )
    if viewer.is_partner and not set(kinds) <= PUBLIC_KINDS:
        raise ValidationFailed(
            "Partners receive only public events: " + ", ".join(sorted(PUBLIC_KINDS)) + ".",
            field="eventKinds",
        )
    low, high = TIMEOUT_RANGE
    if not low <= data.timeout_seconds <= high:
        raise ValidationFailed(
            f"Choose a timeout of {low} to {high} seconds.", field="timeoutSeconds"
        )
    return {
        "name": name,
        "event_kinds": kinds,
        "is_active": data.is_active,
        "timeout_seconds": data.timeout_seconds,
    }


FIELDS = ("name", "url", "event_kinds", "is_active", "timeout_seconds", "partner_id")


async def save_webhook(
    *, viewer: Viewer | None, webhook_id: int | None, data: WebhookInput
) -> SavedWebhook:
    """Create a webhook (its secret is returned this once) or change one."""
    viewer = require_manager(viewer)
    values = _clean(viewer, data)
    existing = None if webhook_id is None else await _own(viewer, webhook_id)
    values["url"] = await validate_url(data.url, await settings.allowed_networks())
    now = utcnow()
    async with unit_of_work() as uow:
        if existing is None:
            owned = (
                Webhook.filter(partner_id=viewer.partner_id)
                if viewer.is_partner
                else (Webhook.filter(partner_id__isnull=True))
            )
            count = await owned.using_db(uow.connection).count()
            if count >= MAX_WEBHOOKS_PER_OWNER:
                raise ValidationFailed(
                    f"Keep at most {MAX_WEBHOOKS_PER_OWNER} webhooks.", field="url"
                )
            secret = new_secret()
            hook = await Webhook.create(
                **values,
                partner_id=viewer.partner_id,
                secret=secret,
                created_at=now,
                updated_at=now,
                using_db=uow.connection,
            )
            await _audit(uow, viewer, "webhook.create", hook, None)
            return SavedWebhook(hook, secret)
        before = audit.snapshot(existing, FIELDS)
        await (
            Webhook.filter(id=existing.id).using_db(uow.connection).update(**values, updated_at=now)
        )
        hook = await Webhook.filter(id=existing.id).using_db(uow.connection).get()
        await _audit(uow, viewer, "webhook.update", hook, before)
    return SavedWebhook(hook, None)


async def rotate_secret(*, viewer: Viewer | None, webhook_id: int) -> SavedWebhook:
    """A new secret, shown this once; the old one keeps signing beside it for a while."""
    viewer = require_manager(viewer)
    hook = await _own(viewer, webhook_id)
    secret = new_secret()
    now = utcnow()
    grace = timedelta(hours=get_settings().webhook_previous_secret_hours)
    async with unit_of_work() as uow:
        await (
            Webhook.filter(id=hook.id)
            .using_db(uow.connection)
            .update(
                secret=secret,
                previous_secret=hook.secret,
                previous_secret_expires_at=now + grace,
                updated_at=now,
            )
        )
        hook = await Webhook.filter(id=hook.id).using_db(uow.connection).get()
        await audit.record(
            uow.connection,
            actor=viewer,
            action="webhook.rotate_secret",
            entity="webhook",
            entity_id=hook.id,
            before=None,
            after={"rotated_at": audit.plain(now)},
        )
    return SavedWebhook(hook, secret)


async def delete_webhook(*, viewer: Viewer | None, webhook_id: int) -> int:
    """Remove a webhook with its deliveries; returns its id."""
    viewer = require_manager(viewer)
    hook = await _own(viewer, webhook_id)
    async with unit_of_work() as uow:
        await _audit(uow, viewer, "webhook.delete", None, audit.snapshot(hook, FIELDS), hook.id)
        await Webhook.filter(id=hook.id).using_db(uow.connection).delete()
    return hook.id


async def _audit(
    uow: Any,
    viewer: Viewer,
    action: str,
    hook: Webhook | None,
    before: dict[str, Any] | None,
    entity_id: int | None = None,
) -> None:
    await audit.record(
        uow.connection,
        actor=viewer,
        action=action,
        entity="webhook",
        entity_id=hook.id if hook is not None else entity_id,
        before=before,
        after=None if hook is None else audit.snapshot(hook, FIELDS),
    )


async def list_deliveries(
    *, viewer: Viewer | None, webhook_id: int, first: int | None, after: Position | None
) -> Page[WebhookDelivery]:
    """A webhook's deliveries, newest first, each with its attempts."""
    viewer = require_manager(viewer)
    hook = await _own(viewer, webhook_id)
    page = await keyset_page(
        WebhookDelivery.filter(webhook_id=hook.id),
        sort_field="id",
        direction=Direction.DESC,
        first=first,
        after=after,
    )
    if page.items:
        await WebhookDelivery.fetch_for_list(page.items, "attempt_log")
    return page


async def resend_delivery(*, viewer: Viewer | None, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again now (same delivery id), with a fresh retry budget."""
    viewer = require_manager(viewer)
    delivery = await WebhookDelivery.get_or_none(id=delivery_id)
    if delivery is None or not await manageable(viewer).filter(id=delivery.webhook_id).exists():
        raise NotFound("Delivery not found.", field="deliveryId")
    async with unit_of_work() as uow:
        queued = await queue(
            uow,
            delivery.id,
            from_status=(Status.PENDING, Status.DELIVERED, Status.FAILED),
            now=utcnow(),
            fresh_budget=True,
        )
    if not queued:
        raise Conflict("This delivery is being sent right now.", field="deliveryId")
    await delivery.refresh_from_db()
    await WebhookDelivery.fetch_for_list([delivery], "attempt_log")
    return delivery
