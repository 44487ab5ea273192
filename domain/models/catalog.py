"""Reference data an admin maintains: support levels, SLA targets, calendars, departments."""

from __future__ import annotations

from tortoise import fields

from domain.models.base import Model
from domain.models.enums import Impact, SlaClock


class BusinessCalendar(Model):
    """Opening hours of a support team, from which the SLA engine computes business time."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    timezone = fields.CharField(max_length=64)
    # {"0": [["08:00", "18:00"]], ...}: weekday (0 = Monday) to local windows.
    weekly_hours: dict[str, list[list[str]]] = fields.JSONField(default=dict)
    holiday_country = fields.CharField(max_length=8, null=True)

    holidays: fields.ReverseRelation[CalendarHoliday]

    class Meta:
        table = "business_calendar"


class CalendarHoliday(Model):
    id = fields.IntField(primary_key=True)
    calendar: fields.ForeignKeyRelation[BusinessCalendar] = fields.ForeignKeyField(
        "models.BusinessCalendar", related_name="holidays", on_delete=fields.CASCADE
    )
    date = fields.DateField()
    name = fields.CharField(max_length=100)

    class Meta:
        table = "calendar_holiday"
        unique_together = (("calendar", "date"),)


class SupportLevel(Model):
    id = fields.IntField(primary_key=True)
    calendar_id: int | None
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=100)
    description = fields.TextField(default="")
    rank = fields.SmallIntField(default=1)
    channels: list[str] = fields.JSONField(default=list)
    # {"PHONE": "BUSINESS_HOURS"}: a ChannelCondition per listed channel, ALWAYS when absent.
    channel_conditions: dict[str, str] = fields.JSONField(default=dict)
    # What the level costs a month (seed 001: Nivel 3 is COP 120.900 + IVA); null: included.
    monthly_price = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    currency = fields.CharField(max_length=3, null=True)
    # An inactive level is offered to no new service; existing services keep it.
    is_active = fields.BooleanField(default=True, db_default=True)
    calendar: fields.ForeignKeyNullableRelation[BusinessCalendar] = fields.ForeignKeyField(
        "models.BusinessCalendar",
        related_name="support_levels",
        null=True,
        on_delete=fields.SET_NULL,
    )

    targets: fields.ReverseRelation[SlaTarget]

    class Meta:
        table = "support_level"
        ordering = ["rank"]


class SlaTarget(Model):
    """Response promise of a level for one impact: expected (warning) and due (breach)."""

    id = fields.IntField(primary_key=True)
    support_level_id: int
    support_level: fields.ForeignKeyRelation[SupportLevel] = fields.ForeignKeyField(
        "models.SupportLevel", related_name="targets", on_delete=fields.CASCADE
    )
    impact = fields.CharEnumField(Impact, max_length=16)
    clock = fields.CharEnumField(SlaClock, max_length=16)
    first_response_expected_minutes = fields.IntField()
    first_response_due_minutes = fields.IntField()
    resolution_due_minutes = fields.IntField(null=True)

    class Meta:
        table = "sla_target"
        unique_together = (("support_level", "impact"),)


class Department(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=100)
    name_es = fields.CharField(max_length=100, default="")
    is_active = fields.BooleanField(default=True, db_default=True)
    # Appended to the mail of replies on its tickets, after the agent's own signature.
    signature_es = fields.TextField(null=True)
    signature_en = fields.TextField(null=True)

    class Meta:
        table = "department"
        ordering = ["id"]


class Category(Model):
    id = fields.IntField(primary_key=True)
    department_id: int
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="categories", on_delete=fields.RESTRICT
    )
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=100)
    name_es = fields.CharField(max_length=100, default="")
    default_impact = fields.CharEnumField(Impact, max_length=16)
    is_active = fields.BooleanField(default=True, db_default=True)

    class Meta:
        table = "category"
        ordering = ["id"]
