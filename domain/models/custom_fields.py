"""Custom fields: typed questions a ticket carries beyond the built-in ones, and their values."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.catalog import Category, Department
from domain.models.enums import CustomFieldType, CustomFieldVisibility
from domain.models.tickets import Ticket


class CustomField(Model):
    """A typed field of tickets, for every ticket or those of one department or category."""

    id = fields.IntField(primary_key=True)
    # Stable: what clients, filters, triggers and the config file name it by.
    key = fields.CharField(max_length=50, unique=True)
    field_type = fields.CharEnumField(CustomFieldType, max_length=16)
    label_es = fields.CharField(max_length=100)
    label_en = fields.CharField(max_length=100)
    help_es = fields.CharField(max_length=300, default="")
    help_en = fields.CharField(max_length=300, default="")
    # SELECT only: [{"key": ..., "label_es": ..., "label_en": ...}] in display order.
    options: list[dict[str, Any]] = fields.JSONField(default=list)
    # Neither: every ticket. A category implies its department.
    department_id: int | None
    department: fields.ForeignKeyNullableRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="custom_fields", null=True, on_delete=fields.CASCADE
    )
    category_id: int | None
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="custom_fields", null=True, on_delete=fields.CASCADE
    )
    is_required = fields.BooleanField(default=False)
    visibility = fields.CharEnumField(CustomFieldVisibility, max_length=16)
    is_active = fields.BooleanField(default=True)
    # Display order on forms and tickets (lower first), then id.
    position = fields.IntField(default=0)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "custom_field"


class TicketFieldValue(Model):
    """One custom field's value on one ticket, in the column of its type.

    value_text holds every type's canonical text (the equality index), value_number and
    value_date the ordered forms of numbers and dates (the range indexes)."""

    id = fields.BigIntField(primary_key=True)
    ticket_id: int
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="field_values", on_delete=fields.CASCADE
    )
    custom_field_id: int
    custom_field: fields.ForeignKeyRelation[CustomField] = fields.ForeignKeyField(
        "models.CustomField", related_name="values", on_delete=fields.CASCADE
    )
    value_text = fields.CharField(max_length=500)
    value_number = fields.FloatField(null=True)
    value_date = fields.DateField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "ticket_field_value"
        unique_together = (("ticket_id", "custom_field_id"),)
        indexes = (
            Index(fields=("custom_field_id", "value_text")),
            Index(fields=("custom_field_id", "value_number")),
            Index(fields=("custom_field_id", "value_date")),
        )
