"""The agent's workspace: ticket views, tags on tickets and canned responses."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.catalog import Department
from domain.models.people import Staff
from domain.models.tickets import Ticket


class Tag(Model):
    """A label agents put on tickets, its name stored folded (lower case, single spaces)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=50, unique=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "tag"


class TicketTag(Model):
    id = fields.IntField(primary_key=True)
    ticket_id: int
    tag_id: int
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="ticket_tags", on_delete=fields.CASCADE
    )
    tag: fields.ForeignKeyRelation[Tag] = fields.ForeignKeyField(
        "models.Tag", related_name="ticket_tags", on_delete=fields.CASCADE
    )

    class Meta:
        table = "ticket_tag"
        unique_together = (("ticket_id", "tag_id"),)
        # Filtering and counting by tag read this index, never the ticket table first.
        indexes = (Index(fields=("tag_id", "ticket_id")),)


class CannedResponse(Model):
    """A reply agents insert: shared (per department or for all) or personal (`owner`)."""

    id = fields.IntField(primary_key=True)
    department_id: int | None
    owner_id: int | None
    title = fields.CharField(max_length=120)
    body_es = fields.TextField()
    body_en = fields.TextField()
    department: fields.ForeignKeyNullableRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="canned_responses", null=True, on_delete=fields.CASCADE
    )
    owner: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="canned_responses", null=True, on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "canned_response"
        indexes = (Index(fields=("owner_id", "title")), Index(fields=("department_id", "title")))


class TicketView(Model):
    """A saved ticket view: shared (no owner, kept by admins) or an agent's own."""

    id = fields.IntField(primary_key=True)
    owner_id: int | None
    name = fields.CharField(max_length=80)
    owner: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="ticket_views", null=True, on_delete=fields.CASCADE
    )
    # The filter, as domain.workspace.views stores it (ids, enum values, tags).
    filters: dict[str, Any] = fields.JSONField(default=dict)
    sort = fields.CharField(max_length=16)
    direction = fields.CharField(max_length=4)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "ticket_view"
        indexes = (Index(fields=("owner_id", "name")),)


class TicketWatcher(Model):
    """An agent following a ticket they are not assigned to."""

    id = fields.IntField(primary_key=True)
    ticket_id: int
    staff_id: int
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="watchers", on_delete=fields.CASCADE
    )
    staff: fields.ForeignKeyRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="watched", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "ticket_watcher"
        unique_together = (("ticket_id", "staff_id"),)


class AgentPreferences(Model):
    """What an agent is told about, live and by email (kinds of
    domain.workspace.notifications)."""

    staff: fields.OneToOneRelation[Staff] = fields.OneToOneField(
        "models.Staff", related_name="preferences", on_delete=fields.CASCADE, primary_key=True
    )
    staff_id: int
    live_kinds: list[str] = fields.JSONField(default=list)
    # None until the agent chooses: the default kinds of domain.workspace.notifications.
    email_kinds: list[str] | None = fields.JSONField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "agent_preferences"


class Macro(Model):
    """Several changes to a ticket in one click: shared (per department or for all) or
    personal (`owner`). `actions` as domain.workspace.macros stores them."""

    id = fields.IntField(primary_key=True)
    department_id: int | None
    owner_id: int | None
    title = fields.CharField(max_length=120)
    actions: dict[str, Any] = fields.JSONField(default=dict)
    department: fields.ForeignKeyNullableRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="macros", null=True, on_delete=fields.CASCADE
    )
    owner: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="macros", null=True, on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "macro"
        indexes = (Index(fields=("owner_id", "title")), Index(fields=("department_id", "title")))


class TicketContact(Model):
    """Someone else on a ticket's conversation: an address the requester copied (CC). They
    get the replies, and their own replies thread into the ticket."""

    id = fields.IntField(primary_key=True)
    ticket_id: int
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="cc_contacts", on_delete=fields.CASCADE
    )
    email = fields.CharField(max_length=254)
    name = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField()

    class Meta:
        table = "ticket_contact"
        unique_together = (("ticket_id", "email"),)
        indexes = (Index(fields=("email",)),)
