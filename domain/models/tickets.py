"""Tickets, their thread and their history."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.manager import Manager
from tortoise.queryset import QuerySet

from domain.models.base import Model
from domain.models.catalog import Category, Department
from domain.models.enums import (
    AuthorKind,
    Channel,
    EventKind,
    Impact,
    Language,
    MessageVisibility,
    SlaClock,
    TicketStatus,
)
from domain.models.people import Customer, Service, Staff


class Counter(Model):
    """Named monotonic counters (ticket numbers), incremented with one conditional update."""

    name = fields.CharField(max_length=32, primary_key=True)
    value = fields.BigIntField(default=0)

    class Meta:
        table = "counter"


class QueuedTickets(Manager):
    """Every query of tickets through the model (`Ticket.filter`, `.get`, `.all`, relations)
    reads queued tickets only: a guest's ticket held until its address is confirmed
    (domain.tickets.held) is in no queue, view, count, search, report or thread until then.
    Only domain.tickets.held reads held ones, through `Ticket.held_rows()`."""

    def get_queryset(self) -> QuerySet[Any]:
        return QuerySet(self._model).filter(held_until__isnull=True)


class Ticket(Model):
    id = fields.IntField(primary_key=True)
    customer_id: int | None
    service_id: int | None
    department_id: int
    category_id: int | None
    assignee_id: int | None
    merged_into_id: int | None
    follow_up_of_id: int | None
    split_from_id: int | None
    number = fields.BigIntField(unique=True)
    tracking_id = fields.CharField(max_length=12, unique=True)
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="tickets", null=True, on_delete=fields.RESTRICT
    )
    guest_name = fields.CharField(max_length=200, null=True)
    guest_email = fields.CharField(max_length=254, null=True)
    # The language a guest chose on the web form; mail tickets leave it unknown (Spanish).
    guest_language = fields.CharEnumField(Language, max_length=2, null=True)
    service: fields.ForeignKeyNullableRelation[Service] = fields.ForeignKeyField(
        "models.Service", related_name="tickets", null=True, on_delete=fields.RESTRICT
    )
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="tickets", on_delete=fields.RESTRICT
    )
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="tickets", null=True, on_delete=fields.RESTRICT
    )
    assignee: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="assigned_tickets", null=True, on_delete=fields.SET_NULL
    )
    subject = fields.CharField(max_length=200)
    priority = fields.CharEnumField(Impact, max_length=16)
    impact = fields.CharEnumField(Impact, max_length=16)
    status = fields.CharEnumField(TicketStatus, max_length=24, default=TicketStatus.NEW)
    channel = fields.CharEnumField(Channel, max_length=8)
    merged_into: fields.ForeignKeyNullableRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="merged_tickets", null=True, on_delete=fields.SET_NULL
    )
    follow_up_of: fields.ForeignKeyNullableRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="follow_ups", null=True, on_delete=fields.SET_NULL
    )
    # The ticket whose message this one was split from (domain.tickets.split).
    split_from: fields.ForeignKeyNullableRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="split_tickets", null=True, on_delete=fields.SET_NULL
    )
    # While marked spam: the status unmarking puts back.
    status_before_spam = fields.CharEnumField(TicketStatus, max_length=24, null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    first_responded_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True, db_index=True)
    closed_at = fields.DatetimeField(null=True)
    last_message_id = fields.IntField(null=True)
    # The support level and targets the ticket started with (domain.sla.terms): a later change
    # of the service's level or of the level's targets does not rewrite its promise.
    sla_level_id = fields.IntField(null=True, db_index=True)
    sla_terms: dict[str, dict[str, Any]] | None = fields.JSONField(null=True)
    # SLA deadlines (domain.sla): indexed so due-time filters and the sweep read few rows.
    sla_clock = fields.CharEnumField(SlaClock, max_length=16, null=True)
    first_response_expected_at = fields.DatetimeField(null=True)
    first_response_due_at = fields.DatetimeField(null=True, db_index=True)
    next_response_started_at = fields.DatetimeField(null=True)
    next_response_expected_at = fields.DatetimeField(null=True)
    next_response_due_at = fields.DatetimeField(null=True, db_index=True)
    resolution_due_at = fields.DatetimeField(null=True, db_index=True)
    # Next responses owed and given: [[started, due or null, ended], ...] (the report's history)
    sla_next_responses: list[list[str | None]] | None = fields.JSONField(null=True)
    # Closed and open periods spent waiting on the customer: [[start, end or null], ...]
    sla_pauses: list[list[str | None]] = fields.JSONField(default=list)
    # The due moment the running clock heads for (ordering and filtering by due time).
    sla_due_at = fields.DatetimeField(null=True)
    # The earliest unmarked warning or breach moment, null when nothing is pending.
    sla_check_at = fields.DatetimeField(null=True, db_index=True)
    sla_warned_for = fields.DatetimeField(null=True)
    sla_breached_for = fields.DatetimeField(null=True)
    # Set while a guest's ticket waits for its address to be confirmed: until when the
    # confirmation link works (the retention sweep deletes the ticket after that).
    held_until = fields.DatetimeField(null=True, db_index=True)

    @classmethod
    def held_rows(cls) -> QuerySet[Ticket]:
        """Tickets held for confirmation, which the model's queries leave out."""
        return QuerySet(cls).filter(held_until__isnull=False)

    class Meta:
        table = "ticket"
        manager = QueuedTickets()
        indexes = (
            Index(fields=("department_id", "status", "created_at", "id")),
            Index(fields=("customer_id", "created_at", "id")),
            Index(fields=("created_at", "id")),
            Index(fields=("updated_at", "id")),
            Index(fields=("status", "resolved_at")),
            Index(fields=("sla_due_at", "id")),
            # View counts read only these indexes (domain.workspace.views): an agent's own
            # tickets by status, a department's unassigned ones, and those due soon.
            Index(fields=("assignee_id", "status", "department_id")),
            Index(fields=("department_id", "status", "assignee_id")),
            Index(fields=("department_id", "status", "sla_due_at")),
        )


class Message(Model):
    id = fields.IntField(primary_key=True)
    ticket_id: int
    author_customer_id: int | None
    author_staff_id: int | None
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="messages", on_delete=fields.CASCADE
    )
    author_kind = fields.CharEnumField(AuthorKind, max_length=16)
    author_customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="messages", null=True, on_delete=fields.SET_NULL
    )
    author_staff: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="messages", null=True, on_delete=fields.SET_NULL
    )
    author_name = fields.CharField(max_length=200, default="")
    visibility = fields.CharEnumField(MessageVisibility, max_length=16)
    channel = fields.CharEnumField(Channel, max_length=8)
    body = fields.TextField()
    created_at = fields.DatetimeField()
    # An email whose sender could not be verified: kept for agents, never as the requester's.
    # Nullable so the column can be added to a table with rows (NULL: a message from before).
    unverified = fields.BooleanField(default=False, null=True)

    class Meta:
        table = "message"
        indexes = (Index(fields=("ticket_id", "id")),)

    @property
    def is_internal(self) -> bool:
        return Message.internal_visibility(self.visibility)

    @staticmethod
    def internal_visibility(visibility: MessageVisibility) -> bool:
        return visibility is MessageVisibility.INTERNAL


class TicketEvent(Model):
    """One change to a ticket: who, what, before, after, when."""

    id = fields.BigIntField(primary_key=True)
    ticket_id: int
    actor_customer_id: int | None
    actor_staff_id: int | None
    message_id: int | None
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="events", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(EventKind, max_length=32)
    actor_kind = fields.CharEnumField(AuthorKind, max_length=16)
    actor_customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="events", null=True, on_delete=fields.SET_NULL
    )
    actor_staff: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="events", null=True, on_delete=fields.SET_NULL
    )
    before: Any = fields.JSONField(null=True)
    after: Any = fields.JSONField(null=True)
    message: fields.ForeignKeyNullableRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="events", null=True, on_delete=fields.SET_NULL
    )
    internal = fields.BooleanField(default=False)
    created_at = fields.DatetimeField()
    # Commit order (domain.live.positions): resumes and the live feed follow it, not the id.
    position = fields.BigIntField(null=True, unique=True)
    # The automation trigger run whose actions made this change (loops are bounded by it).
    caused_by_run_id = fields.BigIntField(null=True)

    class Meta:
        table = "ticket_event"
        indexes = (Index(fields=("ticket_id", "id")),)
