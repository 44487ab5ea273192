"""Filtering tickets by custom field values: equality through the (field, text) index,
number and date ranges through the (field, number) and (field, date) indexes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from domain.custom_fields.definitions import visible_fields
from domain.custom_fields.values import (
    as_date,
    as_number,
    clean_value,
    number_text,
    path,
)
from domain.errors import ValidationFailed
from domain.identity.viewer import Viewer
from domain.models import CustomField, CustomFieldType, Ticket, TicketFieldValue

CONDITIONS_MAX = 10


@dataclass(frozen=True)
class FieldCondition:
    """Tickets whose value of the field `key` equals `equals` and lies within
    [at_least, at_most] (numbers and dates)."""

    key: str
    equals: object = None  # any JSON, as the client sent it
    at_least: object = None
    at_most: object = None

    def stored(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in (
                ("key", self.key),
                ("equals", self.equals),
                ("at_least", self.at_least),
                ("at_most", self.at_most),
            )
            if value is not None
        }

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> FieldCondition:
        return cls(
            key=str(stored["key"]),
            equals=stored.get("equals"),
            at_least=stored.get("at_least"),
            at_most=stored.get("at_most"),
        )


def _equal_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    number = as_number(value)
    if number is not None:
        return number_text(number)
    return " ".join(str(value).split())


def _bound(query: QuerySet[TicketFieldValue], value: object, op: str, key: str) -> Any:
    number = as_number(value)
    if number is not None:
        return query.filter(**{f"value_number__{op}": number})
    day = as_date(value)
    if day is not None:
        return query.filter(**{f"value_date__{op}": day})
    raise ValidationFailed(
        "A range takes numbers or dates (YYYY-MM-DD). / Un rango lleva números o fechas "
        "(AAAA-MM-DD).",
        field=path(key[:50]),
    )


def with_field_values(
    query: QuerySet[Ticket], viewer: Viewer | None, conditions: Sequence[FieldCondition]
) -> QuerySet[Ticket]:
    """The tickets of `query` meeting every condition; a field the viewer may not know
    matches nothing (customers cannot probe staff-only values)."""
    if len(conditions) > CONDITIONS_MAX:
        raise ValidationFailed(
            f"Filter by at most {CONDITIONS_MAX} custom fields. / Filtre por como máximo "
            f"{CONDITIONS_MAX} campos personalizados.",
            field="customFields",
        )
    for condition in conditions:
        if condition.equals is None and condition.at_least is None and condition.at_most is None:
            raise ValidationFailed(
                "Give a value or a range to filter by. / Indique un valor o un rango.",
                field=path(condition.key[:50]),
            )
        field_ids = CustomField.filter(visible_fields(viewer), key=condition.key).values("id")
        values = TicketFieldValue.filter(custom_field_id__in=Subquery(field_ids))
        if condition.equals is not None:
            values = values.filter(value_text=_equal_text(condition.equals))
        if condition.at_least is not None:
            values = _bound(values, condition.at_least, "gte", condition.key)
        if condition.at_most is not None:
            values = _bound(values, condition.at_most, "lte", condition.key)
        query = query.filter(id__in=Subquery(values.values("ticket_id")))
    return query


async def check_conditions(viewer: Viewer | None, conditions: Sequence[FieldCondition]) -> None:
    """Refuse, naming it, a condition on a field the viewer does not know or that its type
    cannot meet (a range on text, an option the field lacks)."""
    if not conditions:
        return
    keys = [condition.key for condition in conditions]
    fields = {
        field.key: field for field in await CustomField.filter(visible_fields(viewer), key__in=keys)
    }
    for condition in conditions:
        field = fields.get(condition.key)
        if field is None:
            raise ValidationFailed(
                f"There is no field {condition.key[:50]}. / No hay un campo {condition.key[:50]}.",
                field=path(condition.key[:50]),
            )
        if condition.equals is not None:
            clean_value(field, condition.equals)
        ranged = condition.at_least is not None or condition.at_most is not None
        if ranged and field.field_type not in (CustomFieldType.NUMBER, CustomFieldType.DATE):
            raise ValidationFailed(
                f"Only number and date fields filter by a range ({field.key} does not). / Solo "
                f"los campos de número y fecha filtran por rango ({field.key} no).",
                field=path(field.key),
            )
        for bound in (condition.at_least, condition.at_most):
            if bound is not None:
                clean_value(field, bound)
