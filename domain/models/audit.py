"""The audit log: every change an administrator (or the catalogue file) makes."""

from __future__ import annotations

from typing import Any

from tortoise import fields

from domain.models.base import Model
from domain.models.moments import creation_moment


class AuditEntry(Model):
    """Who changed what, with the values before and after (null when created or removed)."""

    id = fields.BigIntField(primary_key=True)
    actor_staff_id = fields.IntField(null=True)
    # The staff member's name then, or the command that made the change ("mesa apply-config").
    actor_name = fields.CharField(max_length=200)
    action = fields.CharField(max_length=64)
    entity = fields.CharField(max_length=32)
    entity_id = fields.IntField(null=True)
    before: dict[str, Any] | None = fields.JSONField(null=True)
    after: dict[str, Any] | None = fields.JSONField(null=True)
    created_at = creation_moment(db_index=True)

    class Meta:
        table = "audit_entry"
        ordering = ["-id"]
