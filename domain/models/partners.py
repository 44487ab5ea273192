"""Partners integrating through the API, and their keys."""

from __future__ import annotations

from tortoise import fields

from domain.models.base import Model
from domain.models.moments import creation_moment


class Partner(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    is_active = fields.BooleanField(default=True)
    created_at = creation_moment()

    class Meta:
        table = "partner"


class PartnerKey(Model):
    """An API key, stored as its sha256 only. The key itself is shown once, at creation."""

    id = fields.IntField(primary_key=True)
    partner_id: int
    partner: fields.ForeignKeyRelation[Partner] = fields.ForeignKeyField(
        "models.Partner", related_name="keys", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    prefix = fields.CharField(max_length=24)
    key_hash = fields.CharField(max_length=64, unique=True)
    scopes: list[str] = fields.JSONField(default=list)
    requests_per_minute = fields.IntField(default=120)
    created_at = creation_moment()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "partner_key"
