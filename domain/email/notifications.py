"""Notifications to people: recorded through the outbox with the change that caused them,
rendered from templates in the recipient's language, and sent by a worker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from domain.clock import utcnow
from domain.email.render import build_message, new_message_id, sender_address
from domain.email.transport import DeliveryFailed, mail_folder, send_message
from domain.identity.access import require_admin
from domain.identity.viewer import Viewer
from domain.models import (
    InboundMail,
    Language,
    Notification,
    NotificationKind,
    OutboxJob,
    OutboxStatus,
)
from domain.rows import insert_values
from domain.uow import UnitOfWork

DELIVER_ACTOR = "deliver_notification"
ERROR_MAX = 2000
# Threading: how many of a ticket's earlier Message-IDs go into References.
REFERENCES_KEPT = 10

__all__ = [
    "DELIVER_ACTOR",
    "DeliveryFailed",
    "Notice",
    "deliver",
    "mail_folder",
    "notify",
    "notify_all",
]


async def notify(
    uow: UnitOfWork,
    *,
    recipient: str,
    language: Language,
    kind: NotificationKind,
    payload: dict[str, Any],
    ticket_id: int | None = None,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Record a notification in the unit of work; it is delivered once the work commits.

    With a `dedupe_key`, a second call with the same key records nothing (None)."""
    if dedupe_key is not None and await Notification.exists(
        dedupe_key=dedupe_key, using_db=uow.connection
    ):
        return None
    notification = await Notification.create(
        recipient=recipient,
        language=language,
        kind=kind,
        payload=payload,
        ticket_id=ticket_id,
        message_id=new_message_id(),
        dedupe_key=dedupe_key,
        using_db=uow.connection,
    )
    await uow.add_job(DELIVER_ACTOR, notification_id=notification.id)
    return notification


@dataclass(frozen=True)
class Notice:
    """A notification to record, for `notify_all`."""

    recipient: str
    language: Language
    kind: NotificationKind
    payload: dict[str, Any]
    ticket_id: int | None = None


async def notify_all(uow: UnitOfWork, notices: Sequence[Notice]) -> None:
    """`notify` for several notifications (without dedupe keys): two statements in all, the
    notifications and their delivery jobs."""
    if not notices:
        return
    ids = await insert_values(
        uow.connection,
        Notification,
        [
            {
                "recipient": notice.recipient,
                "language": notice.language,
                "kind": notice.kind,
                "payload": notice.payload,
                "ticket_id": notice.ticket_id,
                "message_id": new_message_id(),
            }
            for notice in notices
        ],
    )
    await uow.add_jobs(DELIVER_ACTOR, [{"notification_id": pk} for pk in ids])


async def _references(notification: Notification) -> list[str]:
    """The ticket's conversation so far: the mail that opened it, then our earlier mails."""
    if notification.ticket_id is None:
        return []
    first = await (
        InboundMail.filter(ticket_id=notification.ticket_id, message_id__not_isnull=True)
        .order_by("id")
        .limit(1)
        .values_list("message_id", flat=True)
    )
    ours = await (
        Notification.filter(
            ticket_id=notification.ticket_id,
            id__lt=notification.id,
            recipient=notification.recipient,
        )
        .order_by("-id")
        .limit(REFERENCES_KEPT)
        .values_list("message_id", flat=True)
    )
    found = [str(first[0])] if first else []
    found.extend(str(m) for m in reversed(ours) if m)
    replying_to = notification.payload.get("in_reply_to")
    if replying_to and replying_to not in found:
        found.append(str(replying_to))
    return found


# Longer than the deliver_notification actor's time limit (60 s): a live sender has finished
# or been stopped by then.
CLAIM_LEASE = timedelta(seconds=90)


async def deliver(notification_id: int) -> bool:
    """Send the notification; False when it was already sent. Raises DeliveryFailed to retry.

    At least once: `sent_at` is set only after the relay took the message, so a worker killed
    while sending leaves it unsent, and the job's next run sends it. That run may repeat a
    send the relay did take just before the kill: the copy carries the same Message-ID, which
    mail clients and our own intake recognise as one message. A claim (`claimed_at`) keeps two
    concurrent runs from sending at once; a dead worker's claim lapses after CLAIM_LEASE."""
    notification = await Notification.get_or_none(id=notification_id)
    if notification is None or notification.sent_at is not None:
        return False
    now = utcnow()
    message_id = notification.message_id or new_message_id()
    claimed = await Notification.filter(
        Q(claimed_at=None) | Q(claimed_at__lt=now - CLAIM_LEASE),
        id=notification_id,
        sent_at=None,
    ).update(claimed_at=now, message_id=message_id)
    if claimed != 1:
        if await Notification.filter(id=notification_id, sent_at=None).exists():
            # Another run is sending it: try again later rather than report it done.
            raise DeliveryFailed("another worker is sending this notification")
        return False
    message = build_message(
        kind=notification.kind,
        language=notification.language,
        payload=notification.payload,
        recipient=notification.recipient,
        message_id=message_id,
        references=await _references(notification),
        notification_id=notification.id,
    )
    try:
        await send_message(message, sender=sender_address(), recipient=notification.recipient)
    except (DeliveryFailed, OSError) as error:
        # Not delivered: give the claim back so the actor's retry sends it.
        await Notification.filter(id=notification_id).update(
            claimed_at=None,
            attempts=notification.attempts + 1,
            last_error=f"{type(error).__name__}: {error}"[:ERROR_MAX],
        )
        raise
    await Notification.filter(id=notification_id).update(
        sent_at=utcnow(), attempts=notification.attempts + 1
    )
    return True


@dataclass(frozen=True)
class FailedNotification:
    notification: Notification
    failed_at: datetime | None
    error: str


async def failed_notifications(
    *, viewer: Viewer | None, limit: int = 100
) -> list[FailedNotification]:
    """Notifications whose delivery gave up after its retries, newest first (admins)."""
    require_admin(viewer)
    jobs = await (
        OutboxJob.filter(Q(actor_name=DELIVER_ACTOR), status=OutboxStatus.FAILED)
        .order_by("-id")
        .limit(max(1, min(limit, 500)))
    )
    by_id = {
        int(job.kwargs["notification_id"]): job for job in jobs if "notification_id" in job.kwargs
    }
    rows = await Notification.filter(id__in=list(by_id), sent_at=None)
    found = {row.id: row for row in rows}
    return [
        FailedNotification(
            notification=found[pk],
            failed_at=by_id[pk].done_at or by_id[pk].enqueued_at,
            error=found[pk].last_error or by_id[pk].last_error or "",
        )
        for pk in by_id
        if pk in found
    ]
