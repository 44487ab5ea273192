"""Customer satisfaction: the requester's one answer per resolved ticket."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.catalog import Department
from domain.models.enums import SatisfactionRating
from domain.models.people import Staff
from domain.models.tickets import Ticket


class TicketRating(Model):
    """How the requester rated a resolved ticket (good, neutral or bad, with a comment).

    One row per ticket, changeable for a while after the first answer. The agent and the
    department are those of the ticket when it was first rated, so the report keeps crediting
    the people who resolved it whatever happens to the ticket later."""

    id = fields.IntField(primary_key=True)
    ticket_id: int
    agent_id: int | None
    department_id: int
    ticket: fields.OneToOneRelation[Ticket] = fields.OneToOneField(
        "models.Ticket", related_name="rating", on_delete=fields.CASCADE
    )
    rating = fields.CharEnumField(SatisfactionRating, max_length=8)
    comment = fields.TextField(null=True)
    agent: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="ratings", null=True, on_delete=fields.SET_NULL
    )
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="ratings", on_delete=fields.RESTRICT
    )
    rated_at = fields.DatetimeField()
    changed_at = fields.DatetimeField()

    class Meta:
        table = "ticket_rating"
        indexes = (
            Index(fields=("rated_at", "agent_id")),
            Index(fields=("rated_at", "department_id")),
        )
