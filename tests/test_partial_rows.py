"""Rows read in part (domain.partial_rows) hold exactly what Tortoise's models hold: every
column converted the same way (enums, datetimes, JSON, booleans, nulls), on SQLite and on
PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tortoise.models import Model

from domain.clock import clock, utcnow
from domain.demo import seed_demo
from domain.models import Message, MessageVisibility, Ticket, TicketEvent
from domain.partial_rows import plain_rows, read_rows
from tests.own_database import own_database, own_database_at
from tests.sla_support import open_ticket_at


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
async def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    """A demo database with two customers' tickets, their messages and events."""
    if request.param == "sqlite":
        opened = own_database(tmp_path_factory.mktemp("rows"))
    else:
        postgres = request.getfixturevalue("postgres")
        opened = own_database_at(await postgres.prepared_database("partial_rows", "seed-demo"))
    async with opened as url:
        await seed_demo()  # (a PostgreSQL copy of the demo template already has it)
        try:
            await open_ticket_at(utcnow() - timedelta(hours=3), "service_down")
            await open_ticket_at(utcnow() - timedelta(hours=1), "backup_restore", "C-1002")
        finally:
            clock.reset()
        yield url


def _columns(model: type[Model]) -> list[str]:
    return list(model._meta.fields_db_projection)


@pytest.mark.parametrize("model", [Ticket, Message, TicketEvent], ids=lambda m: m.__name__)
async def test_rows_read_in_part_equal_the_models_columns(
    database: str, model: type[Model]
) -> None:
    # When every column is read as rows and as models
    rows = await read_rows(model.all().order_by("id"), _columns(model))
    models = await model.all().order_by("id")

    # Then each row has each model's value, of the same type
    assert len(rows) == len(models) > 0
    for row, whole in zip(rows, models, strict=True):
        for name in _columns(model):
            value, expected = getattr(row, name), getattr(whole, name)
            assert (value, type(value)) == (expected, type(expected)), (model, name)
            if isinstance(value, datetime):  # and the same text (a row keeps asyncpg's UTC)
                assert value.isoformat() == expected.isoformat(), (model, name)


async def test_rows_have_only_the_columns_read(database: str) -> None:
    # When two columns of a ticket are read
    ticket = await Ticket.all().order_by("id").first()
    assert ticket is not None
    (row,) = await read_rows(Ticket.filter(id=ticket.id), ["subject", "status"])

    # Then the row has them and nothing more (as a partial model: no silent None)
    assert (row.subject, row.status) == (ticket.subject, ticket.status)
    with pytest.raises(AttributeError):
        _ = row.customer_id


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(timezones=st.none() | st.just(UTC) | st.timezones()),
    separator=st.sampled_from(["T", " "]),
    kind=st.sampled_from(list(MessageVisibility)),
)
def test_a_driver_s_values_convert_as_tortoise_converts_them(
    moment: datetime, separator: str, kind: MessageVisibility
) -> None:
    # Given a message row as a driver may return it: datetimes as text (SQLite's, with any
    # offset or none) or as datetimes (PostgreSQL's), enums by value
    fields = Message._meta.fields_map
    for created in (moment.isoformat(separator), moment):
        # Then each column is what Tortoise's own conversion makes of it, the same moment
        # written the same way in the same zone (or, for a moment at UTC, in `timezone.utc`,
        # equal to Tortoise's UTC: domain.partial_rows._utc_kept), or the same error (an
        # offset in seconds is not ISO 8601's)
        try:
            expected = fields["created_at"].to_python_value(created)
        except ValueError as error:
            with pytest.raises(type(error)):
                plain_rows(Message, [_Record((1, created, kind.value))])
            continue
        (row,) = plain_rows(Message, [_Record((1, created, kind.value))])
        value = row.created_at
        assert (value, value.utcoffset(), value.isoformat()) == (
            expected,
            expected.utcoffset(),
            expected.isoformat(),
        )
        assert value.tzinfo == expected.tzinfo or (value.tzinfo is UTC and not value.utcoffset())
        assert value.fold == expected.fold
        assert row.visibility is fields["visibility"].to_python_value(kind.value)


class _Record(tuple[object, ...]):
    """A driver's row: its values in order, its columns' names by `keys()` (asyncpg's
    Record, sqlite3's Row)."""

    def keys(self) -> tuple[str, ...]:
        return ("id", "created_at", "visibility")
