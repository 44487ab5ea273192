"""The transactional outbox: side effects recorded with the change, sent after commit."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.enums import Language, NotificationKind, OutboxStatus
from domain.models.indexes import IndexWhere
from domain.models.moments import creation_moment

# Kinds that answer a received message automatically: how many of them one address got in
# the last hour is what domain.email.loops limits. The index on them (by recipient) holds
# their rows alone: with every notification in it, a new ticket's alerts to its department's
# agents each wrote a page of it at the place of their address, 5.6 of the 51 pages its
# commit wrote on SQLite, for a count that never reads them.
AUTOMATIC_ANSWERS = (NotificationKind.TICKET_CREATED, NotificationKind.EMAIL_REPLY_REFUSED)
AUTOMATIC_ANSWER_ROWS = f"kind IN ({', '.join(repr(kind.value) for kind in AUTOMATIC_ANSWERS)})"


class OutboxJob(Model):
    id = fields.BigIntField(primary_key=True)
    actor_name = fields.CharField(max_length=100)
    queue_name = fields.CharField(max_length=100, default="default")
    kwargs: dict[str, Any] = fields.JSONField(default=dict)
    status = fields.CharEnumField(OutboxStatus, max_length=16, default=OutboxStatus.PENDING)
    created_at = fields.DatetimeField()
    enqueued_at = fields.DatetimeField(null=True)
    done_at = fields.DatetimeField(null=True)
    enqueue_count = fields.IntField(default=0)
    last_error = fields.TextField(null=True)
    # The request (or SMTP session, or periodic run) that recorded the job, for the logs.
    request_id = fields.CharField(max_length=128, null=True)

    class Meta:
        table = "outbox_job"
        indexes = (Index(fields=("status", "enqueued_at")),)


class Notification(Model):
    """A message to a person, recorded with the change that caused it and delivered later."""

    id = fields.IntField(primary_key=True)
    recipient = fields.CharField(max_length=254)
    language = fields.CharEnumField(Language, max_length=2)
    kind = fields.CharEnumField(NotificationKind, max_length=32)
    payload: dict[str, Any] = fields.JSONField(default=dict)
    created_at = creation_moment()
    # Set once the relay (or the maildir) took the message, never before: at least once.
    sent_at = fields.DatetimeField(null=True)
    # When a worker started sending it; a claim older than the lease belongs to a dead one.
    claimed_at = fields.DatetimeField(null=True)
    # Our Message-ID, chosen when recorded, so a reply threads even before delivery.
    message_id = fields.CharField(max_length=255, null=True, db_index=True)
    ticket_id = fields.IntField(null=True)
    # Set for notifications a retried job may record twice (SLA alerts): recorded once.
    dedupe_key = fields.CharField(max_length=100, null=True, unique=True)
    attempts = fields.IntField(default=0)
    last_error = fields.TextField(null=True)

    class Meta:
        table = "notification"
        indexes = (
            IndexWhere(
                fields=("recipient", "created_at"),
                name="notification_automatic_answers",
                where=AUTOMATIC_ANSWER_ROWS,
            ),
            Index(fields=("ticket_id", "id")),
        )
