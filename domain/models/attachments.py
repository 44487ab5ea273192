"""Files attached to a ticket's messages, from quarantine to content-addressed storage."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.enums import AttachmentRejection, AttachmentState
from domain.models.tickets import Message, Ticket


class Attachment(Model):
    """One file on one message. The bytes live in storage under their sha256, shared by
    identical files, so a row never owns them alone."""

    id = fields.IntField(primary_key=True)
    ticket_id: int
    message_id: int
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="attachments", on_delete=fields.CASCADE
    )
    message: fields.ForeignKeyRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="attachments", on_delete=fields.CASCADE
    )
    # The safe display name, never the client's raw one.
    name = fields.CharField(max_length=255)
    declared_type = fields.CharField(max_length=255, default="")
    # Sniffed from the content by the worker, null while pending.
    content_type = fields.CharField(max_length=255, null=True)
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64, null=True, db_index=True)
    state = fields.CharEnumField(AttachmentState, max_length=16, default=AttachmentState.PENDING)
    rejection = fields.CharEnumField(AttachmentRejection, max_length=32, null=True)
    rejection_detail = fields.CharField(max_length=200, default="")
    # The file in the quarantine folder while pending.
    quarantine_name = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "attachment"
        indexes = (Index(fields=("message_id", "id")), Index(fields=("ticket_id", "id")))
