"""Who talks to the helpdesk: customers and their services, and staff (their sessions:
domain.models.tokens)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields

from domain.models.base import Model
from domain.models.catalog import Department, SupportLevel
from domain.models.enums import Language, StaffRole
from domain.models.moments import creation_moment

if TYPE_CHECKING:
    from domain.models.partners import Partner


class Customer(Model):
    id = fields.IntField(primary_key=True)
    partner_id: int | None
    client_number = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=254, db_index=True)
    language = fields.CharEnumField(Language, max_length=2, default=Language.ES)
    password_hash = fields.CharField(max_length=255)
    is_active = fields.BooleanField(default=True)
    created_at = creation_moment()
    partner: fields.ForeignKeyNullableRelation[Partner] = fields.ForeignKeyField(
        "models.Partner", related_name="customers", null=True, on_delete=fields.SET_NULL
    )

    services: fields.ReverseRelation[Service]

    class Meta:
        table = "customer"


class Service(Model):
    """A service a customer contracted (hosting plan, domain, ...) and its support level."""

    id = fields.IntField(primary_key=True)
    customer_id: int
    support_level_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="services", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    support_level: fields.ForeignKeyRelation[SupportLevel] = fields.ForeignKeyField(
        "models.SupportLevel", related_name="services", on_delete=fields.RESTRICT
    )
    is_active = fields.BooleanField(default=True)
    created_at = creation_moment()

    class Meta:
        table = "service"
        ordering = ["id"]


class Staff(Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    name = fields.CharField(max_length=200)
    role = fields.CharEnumField(StaffRole, max_length=16, default=StaffRole.AGENT)
    language = fields.CharEnumField(Language, max_length=2, default=Language.ES)
    password_hash = fields.CharField(max_length=255)
    is_active = fields.BooleanField(default=True)
    created_at = creation_moment()
    # Out of office: skipped by automatic assignment until `away_until` (none: until back).
    away = fields.BooleanField(default=False, db_default=False)
    away_until = fields.DatetimeField(null=True)
    # Appended to the mail of the agent's replies, in the recipient's language.
    signature_es = fields.TextField(null=True)
    signature_en = fields.TextField(null=True)
    departments: fields.ManyToManyRelation[Department] = fields.ManyToManyField(
        "models.Department", related_name="staff", through="staff_department"
    )

    class Meta:
        table = "staff"
        ordering = ["id"]
