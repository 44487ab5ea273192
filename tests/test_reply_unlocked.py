"""A public reply on PostgreSQL reads its ticket unlocked, with its row's version, then one
statement (no BEGIN, no COMMIT) writes the reply, the move, its events and its mails only if
the row is still at that version; otherwise it writes nothing and the reply reads again
(domain.tickets.replies, domain.rows.naming_later)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from domain.catalog import cache
from domain.catalog.cache import note_stamp, read_stamp, request_scope
from domain.email.notifications import DELIVER_ALL_ACTOR
from domain.identity.access import get_visible_ticket_versioned
from domain.identity.viewer import Viewer
from domain.models import (
    Channel,
    Counter,
    EventKind,
    Message,
    Notification,
    NotificationKind,
    OutboxJob,
    Staff,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from domain.rows import changed_meanwhile
from domain.tickets.actions import create_ticket
from domain.tickets.replies import add_reply, reply_to_ticket
from domain.tickets.search import search_ticket_ids
from domain.uow import unit_of_work
from domain.workspace.notifications import watch_ticket
from tests.own_database import demo_database, make_ticket
from tests.sla_support import agent_viewer, new_ticket_of
from tests.sql_counter import kinds, sent_by_asyncpg

CATEGORY = "backup_restore"


@asynccontextmanager
async def _request() -> AsyncIterator[None]:
    """As an API request: the catalogue's stamp read (with its token), its lookups kept."""
    with request_scope():
        note_stamp(await read_stamp())
        yield


def _shown(statements: list[str]) -> str:
    return " | ".join(statement[:70] for statement in statements)


@pytest.fixture(scope="module", params=["postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


@pytest.fixture(autouse=True)
def own_catalogue_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process's catalogue cache keeps the newest stamp it saw, of any test's database:
    this module's requests get one of their own."""
    monkeypatch.setattr(cache, "_store", cache.Store())


async def _a_ticket() -> tuple[Ticket, Viewer]:
    viewer, data = await new_ticket_of("C-1001", CATEGORY)
    ticket = await create_ticket(viewer=viewer, data=data)
    return ticket, viewer


async def test_a_customers_reply_is_read_then_one_statement(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a customer's ticket, replied to once (each update's shape is kept on its first use)
    ticket, viewer = await _a_ticket()
    async with _request():
        await reply_to_ticket(viewer=viewer, ticket_id=ticket.id, body="Primera respuesta.")

    # When the customer replies again, in a request (which reads the catalogue's stamp with
    # its token: domain.catalog.cache)
    async with _request():
        with sent_by_asyncpg(monkeypatch) as statements:
            reply = await reply_to_ticket(
                viewer=viewer, ticket_id=ticket.id, body="Segunda respuesta zanahoria."
            )

    # Then one statement read the ticket with who follows it, and one wrote the rest, on its
    # own: no BEGIN, no COMMIT, no lock
    assert kinds(statements) == ["SELECT", "WITH"], _shown(statements)
    assert "xmin" in statements[0] and "FOR UPDATE" not in statements[0]
    assert '"ticket_watcher"' in statements[0], statements[0]
    for writes in ('INSERT INTO "message"', 'UPDATE "ticket"', 'INSERT INTO "ticket_event"'):
        assert writes in statements[-1], statements[-1]
    # and what it drew reached the ticket, the reply and its event
    [message] = await Message.filter(body="Segunda respuesta zanahoria.")
    assert type(reply.message.id) is int and reply.message.id == message.id
    row = await Ticket.get(id=ticket.id)
    assert row.last_message_id == message.id == reply.ticket.last_message_id
    [event] = await TicketEvent.filter(message_id=message.id)
    assert event.kind is EventKind.MESSAGE_ADDED and event.position
    # and its words were added to the ticket's search row
    assert await search_ticket_ids(Ticket.all(), "zanahoria", internal=False) == [ticket.id]


async def test_a_customers_reply_reads_who_follows_the_ticket_with_its_row(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a customer's ticket that an agent follows
    ticket, viewer = await _a_ticket()
    async with _request():
        await reply_to_ticket(viewer=viewer, ticket_id=ticket.id, body="Primera respuesta.")
    watcher = await Staff.get(email="supervisor@mesa.example")
    supervisor = await agent_viewer(watcher.email)
    await watch_ticket(viewer=supervisor, ticket_id=ticket.id, watching=True)

    # When the customer replies
    async with _request():
        with sent_by_asyncpg(monkeypatch) as statements:
            await reply_to_ticket(viewer=viewer, ticket_id=ticket.id, body="¿Alguna novedad?")

    # Then the statement that read the ticket read who follows it, and the agent was told
    assert "xmin" in statements[0] and '"ticket_watcher"' in statements[0], statements[0]
    assert not any('FROM "ticket_watcher"' in sent for sent in statements[1:]), _shown(statements)
    assert await Notification.filter(
        ticket_id=ticket.id, recipient=watcher.email, kind=NotificationKind.CUSTOMER_REPLIED
    ).exists()


async def test_an_agents_reply_mails_the_requester_it_read_first(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a customer's ticket an agent replied to twice (the second reply's update, of an
    # open ticket, has its own shape, kept on its first use)
    ticket, _ = await _a_ticket()
    agent = await agent_viewer()
    async with _request():
        await reply_to_ticket(viewer=agent, ticket_id=ticket.id, body="Lo revisamos.")
        await reply_to_ticket(viewer=agent, ticket_id=ticket.id, body="Seguimos.")

    # When the agent replies again, in a request
    async with _request():
        with sent_by_asyncpg(monkeypatch) as statements:
            reply = await reply_to_ticket(viewer=agent, ticket_id=ticket.id, body="Ya quedó.")

    # Then whom it goes to was read before the one statement that wrote it and its mail
    assert kinds(statements) == ["SELECT", "SELECT", "WITH"], _shown(statements)
    assert 'INSERT INTO "notification"' in statements[-1]
    [mail] = await Notification.filter(payload__contains={"body": "Ya quedó."})
    assert mail.recipient == "cliente1001@example.com" and mail.ticket_id == ticket.id
    jobs = await OutboxJob.filter(actor_name=DELIVER_ALL_ACTOR)
    assert any(mail.id in job.kwargs["notification_ids"] for job in jobs)
    assert (await Ticket.get(id=ticket.id)).last_message_id == reply.message.id


async def test_a_reply_to_a_ticket_changed_since_its_read_writes_nothing(
    database: str,
) -> None:
    # Given a ticket read with its version, then changed by someone else
    ticket, viewer = await _a_ticket()
    await reply_to_ticket(viewer=viewer, ticket_id=ticket.id, body="Primera respuesta.")
    read, version, _ = await get_visible_ticket_versioned(viewer, ticket.id)
    await Ticket.filter(id=ticket.id).update(subject="Cambiado por otro")
    position = (await Counter.get(name="event_position")).value
    messages = await Message.filter(ticket_id=ticket.id).count()

    # When a reply writes at the version it read
    with pytest.raises(Exception) as refused:
        async with unit_of_work() as uow:
            await add_reply(
                uow, viewer, read, "Respuesta tardía.", channel=Channel.WEB, version=version
            )

    # Then its statement was refused and wrote nothing: no message, no event, no position
    assert changed_meanwhile(refused.value), refused.value
    assert await Message.filter(ticket_id=ticket.id).count() == messages
    assert (await Counter.get(name="event_position")).value == position
    assert (await Ticket.get(id=ticket.id)).subject == "Cambiado por otro"

    # and the reply itself reads the ticket again and lands
    reply = await reply_to_ticket(viewer=viewer, ticket_id=ticket.id, body="Respuesta tardía.")
    assert (await Ticket.get(id=ticket.id)).last_message_id == reply.message.id


async def test_concurrent_replies_all_land_in_commit_order(database: str) -> None:
    # Given a customer's ticket
    ticket, viewer = await _a_ticket()
    await reply_to_ticket(viewer=viewer, ticket_id=ticket.id, body="Primera respuesta.")

    # When six replies are sent at once
    bodies = [f"Respuesta simultánea {n}." for n in range(6)]
    replies = await asyncio.gather(
        *(reply_to_ticket(viewer=viewer, ticket_id=ticket.id, body=body) for body in bodies)
    )

    # Then each was written once, with its event, and the ticket names as its last message
    # the one whose event came last
    ids = sorted(reply.message.id for reply in replies)
    stored = await Message.filter(ticket_id=ticket.id, body__in=bodies).values_list("id", flat=True)
    assert sorted(stored) == ids
    events = await TicketEvent.filter(message_id__in=ids).order_by("position")
    assert sorted(event.message_id or 0 for event in events) == ids
    positions = [event.position for event in events]
    assert positions == list(range(positions[0], positions[0] + 6))
    assert (await Ticket.get(id=ticket.id)).last_message_id == events[-1].message_id


async def test_a_first_public_reply_locks_the_row_at_the_version_read(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a ticket without a public message yet (its search row is made with the first)
    ticket = await make_ticket(TicketStatus.OPEN)
    agent = await agent_viewer()

    # When an agent replies
    with sent_by_asyncpg(monkeypatch) as statements:
        reply = await reply_to_ticket(viewer=agent, ticket_id=ticket.id, body="Hola.")

    # Then the row was locked at the version read, in the transaction that wrote the reply
    sent = kinds(statements)
    assert sent[2] == "BEGIN" and sent[-1] == "COMMIT", _shown(statements)
    locks = [s for s in statements if "FOR UPDATE" in s]
    assert len(locks) == 1 and "xmin" in locks[0], statements
    assert (await Ticket.get(id=ticket.id)).last_message_id == reply.message.id
