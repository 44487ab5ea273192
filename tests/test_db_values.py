"""`domain.db_values.converter` gives, for every field of every model, what the field's own
`to_db_value` gives (the same value of the same type, or the same error, the same warning)
for values of every kind a caller may pass: the ones it answers itself and the ones it
hands on. A Tortoise upgrade that changes a conversion fails here."""

from __future__ import annotations

import functools
import warnings
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.fields.base import Field
from tortoise.fields.data import CharEnumFieldInstance, DatetimeField, JSONField
from tortoise.models import Model

from domain import db
from domain.clock import clock
from domain.db_values import converter
from domain.models import Language, Notification, Ticket, TicketEvent, TicketStatus

MOMENT = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
ELSEWHERE = MOMENT.astimezone(timezone(timedelta(hours=-3)))


@pytest.fixture(scope="module")
async def models() -> AsyncIterator[list[type[Model]]]:
    await db.connect("sqlite://:memory:")
    try:
        yield [model for app in Tortoise.apps.values() for model in app.values()]
    finally:
        await db.close()


def _fields(models: list[type[Model]]) -> Iterator[tuple[type[Model], Field[Any]]]:
    for model in models:
        meta = model._meta
        for name in meta.fields_db_projection:
            yield model, meta.fields_map[name]


def _samples(field: Field[Any]) -> list[Any]:
    """Values of every kind: the field's own, near misses, and plainly wrong ones."""
    common: list[Any] = [None, 0, 1, -7, 2**40, True, False, 1.5, Decimal("2"), "", "12"]
    common += ["x" * 300, "x" * 5000, b"{}", [1, "a"], {"a": [1, None]}, {}, []]
    common += [MOMENT, MOMENT.replace(tzinfo=None), ELSEWHERE]
    common += [date(2026, 12, 6), timedelta(minutes=5), Language.ES, TicketStatus.OPEN, "OPEN"]
    common += ['{"a": 1}', "not json", object()]
    if isinstance(field, CharEnumFieldInstance):
        common += list(field.enum_type) + [member.value for member in field.enum_type]
    return common


def _outcome(convert: Any, value: Any, owner: Any) -> tuple[str, Any, list[str]]:
    outcome: tuple[str, Any, list[str]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = convert(value, owner)
        except Exception as error:  # the same error, by type and text
            outcome = ("error", (type(error), str(error)), [])
        else:
            outcome = ("value", (type(result), result), [])
    outcome[2].extend(f"{w.category.__name__}: {w.message}" for w in caught)
    return outcome


async def test_every_field_converts_as_tortoise_converts(models: list[type[Model]]) -> None:
    compared = 0
    for model, field in _fields(models):
        convert = converter(field)
        for value in _samples(field):
            for owner in (model, None):
                ours = _outcome(convert, value, owner)
                theirs = _outcome(field.to_db_value, value, owner)
                assert ours == theirs, (model.__name__, field.model_field_name, value, owner)
                compared += 1
    assert compared > 10_000


async def test_a_new_instance_converts_as_tortoise_converts(models: list[type[Model]]) -> None:
    """With an instance, as an insert converts (a DatetimeField may then read it)."""
    for model in (Ticket, TicketEvent, Notification):
        instance = model()
        for name in model._meta.fields_db_projection:
            field = model._meta.fields_map[name]
            for value in (None, MOMENT, "x", 3):
                theirs = _outcome(field.to_db_value, value, instance)
                assert _outcome(converter(field), value, instance) == theirs, (model, name, value)


async def test_the_common_fields_are_answered_without_tortoise(models: list[type[Model]]) -> None:
    """The point of it: the usual kinds of field get a converter of their own."""
    kinds: dict[type[Field[Any]], int] = {}
    for _, field in _fields(models):
        if converter(field).__name__ != "handed_on":  # answered here, not by Tortoise
            kinds[type(field)] = kinds.get(type(field), 0) + 1
    names = {kind.__name__ for kind in kinds}
    assert {"IntField", "CharField", "TextField", "BooleanField"} <= names, names
    assert any(issubclass(kind, CharEnumFieldInstance) for kind in kinds), names
    assert DatetimeField in kinds and JSONField in kinds, names


def _cells_of(drawn_cells: Any, values: list[object], row: Any, owner: Any) -> str:
    cells: str = drawn_cells(row, owner, values)
    return cells


async def test_a_row_converts_each_value_as_its_field_converts_it(
    models: list[type[Model]],
) -> None:
    """domain.rows.row_code: a table's rows, converted by one generated call, give what each
    field's converter gives, value for value, or the same error."""
    from domain.rows.tables import table_of

    compared = 0
    for model in models:
        table = table_of(model, ())
        converted, drawn_cells = table.code
        fields = [model._meta.fields_map[name] for name in table.names]
        samples = [_samples(field) for field in fields]
        for index in range(max(map(len, samples))):
            row = [kinds[index % len(kinds)] for kinds in samples]
            for owner in (model, None):
                one_by_one = [
                    _outcome(converter(f), v, owner) for f, v in zip(fields, row, strict=True)
                ]
                failed = [outcome for outcome in one_by_one if outcome[0] == "error"]
                whole = _outcome(converted, row, owner)
                values: list[object] = []
                cells = _outcome(functools.partial(_cells_of, drawn_cells, values), row, owner)
                if failed:  # the first value that fails fails the row
                    assert whole[1] == failed[0][1] == cells[1], (model.__name__, row)
                    continue
                expected = [outcome[1][1] for outcome in one_by_one]
                assert whole[1] == (list, expected), (model.__name__, row)
                assert values == expected, (model.__name__, row)
                assert cells[1][1] == ", ".join(f"${n}" for n in range(1, len(row) + 1))
                compared += 1
    assert compared > 100


async def test_a_rows_drawn_values_are_written_as_their_sql_until_settled(
    models: list[type[Model]],
) -> None:
    """PostgreSQL's cells of a row holding Drawn stand-ins (domain.rows.drawn): the SQL of one
    not settled, the value of one settled, and in a JSON object the rest as a parameter with
    the drawn entries set by the statement."""
    from domain.models import NotificationKind
    from domain.rows.drawn import Drawn, forget_unsettled
    from domain.rows.tables import table_of

    table = table_of(Notification, ())
    ticket = Drawn('(SELECT "id" FROM parent)')
    number = Drawn('(SELECT "number" FROM parent)')
    earlier = Drawn("(SELECT 1)")
    earlier.settle(7)
    given = {
        "recipient": "ana@example.com",
        "language": Language.ES,
        "kind": NotificationKind.TICKET_CREATED,
        "payload": {"number": number, "n": earlier, "name": "Ana"},
        "created_at": MOMENT,
        "message_id": "<m@example.com>",
        "ticket_id": ticket,
        "attempts": earlier,
    }
    values: list[object] = ["before"]
    try:
        written = table.code.drawn_cells([given.get(n) for n in table.names], Notification, values)
    finally:
        forget_unsettled()
    expected, count = [], 1
    for name in table.names:
        if name == "ticket_id":
            expected.append(ticket.sql)
            continue
        count += 1
        if name == "payload":
            built = "jsonb_build_object('number', (SELECT \"number\" FROM parent))"
            expected.append(f"(${count}::jsonb || {built})")
        else:
            expected.append(f"${count}")
    assert written == ", ".join(expected)
    assert len(values) == count and values[0] == "before"
    assert '{"n":7,"name":"Ana"}' in values and 7 in values  # settled: their values


async def test_a_rows_drawn_keys_take_their_place_wherever_they_are(
    models: list[type[Model]],
) -> None:
    """In every table, unsettled Drawn values in any of its integer columns (all of them, the
    first, the last, every other one) are written as their SQL in their column's place, the
    other values as parameters numbered in order after the ones already sent."""
    from domain.rows.drawn import Drawn, forget_unsettled
    from domain.rows.tables import table_of

    checked = 0
    for model in models:
        table = table_of(model, ())
        fields = [model._meta.fields_map[name] for name in table.names]
        row: list[Any] = []
        for field in fields:  # a value each field converts
            fine = (
                v for v in _samples(field) if _outcome(converter(field), v, model)[0] == "value"
            )
            row.append(next(fine))
        keys = [i for i, f in enumerate(fields) if f.field_type in (int, bool) or f.pk]
        for chosen in ({*keys}, set(keys[:1]), set(keys[-1:]), set(keys[::2]), set(keys[1::2])):
            drawn = {i: Drawn(f"(SELECT {i} FROM parent)") for i in chosen}
            given = [drawn.get(i, value) for i, value in enumerate(row)]
            values: list[object] = ["before", "sent"]
            try:
                cells = table.code.drawn_cells(given, model, values)
            finally:
                forget_unsettled()
            expected, sent = [], ["before", "sent"]
            for i, (field, value) in enumerate(zip(fields, row, strict=True)):
                if i in drawn:
                    expected.append(drawn[i].sql)
                else:
                    sent.append(converter(field)(value, model))
                    expected.append(f"${len(sent)}")
            assert cells == ", ".join(expected), (model.__name__, chosen)
            assert values == sent, (model.__name__, chosen)
            checked += bool(chosen)
    assert checked > 100


async def test_a_rows_missing_values_are_their_fields_defaults(models: list[type[Model]]) -> None:
    """domain.rows.tables.row_values: a row given as a mapping holds each field's value, or
    its default where it lacks one (a callable default called once for the rows of a call)."""
    from domain.rows.tables import row_values, table_of

    called = 0
    with clock.held():
        for model in models:
            table = table_of(model, ())
            fields = [model._meta.fields_map[name] for name in table.names]
            given = {name: f"given {name}" for name in table.names[::2]}
            first, empty = row_values(table, [given, {}])
            for name, field, value, default in zip(table.names, fields, first, empty, strict=True):
                made = field.default() if callable(field.default) else field.default
                assert value == given.get(name, made) and default == made, (model, name)
                if callable(field.default):
                    called += 1
                    if name not in given and isinstance(made, list | dict):
                        assert value is default  # one call for the rows of a call
    assert called > 5
