"""Notifications to people: recorded through the outbox with the change that caused them,
rendered from templates in the recipient's language, and sent by a worker."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import UpdateQuery

from domain.clock import utcnow
from domain.email.render import build_message, new_message_id, sender_address
from domain.email.transport import DeliveryFailed, mail_folder, send_message
from domain.frozen_init import fast_init
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
from domain.prepared import Argument, Shaped, UpdateReturning, by_id
from domain.rows import Gather
from domain.uow import UnitOfWork

DELIVER_ACTOR = "deliver_notification"
DELIVER_ALL_ACTOR = "deliver_notifications"
# A batch's job sends at most this many notifications (`notify_all`), each within
# DELIVERY_SECONDS, the time limit of a single notification's job: its actor's time limit
# is their product, under the outbox's stale age (a job running longer is sent again).
BATCH_MAX = 8
DELIVERY_SECONDS = 60.0
ERROR_MAX = 2000
# Threading: how many of a ticket's earlier Message-IDs go into References.
REFERENCES_KEPT = 10

__all__ = [
    "BATCH_MAX",
    "DELIVERY_SECONDS",
    "DELIVER_ACTOR",
    "DELIVER_ALL_ACTOR",
    "DeliveryFailed",
    "Notice",
    "deliver",
    "deliver_all",
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


@fast_init
@dataclass(frozen=True)
class Notice:
    """A notification to record, for `notify_all`."""

    recipient: str
    language: Language
    kind: NotificationKind
    payload: dict[str, Any]
    ticket_id: int | None = None


# A batch's delivery job names its notifications: {"notification_ids": [id, ...]}, in id
# order, as its kwargs.
_DELIVERIES_OF = Gather(
    sql=lambda made_ids: (
        "(SELECT jsonb_build_object('notification_ids', jsonb_agg(made_id ORDER BY made_id))"
        f" FROM ({made_ids}) AS gathered (made_id))"
    ),
    value=lambda made_ids: {"notification_ids": sorted(made_ids)},
)


async def notify_all(uow: UnitOfWork, notices: Sequence[Notice]) -> None:
    """`notify` for several notifications (without dedupe keys), delivered by one job for
    each BATCH_MAX of them (`deliver_all`): the notifications and their job written by the
    unit of work's last statement on PostgreSQL, with its events (domain.uow.insert_gathered:
    a read of them in the unit of work does not see them), two statements on SQLite. A job
    per notification was as many messages for the relay to send and the workers to run, for
    mail that goes to one relay at the same moment."""
    for start in range(0, len(notices), BATCH_MAX):
        batch = notices[start : start + BATCH_MAX]
        [job] = uow.job_rows(DELIVER_ALL_ACTOR, 1)
        await uow.insert_gathered(
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
                for notice in batch
            ],
            OutboxJob,
            job,
            {"kwargs": _DELIVERIES_OF},
            functools.partial(_job_written, uow, job),
        )


def _job_written(uow: UnitOfWork, job: dict[str, Any], written: dict[str, Any]) -> None:
    uow.added_jobs([{**job, **written}])


async def deliver_all(notification_ids: Sequence[int]) -> int:
    """`deliver` each notification in turn (a batch's job), each within DELIVERY_SECONDS;
    one that fails does not hold back the others. Returns how many were sent; raises
    DeliveryFailed when any was not, so the job's retry sends those (the sent ones it
    skips, as `deliver` does)."""
    sent, failures = 0, []
    for notification_id in notification_ids:
        try:
            async with asyncio.timeout(DELIVERY_SECONDS):
                sent += await deliver(notification_id)
        except (DeliveryFailed, OSError) as error:  # TimeoutError is an OSError
            failures.append(f"{notification_id}: {type(error).__name__}: {error}")
    if failures:
        raise DeliveryFailed(
            f"{len(failures)} of {len(notification_ids)} notifications not sent: "
            + "; ".join(failures)
        )
    return sent


async def _references(notification: Notification) -> list[str]:
    """The ticket's conversation so far: the mail that opened it, then our earlier mails."""
    if notification.ticket_id is None:
        return []
    first = await _FIRST_MAIL.rows(None, [notification.ticket_id])
    ours = await _OURS.rows(None, [notification.ticket_id, notification.id, notification.recipient])
    found = [str(first[0].message_id)] if first else []
    found.extend(str(row.message_id) for row in reversed(ours) if row.message_id)
    replying_to = notification.payload.get("in_reply_to")
    if replying_to and replying_to not in found:
        found.append(str(replying_to))
    return found


# Every delivery's statements, their SQL built once (Tortoise built each query on every
# call: more CPU than sending the statements).
_FIRST_MAIL = Shaped(
    InboundMail,
    lambda _, arguments: (
        InboundMail.filter(ticket_id=arguments[0], message_id__not_isnull=True)
        .order_by("id")
        .limit(1)
    ),
    ("message_id",),
)
_OURS = Shaped(
    Notification,
    lambda _, arguments: (
        Notification.filter(ticket_id=arguments[0], id__lt=arguments[1], recipient=arguments[2])
        .order_by("-id")
        .limit(REFERENCES_KEPT)
    ),
    ("message_id",),
)


def _claim(arguments: Sequence[Argument]) -> UpdateQuery:
    """Notification `arguments[0]`, unsent and unclaimed (or claimed before `arguments[1]`),
    claimed at `arguments[2]` with the Message-ID `arguments[3]`."""
    notification_id, lapsed, now, message_id = arguments
    return Notification.filter(
        Q(claimed_at=None) | Q(claimed_at__lt=lapsed), id=notification_id, sent_at=None
    ).update(claimed_at=now, message_id=message_id)


def _sent(arguments: Sequence[Argument]) -> UpdateQuery:
    notification_id, sent_at, attempts = arguments
    return Notification.filter(id=notification_id).update(sent_at=sent_at, attempts=attempts)


_CLAIM = UpdateReturning(Notification, _claim, ("id",))
_SENT = UpdateReturning(Notification, _sent, ("id",))


# Longer than the deliver_notification actor's time limit and a batch's DELIVERY_SECONDS
# (60 s): a live sender has finished or been stopped by then.
CLAIM_LEASE = timedelta(seconds=90)


async def deliver(notification_id: int) -> bool:
    """Send the notification; False when it was already sent. Raises DeliveryFailed to retry.

    At least once: `sent_at` is set only after the relay took the message, so a worker killed
    while sending leaves it unsent, and the job's next run sends it. That run may repeat a
    send the relay did take just before the kill: the copy carries the same Message-ID, which
    mail clients and our own intake recognise as one message. A claim (`claimed_at`) keeps two
    concurrent runs from sending at once; a dead worker's claim lapses after CLAIM_LEASE."""
    found = await by_id(Notification).fetch([notification_id])
    notification = found[0] if found else None
    if notification is None or notification.sent_at is not None:
        return False
    now = utcnow()
    message_id = notification.message_id or new_message_id()
    claimed = len(await _CLAIM.rows([notification_id, now - CLAIM_LEASE, now, message_id]))
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
    await _SENT.rows([notification_id, utcnow(), notification.attempts + 1])
    return True


def _delivered_by(job: OutboxJob) -> list[int]:
    """The notifications a delivery job sends: one, or a batch's."""
    if "notification_id" in job.kwargs:
        return [int(job.kwargs["notification_id"])]
    return [int(pk) for pk in job.kwargs.get("notification_ids", [])]


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
        OutboxJob.filter(
            actor_name__in=(DELIVER_ACTOR, DELIVER_ALL_ACTOR), status=OutboxStatus.FAILED
        )
        .order_by("-id")
        .limit(max(1, min(limit, 500)))
    )
    by_id = {pk: job for job in jobs for pk in _delivered_by(job)}
    rows = await Notification.filter(id__in=list(by_id), sent_at=None)
    found = {row.id: row for row in rows}
    failed = [
        FailedNotification(
            notification=found[pk],
            failed_at=by_id[pk].done_at or by_id[pk].enqueued_at,
            error=found[pk].last_error or by_id[pk].last_error or "",
        )
        for pk in sorted(by_id, reverse=True)
        if pk in found
    ]
    return failed[: max(1, min(limit, 500))]
