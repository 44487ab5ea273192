"""PostgreSQL's transactions (domain.postgres_engine): BEGIN goes just before a transaction's
first statement, a unit of work whose writes are all its last statement sends no BEGIN and no
COMMIT (a new ticket: domain.uow, domain.rows.drawn), and everything else is still one
transaction. The statements are read as asyncpg sends them, BEGIN and COMMIT included."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain import uow as uow_module
from domain.email.notifications import DELIVER_ALL_ACTOR
from domain.live.events import Live, LiveEvent
from domain.models import (
    Counter,
    Message,
    Notification,
    OutboxJob,
    Ticket,
    TicketEvent,
)
from domain.postgres_engine import LazyTransaction
from domain.tickets.actions import create_ticket, insert_ticket
from domain.uow import unit_of_work
from tests.own_database import demo_database
from tests.sla_support import draft_of, new_ticket_of
from tests.sql_counter import kinds, sent_by_asyncpg

CATEGORY = "backup_restore"


@pytest.fixture(scope="module", params=["postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def test_a_new_ticket_is_one_statement_without_begin_or_commit(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given what the unit of work publishes once it commits
    published: list[Live] = []

    async def publish(events: list[Live]) -> None:
        published.extend(events)

    uow_module.set_event_publisher(publish)
    viewer, data = await new_ticket_of("C-1001", CATEGORY)
    await create_ticket(viewer=viewer, data=data)  # what the catalogue's cache keeps, read
    published.clear()
    try:
        # When a customer opens a ticket
        with sent_by_asyncpg(monkeypatch) as statements:
            ticket = await create_ticket(viewer=viewer, data=data)
    finally:
        uow_module.set_event_publisher(None)

    # Then one statement wrote it all, sent on its own: no BEGIN before it, no COMMIT after
    writes = [s for s in statements if 'INSERT INTO "ticket"' in s]
    assert len(writes) == 1, statements
    assert statements[-1] == writes[0], " | ".join(s[:60] for s in statements)
    assert "BEGIN" not in kinds(statements) and "COMMIT" not in kinds(statements), statements
    # and what it drew reached every row and every object: the ticket, its message, its
    # events and their live entries, its mails and their job
    assert isinstance(ticket.id, int) and type(ticket.id) is int
    assert type(ticket.number) is int and ticket.number > 0
    row = await Ticket.get(id=ticket.id)
    [message] = await Message.filter(ticket_id=ticket.id)
    assert (row.number, row.last_message_id) == (ticket.number, message.id)
    assert ticket.last_message_id == message.id
    events = await TicketEvent.filter(ticket_id=ticket.id).order_by("position")
    assert [event.message_id for event in events] == [None, message.id]
    assert all(event.position for event in events)
    lives = [event for event in published if isinstance(event, LiveEvent)]
    assert [(live.id, live.ticket_id, live.position) for live in lives] == [
        (event.id, ticket.id, event.position) for event in events
    ]
    assert all(type(live.ticket_id) is int for live in lives)
    assert lives[1].message is not None and type(lives[1].message.id) is int
    assert lives[1].message.id == message.id
    mails = await Notification.filter(ticket_id=ticket.id).order_by("id")
    assert mails and all(mail.payload["number"] == ticket.number for mail in mails)
    assert all(mail.payload["tracking_id"] == ticket.tracking_id for mail in mails)
    jobs = await OutboxJob.filter(actor_name=DELIVER_ALL_ACTOR)
    assert [mail.id for mail in mails] in [job.kwargs["notification_ids"] for job in jobs]


async def test_a_transaction_sends_begin_just_before_its_first_statement(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # When a transaction is entered, then reads and writes
    with sent_by_asyncpg(monkeypatch) as statements:
        async with in_transaction() as connection:
            assert isinstance(connection, LazyTransaction)
            nothing_yet = list(statements)
            await connection.execute_query("SELECT 1")
            await connection.execute_query(
                "INSERT INTO counter (name, value) VALUES ('engine_test', 1)"
            )

    # Then nothing was sent as it was entered; BEGIN went before its first statement, and it
    # committed
    assert nothing_yet == []
    assert kinds(statements) == ["BEGIN", "SELECT", "INSERT", "COMMIT"], statements
    assert await Counter.filter(name="engine_test").count() == 1


async def test_a_transaction_that_sends_nothing_sends_no_begin(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sent_by_asyncpg(monkeypatch) as statements:
        async with unit_of_work():
            pass
        async with in_transaction():
            pass
    assert statements == []


async def test_a_failing_transaction_rolls_back_whatever_it_sent(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # When a transaction writes, then fails
    with sent_by_asyncpg(monkeypatch) as statements, pytest.raises(RuntimeError):
        async with in_transaction() as connection:
            await connection.execute_query(
                "INSERT INTO counter (name, value) VALUES ('engine_rolled_back', 1)"
            )
            raise RuntimeError("a failure after the write")

    # Then it was rolled back
    assert kinds(statements) == ["BEGIN", "INSERT", "ROLLBACK"], statements
    assert await Counter.filter(name="engine_rolled_back").count() == 0


async def test_a_statement_sent_alone_is_all_or_nothing(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a counter
    await Counter.create(name="engine_alone", value=1)

    # When a transaction's one statement, sent alone, writes a row and then fails on another
    with sent_by_asyncpg(monkeypatch) as statements, pytest.raises(IntegrityError):
        async with in_transaction() as connection:
            assert isinstance(connection, LazyTransaction)
            connection.send_alone()
            await connection.execute_query(
                "WITH first AS (INSERT INTO counter (name, value) VALUES ('engine_half', 1) "
                "RETURNING name) INSERT INTO counter (name, value) VALUES ('engine_alone', 2)"
            )

    # Then it was the whole transaction, and left nothing
    assert kinds(statements) == ["WITH"], statements
    assert await Counter.filter(name="engine_half").count() == 0
    assert (await Counter.get(name="engine_alone")).value == 1


async def test_a_statement_after_one_sent_alone_is_refused(database: str) -> None:
    async with in_transaction() as connection:
        assert isinstance(connection, LazyTransaction)
        connection.send_alone()
        await connection.execute_query("SELECT 1")
        with pytest.raises(Exception, match="finalised"):
            await connection.execute_query("SELECT 2")


async def test_a_savepoint_begins_the_transaction_it_is_in(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # When a transaction's first statement is in a nested transaction that is rolled back,
    # and a later one in the outer transaction
    with sent_by_asyncpg(monkeypatch) as statements:
        async with in_transaction() as outer:
            with pytest.raises(RuntimeError):
                async with in_transaction() as inner:
                    await inner.execute_query(
                        "INSERT INTO counter (name, value) VALUES ('engine_inner', 1)"
                    )
                    raise RuntimeError("undo the savepoint")
            await outer.execute_query(
                "INSERT INTO counter (name, value) VALUES ('engine_outer', 1)"
            )

    # Then the outer transaction began first, the nested one was a savepoint of it, and only
    # the outer write committed
    sent = kinds(statements)
    assert sent[0] == "BEGIN" and sent[-1] == "COMMIT", statements
    assert [s for s in statements if s.upper().startswith("SAVEPOINT")], statements
    assert await Counter.filter(name="engine_inner").count() == 0
    assert await Counter.filter(name="engine_outer").count() == 1


async def test_a_statement_in_between_sends_the_rows_left_for_the_last_first(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a new ticket's draft, written by a unit of work that reads after it
    viewer, draft = await draft_of("Written before a read")

    # When the unit of work reads tickets after the new one's rows were left for its last
    # statement
    with sent_by_asyncpg(monkeypatch) as statements:
        async with unit_of_work() as uow:
            ticket = await insert_ticket(uow, viewer, draft, last=True)
            seen = await (
                Ticket.filter(subject="Written before a read").using_db(uow.connection).count()
            )

    # Then the read saw the ticket: its rows went first, in the transaction, before the read
    assert seen == 1
    sent = kinds(statements)
    assert sent[0] == "BEGIN" and sent[-1] == "COMMIT", statements
    assert type(ticket.id) is int and (await Ticket.get(id=ticket.id)).number == ticket.number
    events = await TicketEvent.filter(ticket_id=ticket.id).count()
    assert events == 2


async def test_a_new_ticket_with_a_long_fan_out_is_written_in_two_statements(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given rows left for the last statement go at once past a lowered limit (domain.uow)
    monkeypatch.setattr(uow_module, "LATER_VALUES_MAX", 1)
    viewer, data = await new_ticket_of("C-1001", CATEGORY)

    # When a customer opens a ticket
    with sent_by_asyncpg(monkeypatch) as statements:
        ticket = await create_ticket(viewer=viewer, data=data)

    # Then its row went with its mails, once they passed the limit, in its transaction, and
    # its events after, naming it by the id that statement drew
    sent = kinds(statements)
    assert sent.count("BEGIN") == 1 and sent[-1] == "COMMIT", statements
    [first] = [s for s in statements if 'INSERT INTO "ticket"' in s]
    assert 'INSERT INTO "notification"' in first and "ticket_event" not in first
    events = await TicketEvent.filter(ticket_id=ticket.id).order_by("position")
    [message] = await Message.filter(ticket_id=ticket.id)
    assert [event.message_id for event in events] == [None, message.id]
    mails = await Notification.filter(ticket_id=ticket.id)
    assert mails and all(mail.payload["number"] == ticket.number for mail in mails)


async def test_reads_first_go_before_begin_on_the_transactions_connection(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # When a unit of work reads first, then writes, then reads first again
    with sent_by_asyncpg(monkeypatch) as statements:
        async with unit_of_work() as uow:
            with uow.reads_first():
                before = await uow.connection.execute_query_dict("SELECT pg_backend_pid() AS pid")
            await uow.connection.execute_query(
                "INSERT INTO counter (name, value) VALUES ('engine_reads_first', 1)"
            )
            with uow.reads_first():
                seen = await Counter.filter(name="engine_reads_first").using_db(uow.connection)
            after = await uow.connection.execute_query_dict("SELECT pg_backend_pid() AS pid")

    # Then the first read went before BEGIN, on the connection the transaction then used;
    # once it had begun, a read "first" was in it (it saw the uncommitted row)
    assert kinds(statements) == ["SELECT", "BEGIN", "INSERT", "SELECT", "SELECT", "COMMIT"]
    assert before[0]["pid"] == after[0]["pid"]
    assert [row.value for row in seen] == [1]
