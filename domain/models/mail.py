"""Mail that reached the support address: the raw message is on disk, this row tracks it."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.enums import BlockKind, InboundSource, InboundStatus
from domain.models.people import Staff


class InboundMail(Model):
    """One received message, stored before the SMTP answer and parsed later by a worker."""

    id = fields.BigIntField(primary_key=True)
    message_id = fields.CharField(max_length=255, null=True)
    content_hash = fields.CharField(max_length=64)
    source = fields.CharEnumField(InboundSource, max_length=8, default=InboundSource.SMTP)
    envelope_from = fields.CharField(max_length=254, default="")
    envelope_to: list[str] = fields.JSONField(default=list)
    # Relative to the data folder.
    raw_path = fields.CharField(max_length=500)
    size = fields.IntField()
    # Imported history is never answered automatically.
    may_answer = fields.BooleanField(default=True)
    status = fields.CharEnumField(InboundStatus, max_length=16, default=InboundStatus.RECEIVED)
    outcome = fields.TextField(null=True)
    sender = fields.CharField(max_length=254, null=True)
    subject = fields.CharField(max_length=200, null=True)
    # The HTML part after sanitising (no script, no handler, no active content), if any.
    html = fields.TextField(null=True)
    ticket_id = fields.IntField(null=True)
    received_at = fields.DatetimeField()
    processed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "inbound_mail"
        indexes = (
            Index(fields=("message_id", "id")),
            Index(fields=("content_hash",)),
            Index(fields=("ticket_id", "id")),
        )


class BlockedSender(Model):
    """An address or a whole domain whose mail and web tickets the desk no longer takes."""

    id = fields.IntField(primary_key=True)
    blocked_by_id: int | None
    kind = fields.CharEnumField(BlockKind, max_length=8)
    # Lower case: the whole address, or the domain alone.
    address = fields.CharField(max_length=254, unique=True)
    reason = fields.CharField(max_length=500)
    blocked_by: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="blocked_senders", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "blocked_sender"
