"""A model field's value as the database takes it: what the field's own `to_db_value` gives,
with the common cases answered without the call.

Tortoise converts every value of an insert or an update through its field's `to_db_value`:
a method call, a loop over the field's validators, and type checks, for a value that is
almost always already what the database takes (an int for an IntField, an aware datetime, a
str within its length). A new ticket writes some 150 values that way (the ticket's 43
columns, its message's, its events', its notifications'), a twelfth of its CPU. Here each
field gets, once, a converter that returns such a value as it is and hands anything else
to the field's `to_db_value`: the same result, the same errors. The converter is compiled
from the field's `conversion`, an expression that domain.rows.row_code also inlines into the
code of a whole row, so one rule decides both. Which cases are answered here is decided by
the field's class and settings (no validator but a string's length, no
auto_now); tests/test_db_values.py checks every field of every model against Tortoise's own
conversion, so an upgrade that changes one fails there, not in the data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple

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


class Conversion(NamedTuple):
    """How a field's values are converted: `expression`, Python that reads a value as `{v}`,
    answers the common cases itself and hands anything else to `{handed}` (the field's own
    to_db_value, through `_handed_on`); `names`, the objects its other placeholders stand for.
    `converter` compiles it alone, domain.rows.row_code into the code of a whole row, so a
    row converts each value as its field's converter does."""

    expression: str
    names: dict[str, Any]


@functools.cache
def conversion(field: Field[Any]) -> Conversion:
    """The conversion of `field` (see `Conversion`). A value left to the database's default
    (DatabaseDefault) is refused: a write built from values names every column."""
    names: dict[str, Any] = {"handed": _handed_on(field)}
    handed = HANDED_ON
    kind = type(field)
    if kind.to_db_value is Field.to_db_value and not field.validators:
        # IntField, BigIntField, TextField, BooleanField: no conversion of its own type.
        names["exact"] = field.field_type
        return Conversion(
            f"({{v}} if {{v}} is None or type({{v}}) is {{exact}} else {handed})", names
        )
    limit = _length_limit(field)
    if kind is CharField and limit is not None:
        return Conversion(
            f"({{v}} if type({{v}}) is str and len({{v}}) <= {limit} else {handed})", names
        )
    if isinstance(field, CharEnumFieldInstance) and limit is not None:
        names["enum"] = field.enum_type
        # `.value` is a descriptor: two Python calls; `_value_` is the attribute itself.
        return Conversion(
            f"({{stored}} if type({{v}}) is {{enum}} and type({{stored}} := {{v}}._value_) is str"
            f" and len({{stored}}) <= {limit} else {handed})",
            names | {"stored": None},
        )
    if isinstance(field, DatetimeField) and kind is DatetimeField and not _automatic(field):
        names.update(datetime=datetime, UTC=UTC)
        return Conversion(
            f"({{v}} if {{v}} is None or (type({{v}}) is {{datetime}} and {{v}}.tzinfo is {{UTC}})"
            f" else {handed})",
            names,
        )
    if isinstance(field, JSONField) and kind is JSONField and not field.validators:
        names["encode"] = field.encoder
        return Conversion(
            f"(None if {{v}} is None else {{encode}}({{v}})"
            f" if type({{v}}) is dict or type({{v}}) is list else {handed})",
            names,
        )
    return Conversion(handed, names)


HANDED_ON = "{handed}({v}, owner)"  # a conversion that answers nothing itself


@functools.cache
def converter(field: Field[Any]) -> Converter:
    """The converter of `field` (kept per field: the fields live as long as their models),
    compiled from its `conversion`."""
    expression, names = conversion(field)
    if expression == HANDED_ON:
        handed: Converter = names["handed"]
        return handed
    bound = {name: f"_{name}" for name in names}
    namespace = {f"_{name}": value for name, value in names.items() if value is not None}
    code = f"def convert(value, owner):\n    return {expression.format(v='value', **bound)}\n"
    exec(code, namespace)  # our own template (see Conversion)
    convert: Converter = namespace["convert"]
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
