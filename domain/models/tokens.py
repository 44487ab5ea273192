"""Sessions and passes: the opaque tokens of customers, staff and guests."""

from __future__ import annotations

from tortoise import fields

from domain.models.base import Model
from domain.models.enums import TokenKind
from domain.models.moments import creation_moment
from domain.models.people import Customer, Staff
from domain.models.tickets import Ticket


class AuthToken(Model):
    """An opaque token (a session, a guest pass or a password reset), stored as its sha256."""

    id = fields.IntField(primary_key=True)
    customer_id: int | None
    staff_id: int | None
    ticket_id: int | None
    token_hash = fields.CharField(max_length=64, unique=True)
    kind = fields.CharEnumField(TokenKind, max_length=16)
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="tokens", null=True, on_delete=fields.CASCADE
    )
    staff: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="tokens", null=True, on_delete=fields.CASCADE
    )
    # A guest token opens this one ticket and nothing else.
    ticket: fields.ForeignKeyNullableRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="guest_tokens", null=True, on_delete=fields.CASCADE
    )
    created_at = creation_moment()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "auth_token"
