"""Custom field values on tickets: checked against the fields that apply, written in the
column of their type, read back with staff-only fields masked, changed by staff later."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.catalog.cache import cached
from domain.clock import utcnow
from domain.custom_fields.definitions import applying_to
from domain.errors import NotAllowed, ValidationFailed
from domain.identity.access import TicketRef, get_visible_ticket_for_update, require_staff
from domain.identity.viewer import Viewer
from domain.models import (
    CustomField,
    CustomFieldType,
    CustomFieldVisibility,
    EventKind,
    Ticket,
    TicketFieldValue,
)
from domain.tickets.changes import record_event
from domain.uow import UnitOfWork, unit_of_work

TEXT_MAX = 500
VALUES_MAX = 50
NUMBER_MAX = 1e15
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# A stored value as clients read it (JSON): text, a number, true or false.
JsonValue = str | int | float | bool | None


@dataclass(frozen=True)
class FieldValueInput:
    key: str
    value: object  # as the client sent it (any JSON); None clears it


@dataclass(frozen=True)
class CleanValue:
    """A value checked against its field, in the columns it is stored in."""

    field: CustomField
    text: str
    number: float | None = None
    day: date | None = None


def path(key: str) -> str:
    """The `field` of an error about a custom field's value."""
    return f"customFields.{key}"


def number_text(number: float) -> str:
    """One spelling per number, so equal numbers compare equal as text: 12, 12.5."""
    if number.is_integer():
        return str(int(number))
    return repr(number)


def as_number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    if not math.isfinite(number) or abs(number) > NUMBER_MAX:
        return None
    return number


def as_date(value: object) -> date | None:
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _wrong_type(field: CustomField) -> ValidationFailed:
    wanted = {
        CustomFieldType.TEXT: ("text", "un texto"),
        CustomFieldType.NUMBER: ("a number", "un número"),
        CustomFieldType.DATE: ("a date (YYYY-MM-DD)", "una fecha (AAAA-MM-DD)"),
        CustomFieldType.CHECKBOX: ("true or false", "true o false"),
        CustomFieldType.SELECT: ("one of its options", "una de sus opciones"),
    }[field.field_type]
    return ValidationFailed(
        f"{field.label_en} takes {wanted[0]}. / {field.label_es} lleva {wanted[1]}.",
        field=path(field.key),
    )


def clean_value(field: CustomField, value: object) -> CleanValue | None:
    """The value checked against the field's type (None: no value), or a typed error."""
    if value is None:
        return None
    kind = field.field_type
    if kind is CustomFieldType.TEXT:
        if not isinstance(value, str):
            raise _wrong_type(field)
        text = " ".join(value.replace("\x00", "").split())
        if len(text) > TEXT_MAX:
            raise ValidationFailed(
                f"{field.label_en} is at most {TEXT_MAX} characters. / {field.label_es} tiene "
                f"como máximo {TEXT_MAX} caracteres.",
                field=path(field.key),
            )
        return CleanValue(field, text) if text else None
    if kind is CustomFieldType.NUMBER:
        number = as_number(value)
        if number is None:
            raise _wrong_type(field)
        return CleanValue(field, number_text(number), number=number)
    if kind is CustomFieldType.DATE:
        day = as_date(value)
        if day is None:
            raise _wrong_type(field)
        return CleanValue(field, day.isoformat(), day=day)
    if kind is CustomFieldType.CHECKBOX:
        if not isinstance(value, bool):
            raise _wrong_type(field)
        return CleanValue(field, "true" if value else "false")
    if not isinstance(value, str):
        raise _wrong_type(field)
    keys = [str(option["key"]) for option in field.options]
    if value.strip() not in keys:
        raise ValidationFailed(
            f"{value[:50]} is not an option of {field.label_en}: choose one of "
            f"{', '.join(keys)}. / {value[:50]} no es una opción de {field.label_es}: elija "
            f"una de {', '.join(keys)}.",
            field=path(field.key),
        )
    return CleanValue(field, value.strip())


def plain(field: CustomField, text: str) -> JsonValue:
    """A stored value as clients read it: text, a number, an ISO date, true or false."""
    if field.field_type is CustomFieldType.NUMBER:
        number = float(text)
        return int(number) if number.is_integer() else number
    if field.field_type is CustomFieldType.CHECKBOX:
        return text == "true"
    return text


def _unknown(key: str) -> ValidationFailed:
    return ValidationFailed(
        f"There is no field {key[:50]} for this ticket. / No hay un campo {key[:50]} para "
        "este ticket.",
        field=path(key[:50]),
    )


def _fills(field: CustomField, value: CleanValue | None) -> bool:
    """Whether a value answers a required field: a required checkbox must be ticked."""
    if value is None:
        return False
    return field.field_type is not CustomFieldType.CHECKBOX or value.text == "true"


def _missing(field: CustomField) -> ValidationFailed:
    if field.field_type is CustomFieldType.CHECKBOX:
        return ValidationFailed(
            f"Tick {field.label_en}. / Marque {field.label_es}.", field=path(field.key)
        )
    return ValidationFailed(
        f"Fill in {field.label_en}. / Complete {field.label_es}.", field=path(field.key)
    )


def _checked_inputs(inputs: Sequence[FieldValueInput]) -> None:
    if len(inputs) > VALUES_MAX:
        raise ValidationFailed(
            f"Give at most {VALUES_MAX} custom field values. / Indique como máximo {VALUES_MAX} "
            "valores de campos personalizados.",
            field="customFields",
        )
    seen: set[str] = set()
    for item in inputs:
        if item.key in seen:
            raise ValidationFailed(
                f"{item.key[:50]} is given twice. / {item.key[:50]} aparece dos veces.",
                field=path(item.key[:50]),
            )
        seen.add(item.key)


def _may_fill(viewer: Viewer, field: CustomField) -> None:
    if field.visibility is CustomFieldVisibility.STAFF and not viewer.is_staff:
        raise NotAllowed(
            f"Only support staff fill in {field.key}. / Solo el equipo de soporte completa "
            f"{field.key}.",
            field=path(field.key),
        )


async def clean_new_ticket_values(
    viewer: Viewer,
    *,
    department_id: int,
    category_id: int | None,
    inputs: Sequence[FieldValueInput],
) -> tuple[CleanValue, ...]:
    """The values of a new ticket in this department and category, checked against the
    fields that apply: unknown ones, wrong types and missing required ones are refused
    (required staff-only fields only when staff open the ticket)."""
    _checked_inputs(inputs)
    fields = await cached(
        "custom_fields",
        (department_id, category_id),
        lambda: CustomField.filter(applying_to(department_id, category_id), is_active=True),
    )
    by_key = {field.key: field for field in fields}
    cleaned: dict[str, CleanValue] = {}
    for item in inputs:
        field = by_key.get(item.key)
        if field is None:
            raise _unknown(item.key)
        _may_fill(viewer, field)
        value = clean_value(field, item.value)
        if value is not None:
            cleaned[field.key] = value
    for field in sorted(fields, key=lambda f: (f.position, f.id)):
        if not field.is_required or _fills(field, cleaned.get(field.key)):
            continue
        if field.visibility is CustomFieldVisibility.STAFF and not viewer.is_staff:
            continue
        raise _missing(field)
    return tuple(cleaned.values())


async def write_values(
    connection: BaseDBAsyncClient, ticket: Ticket, values: Sequence[CleanValue]
) -> None:
    """Store a new ticket's values, in the caller's transaction."""
    if not values:
        return
    now = utcnow()
    await TicketFieldValue.bulk_create(
        [
            TicketFieldValue(
                ticket_id=ticket.id,
                custom_field_id=value.field.id,
                value_text=value.text,
                value_number=value.number,
                value_date=value.day,
                updated_at=now,
            )
            for value in values
        ],
        using_db=connection,
    )


@dataclass(frozen=True)
class TicketValue:
    field: CustomField
    value: JsonValue


async def values_by_ticket(
    viewer: Viewer | None, ticket_ids: Sequence[int]
) -> dict[int, list[TicketValue]]:
    """Each ticket's values in the fields' display order; staff-only fields for staff only
    (the caller already checked the viewer sees the tickets)."""
    grouped: dict[int, list[TicketValue]] = {ticket_id: [] for ticket_id in ticket_ids}
    if not ticket_ids:
        return grouped
    query = TicketFieldValue.filter(ticket_id__in=list(ticket_ids))
    if viewer is None or not viewer.is_staff:
        query = query.filter(custom_field__visibility=CustomFieldVisibility.CUSTOMERS)
    rows = await query.prefetch_related("custom_field")
    rows.sort(key=lambda row: (row.custom_field.position, row.custom_field_id))
    for row in rows:
        grouped[row.ticket_id].append(
            TicketValue(row.custom_field, plain(row.custom_field, row.value_text))
        )
    return grouped


async def set_ticket_values(
    *, viewer: Viewer | None, ticket_id: TicketRef, inputs: Sequence[FieldValueInput]
) -> Ticket:
    """Change some of a ticket's values (staff of its department; null clears one), checked
    as on creation against the fields that apply to it now; the change is a ticket event,
    internal when it touches a staff-only field."""
    viewer = require_staff(viewer)
    _checked_inputs(inputs)
    if not inputs:
        raise ValidationFailed(
            "Give the values to change. / Indique los valores que cambian.", field="customFields"
        )
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        fields = await CustomField.filter(
            applying_to(ticket.department_id, ticket.category_id), is_active=True
        ).using_db(uow.connection)
        by_key = {field.key: field for field in fields}
        rows = await TicketFieldValue.filter(ticket_id=ticket.id).using_db(uow.connection)
        current = {row.custom_field_id: row for row in rows}
        before: dict[str, JsonValue] = {}
        after: dict[str, JsonValue] = {}
        internal = False
        for item in inputs:
            field = by_key.get(item.key)
            if field is None:
                raise _unknown(item.key)
            value = clean_value(field, item.value)
            if field.is_required and not _fills(field, value):
                raise _missing(field)
            row = current.get(field.id)
            old = row.value_text if row else None
            new = value.text if value else None
            if old == new:
                continue
            before[field.key] = plain(field, old) if old is not None else None
            after[field.key] = plain(field, new) if new is not None else None
            internal = internal or field.visibility is CustomFieldVisibility.STAFF
            await _put(uow, ticket, field, row, value)
        if not after:
            return ticket
        ticket.updated_at = utcnow()
        await (
            Ticket.filter(id=ticket.id)
            .using_db(uow.connection)
            .update(updated_at=ticket.updated_at)
        )
        await record_event(
            uow,
            ticket,
            EventKind.CUSTOM_FIELDS_CHANGED,
            viewer,
            before=before,
            after=after,
            internal=internal,
        )
    return ticket


async def _put(
    uow: UnitOfWork,
    ticket: Ticket,
    field: CustomField,
    row: TicketFieldValue | None,
    value: CleanValue | None,
) -> None:
    if value is None:
        assert row is not None  # an unchanged empty value was skipped
        await TicketFieldValue.filter(id=row.id).using_db(uow.connection).delete()
        return
    columns = {
        "value_text": value.text,
        "value_number": value.number,
        "value_date": value.day,
        "updated_at": utcnow(),
    }
    if row is None:
        await TicketFieldValue.create(
            ticket_id=ticket.id, custom_field_id=field.id, **columns, using_db=uow.connection
        )
    else:
        await TicketFieldValue.filter(id=row.id).using_db(uow.connection).update(**columns)


async def clean_equals(key: str, value: object, *, field: str) -> dict[str, str]:
    """A trigger's "field equals" condition as stored: the field's key and the value's
    canonical text, checked against the field's type."""
    custom_field = await CustomField.get_or_none(key=key)
    if custom_field is None:
        raise ValidationFailed(
            f"There is no field {key[:50]}. / No hay un campo {key[:50]}.", field=field
        )
    try:
        cleaned = clean_value(custom_field, value)
    except ValidationFailed as error:
        error.field = field
        raise
    if cleaned is None:
        raise ValidationFailed(
            "Give the value the field must have. / Indique el valor que debe tener el campo.",
            field=field,
        )
    return {"key": key, "equals": cleaned.text}


async def unmet_equals(ticket_id: int, conditions: Sequence[dict[str, str]]) -> str | None:
    """The key of the first "field equals" condition the ticket does not meet, or None."""
    keys = [condition["key"] for condition in conditions]
    rows = await TicketFieldValue.filter(
        ticket_id=ticket_id, custom_field__key__in=keys
    ).values_list("custom_field__key", "value_text")
    held = {str(key): str(text) for key, text in rows}
    for condition in conditions:
        if held.get(condition["key"]) != condition["equals"]:
            return condition["key"]
    return None
