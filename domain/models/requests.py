"""Requests a client may retry: the key it sent, what it asked, and what the first call made."""

from __future__ import annotations

from tortoise import fields

from domain.models.base import Model
from domain.models.moments import creation_moment


class IdempotentRequest(Model):
    """The first call with a key reserves it (unique per viewer), and the id of what it created
    is recorded once that is committed. A retry with the key gets that, never a second one."""

    id = fields.BigIntField(primary_key=True)
    # Whose key: "customer:12", "staff:3", "partner:7", "guest:<session id>".
    scope = fields.CharField(max_length=64)
    key = fields.CharField(max_length=200)
    operation = fields.CharField(max_length=64)
    # sha256 of the request's inputs: the same key with other inputs is a conflict.
    fingerprint = fields.CharField(max_length=64)
    result_id = fields.BigIntField(null=True)
    created_at = creation_moment()

    class Meta:
        table = "idempotent_request"
        unique_together = (("scope", "key"),)
