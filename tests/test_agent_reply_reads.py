"""An agent's reply reads whom it goes to, the requester and the people they copied, by one
statement on PostgreSQL, before the one that writes the reply (domain.tickets.replies,
domain.tickets.notices.addressees, domain.rows.read_alongs): a round trip fewer for the reply
agents send most. On SQLite they are read by statements of their own. Either way each of
them gets the reply, in their language."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from domain.clock import utcnow
from domain.models import Customer, Notification, NotificationKind, TicketContact
from domain.tickets.actions import create_ticket
from domain.tickets.replies import reply_to_ticket
from tests.own_database import demo_database
from tests.sla_support import agent_viewer, new_ticket_of
from tests.sql_counter import count_queries

CATEGORY = "backup_restore"


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def test_an_agents_reply_reads_its_addressees_in_the_statement_that_writes_it(
    database: str,
) -> None:
    # Given a customer's ticket with an address the customer copied, after an agent's reply
    # to another in the same state (the first update of a shape builds its statement)
    viewer, data = await new_ticket_of("C-1001", CATEGORY)
    agent = await agent_viewer()
    other = await create_ticket(viewer=viewer, data=data)
    await reply_to_ticket(viewer=agent, ticket_id=other.id, body="¿Sigue igual?")
    ticket = await create_ticket(viewer=viewer, data=data)
    await TicketContact.create(
        ticket_id=ticket.id, email="copia@example.com", name="Copia", created_at=utcnow()
    )
    customer = await Customer.get(client_number="C-1001")

    # When an agent replies
    with count_queries() as statements:
        await reply_to_ticket(viewer=agent, ticket_id=ticket.id, body="¿De qué fecha es?")

    # Then on PostgreSQL one statement reads both the customer and the copied address, before
    # the reply's write (SQLite reads each by itself)
    own = [
        s
        for s in statements
        if s.lstrip().upper().startswith("SELECT")
        and ('FROM "customer"' in s or 'FROM "ticket_contact"' in s)
    ]
    if database.startswith("postgres"):
        assert own == [], own
        [read] = [s for s in statements if "FROM customer" in s]
        assert "FROM ticket_contact" in read and 'INTO "message"' not in read, read
        [write] = [s for s in statements if 'INTO "message"' in s]
        assert statements.index(read) < statements.index(write), statements
    else:
        assert len(own) == 2, own
    # and both get the reply, each in their language (the copied address in the requester's)
    told = await Notification.filter(
        ticket_id=ticket.id, kind=NotificationKind.AGENT_REPLIED
    ).values_list("recipient", "language")
    assert sorted(told) == sorted(
        [(customer.email, customer.language), ("copia@example.com", customer.language)]
    )


async def test_an_agents_reply_on_a_guests_ticket_goes_to_the_guest(database: str) -> None:
    # Given a ticket a guest opened (no customer), with no copied address
    viewer, data = await new_ticket_of("C-1001", CATEGORY)
    ticket = await create_ticket(viewer=viewer, data=data)
    ticket.customer_id = None
    ticket.guest_email, ticket.guest_name = "invitada@example.com", "Invitada"
    await ticket.save(update_fields=["customer_id", "guest_email", "guest_name"])

    # When an agent replies
    await reply_to_ticket(viewer=await agent_viewer(), ticket_id=ticket.id, body="Hola")

    # Then the guest gets it
    told = await Notification.filter(
        ticket_id=ticket.id, kind=NotificationKind.AGENT_REPLIED
    ).values_list("recipient", flat=True)
    assert told == ["invitada@example.com"]
