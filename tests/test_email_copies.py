"""People a requester copies (issue 19): recorded as the ticket's contacts, they get the
agents' replies, and their own replies thread into the ticket; over real SMTP both ways."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from api.core.ids import encode_id
from domain.models import InboundStatus, Message, Ticket, TicketContact
from tests.email_support import Captured, drain, mail, mesa_smtpd, processed, relay, send, settings
from tests.graphql_client import GraphQLClient

REPLY = """mutation($t: ID!, $m: String!) { replyToTicket(input: {ticketId: $t, message: $m}) {
  __typename } }"""
CONTACTS = "query($id: ID!) { node(id: $id) { ... on Ticket { contacts { email name } } } }"


@pytest.fixture
async def desk(mail_delivery: Path) -> AsyncIterator[tuple[int, Captured]]:
    with relay() as captured, settings(auto_reply_limit_per_hour="10"):
        async with mesa_smtpd() as port:
            yield port, captured
            await drain()


async def test_copied_people_get_the_replies_and_their_replies_thread(
    desk: tuple[int, Captured], gql: GraphQLClient, agent_token: str
) -> None:
    port, captured = desk
    # Given a message copied to a colleague, to the support address twice, and to an agent
    first = mail(
        '"Lucía Gómez" <lucia@cliente.example>',
        "El correo corporativo rebota",
        "Desde esta mañana rebotan los correos entrantes.",
        to="Soporte <soporte@mesa.example>, agent@mesa.example",
        headers={"Cc": '"Pedro TI" <Pedro@Cliente.example>, soporte@mesa.example'},
    )
    await send(port, first)
    row = await processed(first["Message-ID"])
    ticket = await Ticket.get(id=row.ticket_id)
    ticket_id = encode_id("Ticket", ticket.id)

    # Then the colleague is a contact of the ticket (not the support address, not staff)
    contacts = (await gql.execute(CONTACTS, {"id": ticket_id}, token=agent_token)).data["node"]
    assert contacts["contacts"] == [{"email": "pedro@cliente.example", "name": "Pedro TI"}]

    # When an agent replies
    replied = await gql.execute(REPLY, {"t": ticket_id, "m": "Revisamos el MX."}, token=agent_token)
    assert replied.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"

    # Then Lucía and Pedro both get it
    [to_pedro] = await captured.wait_for("pedro@cliente.example")
    assert "Revisamos el MX." in to_pedro.get_body(("plain",)).get_content()
    to_lucia = await captured.wait_for("lucia@cliente.example", count=2)
    assert any("Revisamos el MX." in m.get_body(("plain",)).get_content() for m in to_lucia)

    # When Pedro answers the reply he got
    answer = mail(
        "pedro@cliente.example",
        "Re: El correo corporativo rebota",
        "Ya cambiamos el registro MX.",
        headers={"In-Reply-To": to_pedro["Message-ID"], "References": to_pedro["Message-ID"]},
    )
    await send(port, answer)
    threaded = await processed(answer["Message-ID"])

    # Then it is a reply on Lucía's ticket under Pedro's name, not a ticket of his own
    assert (threaded.status, threaded.ticket_id) == (InboundStatus.REPLY_ADDED, ticket.id)
    last = await Message.filter(ticket_id=ticket.id).order_by("-id").first()
    assert last is not None
    assert (last.body, last.author_name, last.visibility.value) == (
        "Ya cambiamos el registro MX.",
        "Pedro TI",
        "PUBLIC",
    )
    assert await TicketContact.filter(ticket_id=ticket.id).count() == 1
