"""A model field's value as the database takes it: what the field's own `to_db_value` gives,
with the common cases answered without the call.

Tortoise converts every value of an insert or an update through its field's `to_db_value`:
a method call, a loop over the field's validators, and type checks, for a value that is
almost always already what the database takes (an int for an IntField, an aware datetime, a
str within its length). A new ticket writes some 150 values that way (the ticket's 43
columns, its message's, its events', its notifications'), a twelfth of its CPU. Here each
field gets, once, a converter that returns such a value as it is and hands anything else
to the field's `to_db_value`: the same result, the same errors. Which cases are answered
here is decided by the field's class and settings (no validator but a string's length, no
auto_now); tests/test_db_values.py checks every field of every model against Tortoise's own
conversion, so an upgrade that changes one fails there, not in the data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from tortoise.fields.base import DatabaseDefault, Field
from tortoise.fields.data import (
    CharEnumFieldInstance,
    CharField,
    DatetimeField,
    JSONField,
)
from tortoise.models import Model
from tortoise.validators import MaxLengthValidator

# What a value is converted for: the instance or the model being written; None for an update
# (as Tortoise's UpdateQuery converts).
Owner = Model | type[Model] | None
Converter = Callable[[Any, Owner], Any]


@functools.cache
def converter(field: Field[Any]) -> Converter:
    """The converter of `field` (kept per field: the fields live as long as their models).
    A value left to the database's default (DatabaseDefault) is refused: a write built from
    values names every column."""
    convert = _handed_on(field)
    kind = type(field)
    if kind.to_db_value is Field.to_db_value and not field.validators:
        # IntField, BigIntField, TextField, BooleanField: no conversion of its own type.
        exact = field.field_type

        def plain(value: Any, owner: Owner) -> Any:
            if value is None or type(value) is exact:
                return value
            return convert(value, owner)

        return plain
    limit = _length_limit(field)
    if kind is CharField and limit is not None:

        def text(value: Any, owner: Owner) -> Any:
            if type(value) is str and len(value) <= limit:
                return value
            return convert(value, owner)

        return text
    if isinstance(field, CharEnumFieldInstance) and limit is not None:
        enum = field.enum_type

        def member(value: Any, owner: Owner) -> Any:
            if type(value) is enum:
                stored = value._value_  # `.value` is a descriptor: two Python calls
                if type(stored) is str and len(stored) <= limit:
                    return stored
            return convert(value, owner)

        return member
    if isinstance(field, DatetimeField) and kind is DatetimeField and not _automatic(field):

        def moment(value: Any, owner: Owner) -> Any:
            if value is None or (type(value) is datetime and value.tzinfo is UTC):
                return value
            return convert(value, owner)

        return moment
    if isinstance(field, JSONField) and kind is JSONField and not field.validators:
        encode = field.encoder

        def document(value: Any, owner: Owner) -> Any:
            if value is None:
                return None
            if type(value) is dict or type(value) is list:
                return encode(value)
            return convert(value, owner)

        return document
    return convert


def _handed_on(field: Field[Any]) -> Converter:
    to_db_value = field.to_db_value

    def handed_on(value: Any, owner: Owner) -> Any:
        if isinstance(value, DatabaseDefault):
            name = f"{field.model.__name__}.{field.model_field_name}"
            raise ValueError(f"a write from values needs a value for {name}")
        return to_db_value(value, owner)  # type: ignore[arg-type]

    return handed_on


def _length_limit(field: Field[Any]) -> int | None:
    """The maximum length of a field whose only validator is one of its length."""
    match field.validators:
        case [MaxLengthValidator() as only]:
            return int(only.max_length)
    return None


def _automatic(field: DatetimeField[Any]) -> bool:
    return bool(field.validators or field.auto_now or field.auto_now_add)
