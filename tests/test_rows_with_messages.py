"""Rows written together with the row they hold or name, on SQLite and PostgreSQL
(domain.rows): a ticket with its first message (`insert_with_parent`), a reply's message with
the ticket's move that names it its last message (`update_where_naming`) and the statements
sent along with that move (`Along`). PostgreSQL writes each in one statement, SQLite in two,
and both leave the rows Tortoise's own statements would."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from tortoise import Tortoise

from domain.clock import utcnow
from domain.counters import draw_statement
from domain.models import (
    AuthorKind,
    Channel,
    Counter,
    Impact,
    Message,
    MessageVisibility,
    Staff,
    Ticket,
    TicketStatus,
)
from domain.rows import SHARED, Along, insert_all, insert_with_parent, update_where_naming
from domain.uow import unit_of_work
from tests.own_database import demo_database, make_ticket
from tests.sql_counter import count_queries


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


def _ticket_and_message(
    department_id: int, number: int, moment: datetime
) -> tuple[Ticket, Message]:
    ticket = Ticket(
        number=number,
        tracking_id=f"INS-ERT-{number:04d}",
        department_id=department_id,
        guest_name="Invitada",
        guest_email="invitada@example.com",
        subject="Primera / First",
        priority=Impact.HIGH,
        impact=Impact.MEDIUM,
        status=TicketStatus.NEW,
        channel=Channel.EMAIL,
        created_at=moment,
        updated_at=moment,
        sla_terms={"first": {"minutes": 30}},
    )
    return ticket, _guest_message(moment, Channel.EMAIL, "Hola / Hello")


def _guest_message(moment: datetime, channel: Channel, body: str) -> Message:
    return Message(
        author_kind=AuthorKind.GUEST,
        author_name="Invitada",
        visibility=MessageVisibility.PUBLIC,
        channel=channel,
        body=body,
        created_at=moment,
    )


async def test_a_ticket_and_its_message_are_written_as_tortoise_writes_them(
    database: str,
) -> None:
    # Given a ticket and its first message, not written yet, and the same rows again
    department = (await make_ticket(TicketStatus.NEW)).department_id
    moment = utcnow() - timedelta(minutes=5)
    ticket, message = _ticket_and_message(department, 9001, moment)
    their_ticket, their_message = _ticket_and_message(department, 9002, moment)

    # When they are written together, and the others by Tortoise, one after the other
    async with unit_of_work() as uow:
        with count_queries() as statements:
            await insert_with_parent(uow.connection, ticket, message, "ticket_id")
    await their_ticket.save(force_create=True)
    their_message.ticket_id = their_ticket.id
    await their_message.save(force_create=True)

    # Then PostgreSQL writes both in one statement (SQLite in two), each gets its id, the
    # message names the ticket, and both are stored as Tortoise stores them
    assert len(statements) == (1 if database.startswith("postgres") else 2), statements
    assert message.ticket_id == ticket.id and ticket.id is not None and message.id is not None
    for model, ours, theirs in ((Ticket, ticket, their_ticket), (Message, message, their_message)):
        columns = [
            name
            for name in model._meta.fields_db_projection
            if name not in ("id", "ticket_id", "tracking_id", "number")
        ]
        [mine] = await model.filter(id=ours.id).values(*columns)
        [tortoise_s] = await model.filter(id=theirs.id).values(*columns)
        assert mine == tortoise_s
    assert await Message.filter(id=message.id, ticket_id=ticket.id).exists()


def _reply_to(ticket: Ticket, moment: datetime) -> Message:
    reply = _guest_message(moment, Channel.WEB, "Sigue igual / Same")
    reply.ticket_id = ticket.id
    return reply


async def test_a_message_and_the_move_that_names_it_are_written_as_in_two_statements(
    database: str,
) -> None:
    # Given three tickets, a reply to each, and the move that names it the last message
    moment = utcnow() - timedelta(minutes=5)
    tickets = [await make_ticket(TicketStatus.NEW) for _ in range(3)]
    replies = [_reply_to(ticket, moment) for ticket in tickets]
    changes = {"status": TicketStatus.OPEN, "updated_at": moment, "first_responded_at": None}

    # When the first two are written together (the first call of a shape builds its
    # statement), and the third's by an insert and then Tortoise's update
    written = []
    for ticket, reply in zip(tickets[:2], replies, strict=False):
        async with unit_of_work() as uow:
            with count_queries() as statements:
                match = {"id": ticket.id, "status": TicketStatus.NEW}
                moved = await update_where_naming(
                    uow.connection, Ticket, match, changes, reply, "last_message_id"
                )
        written.append((moved, len(statements)))
    async with unit_of_work() as uow:
        [theirs] = await insert_all(uow.connection, [replies[2]])
        await (
            Ticket.filter(id=tickets[2].id, status=TicketStatus.NEW)
            .using_db(uow.connection)
            .update(**changes, last_message_id=theirs.id)
        )

    # Then each moved its ticket and got its id; PostgreSQL wrote the second in one statement
    # (SQLite in two); the rows are those of the two statements
    one = 1 if database.startswith("postgres") else 2
    assert written == [(1, 2), (1, one)]
    for ticket, reply in zip(tickets, replies, strict=True):
        assert reply.id is not None
        [row] = await Ticket.filter(id=ticket.id).values("last_message_id", "status")
        assert row == {"last_message_id": reply.id, "status": TicketStatus.OPEN}
    columns = [
        name for name in Message._meta.fields_db_projection if name not in ("id", "ticket_id")
    ]
    stored = [await Message.filter(id=reply.id).values(*columns) for reply in replies]
    assert stored[0] == stored[1] == stored[2]


async def test_a_message_whose_move_finds_no_ticket_is_rolled_back_with_it(database: str) -> None:
    # Given a ticket that is no longer NEW, and a shape built already
    moment = utcnow() - timedelta(minutes=5)
    built, ticket = await make_ticket(TicketStatus.NEW), await make_ticket(TicketStatus.OPEN)
    changes = {"status": TicketStatus.OPEN, "updated_at": moment, "first_responded_at": None}
    connection = Tortoise.get_connection("default")
    match = {"id": built.id, "status": TicketStatus.NEW}
    await update_where_naming(
        connection, Ticket, match, changes, _reply_to(built, moment), "last_message_id"
    )

    # When a move that expects it NEW writes a reply, in a unit of work that gives up then
    reply = _reply_to(ticket, moment)
    with contextlib.suppress(LookupError):
        async with unit_of_work() as uow:
            match = {"id": ticket.id, "status": TicketStatus.NEW}
            moved = await update_where_naming(
                uow.connection, Ticket, match, changes, reply, "last_message_id"
            )
            raise LookupError("no row moved")

    # Then nothing moved, and the reply was not kept
    assert moved == 0
    assert not await Message.filter(ticket_id=ticket.id, body="Sigue igual / Same").exists()
    assert (await Ticket.get(id=ticket.id)).last_message_id is None


async def test_statements_along_the_move_are_in_its_statement_on_postgresql(
    database: str,
) -> None:
    # Given two tickets, a reply to each, and with each move a change of another table (one
    # that finds its row, one that finds none) and a read of it; a move of the same shape was
    # written before, so its statement is kept (domain.rows.updates: the first of a shape in
    # the process is Tortoise's, and the suite's order decides whether another test wrote one)
    moment = utcnow() - timedelta(minutes=5)
    tickets = [await make_ticket(TicketStatus.NEW) for _ in range(2)]
    staff = await Staff.first()
    assert staff is not None
    changes = {"status": TicketStatus.OPEN, "updated_at": moment, "first_responded_at": None}
    before = await make_ticket(TicketStatus.NEW)
    async with unit_of_work() as uow:
        match = {"id": before.id, "status": TicketStatus.NEW}
        await update_where_naming(
            uow.connection, Ticket, match, changes, _reply_to(before, moment), "last_message_id"
        )
    rename = "UPDATE staff SET name = $1 WHERE id = $2 RETURNING id"
    read = "SELECT name FROM staff WHERE id = $1"
    alongs = [
        [Along(rename, ["Renombrada", staff.id]), Along(read, [staff.id])],
        [Along(rename, ["Nadie", -1]), Along(read, [staff.id])],
    ]

    # When each reply is written with its move, the statements along
    written = []
    for ticket, along in zip(tickets, alongs, strict=True):
        async with unit_of_work() as uow:
            with count_queries() as statements:
                match = {"id": ticket.id, "status": TicketStatus.NEW}
                moved = await update_where_naming(
                    uow.connection,
                    Ticket,
                    match,
                    changes,
                    _reply_to(ticket, moment),
                    "last_message_id",
                    along,
                )
        written.append((moved, len(statements)))

    # Then PostgreSQL sent them in the move's one statement and gave back their rows (the
    # read sees the database as the statement began); SQLite wrote each move in two and left
    # them to the caller
    returned = [[along.returned for along in pair] for pair in alongs]
    if database.startswith("postgres"):
        assert written == [(1, 1), (1, 1)]
        assert returned == [[[staff.id], [staff.name]], [[], ["Renombrada"]]]
        assert (await Staff.get(id=staff.id)).name == "Renombrada"
    else:
        assert written == [(1, 2), (1, 2)]
        assert returned == [[None, None], [None, None]]
        assert (await Staff.get(id=staff.id)).name == staff.name
    for ticket in tickets:
        assert (await Ticket.get(id=ticket.id)).status is TicketStatus.OPEN


async def test_a_parent_numbered_by_its_statement_names_its_child_and_is_read_along(
    database: str,
) -> None:
    # Given a ticket and its first message, not written yet, a counter to number the ticket
    # by, and a statement along that reads the ticket's row as it is inserted
    department = (await make_ticket(TicketStatus.NEW)).department_id
    moment = utcnow() - timedelta(minutes=5)
    ticket, message = _ticket_and_message(department, 0, moment)
    first = f"drawn AS ({draw_statement('rows_test', 7, after=SHARED)})"
    read = Along("SELECT parent.number * 10 + $1 FROM parent", [3])
    options: dict[str, Any] = {
        "first": first,
        "parent_sql": {"number": "(SELECT value FROM drawn)"},
        "back": "last_message_id",
        "alongs": [read],
    }

    # When they are written together, the ticket taking its number from the counter and
    # naming its message as its last
    if not database.startswith("postgres"):
        # Then SQLite refuses what only PostgreSQL's one statement can do
        with pytest.raises(ValueError):
            async with unit_of_work() as uow:
                await insert_with_parent(uow.connection, ticket, message, "ticket_id", **options)
        return
    async with unit_of_work() as uow:
        with count_queries() as statements:
            await insert_with_parent(uow.connection, ticket, message, "ticket_id", **options)

    # Then PostgreSQL wrote it all in one statement: the ticket has its number and names its
    # message, which names it; the read along saw the number
    assert len(statements) == 1, statements
    [number] = await Counter.filter(name="rows_test").values_list("value", flat=True)
    assert (ticket.number, ticket.last_message_id) == (number, message.id)
    stored = await Ticket.get(id=ticket.id)
    assert (stored.number, stored.last_message_id) == (number, message.id)
    assert (await Message.get(id=message.id)).ticket_id == ticket.id
    assert read.returned == [number * 10 + 3]
