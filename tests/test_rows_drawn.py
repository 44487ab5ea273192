"""Values a statement not sent yet draws (domain.rows.drawn.Drawn): they stand for nothing
until settled (formatting one raises), and an INSERT's VALUES writes the SQL that reads them in
the statement, at the top level of a JSON object too, or their value once settled."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from tortoise import connections

from domain.models import Notification, Ticket
from domain.rows.drawn import Drawn, forget_unsettled, settled, unsettled
from domain.rows.tables import table_of, values_sql
from domain.tickets.actions import insert_ticket
from domain.uow import unit_of_work
from tests.own_database import demo_database
from tests.sla_support import draft_of


@pytest.fixture(scope="module", params=["postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


def test_a_drawn_value_is_refused_as_a_number_until_settled() -> None:
    drawn = Drawn('(SELECT "id" FROM parent)')
    try:
        assert unsettled()
        for use in (int, str, lambda value: f"{value}", lambda value: f"{value:d}"):
            with pytest.raises(RuntimeError, match="not sent yet"):
                use(drawn)
        assert drawn != 0 and drawn == drawn and settled(drawn) is drawn

        drawn.settle(41)
        assert not unsettled()
        assert (int(drawn), str(drawn), f"{drawn:>4}") == (41, "41", "  41")
        assert drawn == 41 and hash(drawn) == hash(41)
        assert settled(drawn) == 41 and type(settled(drawn)) is int
    finally:
        forget_unsettled()


async def test_values_name_what_their_statement_draws(database: str) -> None:
    # Given a notification's row naming a ticket whose id and number are drawn, and one
    # naming a ticket already written
    connection = connections.get("default")
    ticket_id = Drawn('(SELECT "id" FROM parent)')
    number = Drawn('(SELECT "number" FROM parent)')
    written = Drawn('(SELECT "id" FROM parent)')
    written.settle(7)
    table = table_of(Notification, ())
    names = table.names
    rows = []
    for ticket, payload in ((ticket_id, {"number": number, "n": 1}), (written, {"n": written})):
        row = {"recipient": "a@example.com", "kind": "TICKET_CREATED", "payload": payload}
        row |= {"language": "es", "ticket_id": ticket, "attempts": 0}
        rows.append([row.get(name) for name in names])
    try:
        # When their VALUES are written
        values: list[object] = []
        groups = values_sql(connection, table, rows, [Notification] * 2, {}, values)
    finally:
        forget_unsettled()

    # Then the first reads the id and the number in the statement, the number set in its
    # payload; the second names the ticket's id as a value, in its payload too
    assert groups.count('(SELECT "id" FROM parent)') == 1
    assert "jsonb_build_object('number', (SELECT \"number\" FROM parent))" in groups
    assert 7 in values and '{"n":7}' in values and '{"n":1}' in values
    assert not any(type(value) is Drawn for value in values)


async def test_a_unit_of_work_rolled_back_leaves_nothing_drawn(database: str) -> None:
    # Given a new ticket's draft
    viewer, draft = await draft_of("Rolled back before its last statement")

    # When a unit of work that leaves its rows for its last statement fails before sending it
    with pytest.raises(RuntimeError):
        async with unit_of_work() as uow:
            ticket = await insert_ticket(uow, viewer, draft, last=True)
            assert type(ticket.id) is Drawn
            raise RuntimeError("failed before the last statement")

    # Then the task holds no Drawn value waiting, and nothing was written
    assert not unsettled()
    assert await Ticket.filter(subject="Rolled back before its last statement").count() == 0
