"""Blocked senders (issue 19, point 10): mail from a blocked address or domain is dropped
before it becomes a ticket or a reply, with the reason recorded and nothing sent back; a
blocked guest's web ticket is refused in words that do not reveal the block. Any agent
blocks; who blocked, supervisors and admins unblock; every change is audited."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.models import AuditEntry, BlockedSender, InboundStatus, Staff, Ticket
from tests.email_support import (
    Captured,
    drain,
    mail,
    mesa_smtpd,
    notifications_to,
    processed,
    relay,
    send,
)
from tests.factories import row_counts
from tests.graphql_client import GraphQLClient
from tests.test_guest_tickets import create, fresh_limits, guest_input  # noqa: F401

BLOCK = """
mutation($input: BlockSenderInput!) {
  blockSender(input: $input) {
    __typename
    ... on BlockSenderSuccess {
      blockedSender { id kind address reason blockedBy { name } }
    }
    ... on UserError { code message field }
  }
}"""
UNBLOCK = """
mutation($id: ID!) {
  unblockSender(blockedSenderId: $id) {
    __typename
    ... on UnblockSenderSuccess { blockedSenderId }
    ... on UserError { code message field }
  }
}"""
LIST = """
query($s: String) {
  blockedSenders(search: $s, first: 10) { totalCount edges { node { address kind reason } } }
}"""
MARK = """
mutation($id: ID!) {
  markSpam(ticketId: $id, blockSender: true) { __typename ... on UserError { code message } }
}"""


@pytest.fixture
async def desk(mail_delivery: Path) -> AsyncIterator[tuple[int, Captured]]:
    with relay() as captured:
        async with mesa_smtpd() as port:
            yield port, captured
            await drain()


def _domain() -> str:
    return f"s{uuid.uuid4().hex[:10]}.example"


async def block(gql: GraphQLClient, token: str, **input: Any) -> Any:
    return (await gql.execute(BLOCK, {"input": input}, token=token)).data["blockSender"]


async def test_marking_spam_blocks_the_sender_and_their_later_mail_is_dropped_unanswered(
    desk: tuple[int, Captured], gql: GraphQLClient, agent_token: str
) -> None:
    port, captured = desk
    # Given a ticket opened by mail from a spammer, acknowledged
    spammer = f"ofertas@{_domain()}"
    first = mail(spammer, "Gane dinero", "Haga clic aquí.")
    await send(port, first)
    row = await processed(first["Message-ID"])
    ticket = await Ticket.get(id=row.ticket_id)
    await captured.wait_for(spammer)

    # When an agent marks it spam and blocks the sender
    marked = await gql.execute(MARK, {"id": encode_id("Ticket", ticket.id)}, token=agent_token)

    # Then the address is on the block list, with the ticket as reason
    assert marked.data["markSpam"]["__typename"] == "MarkSpamSuccess"
    listed = (await gql.execute(LIST, {"s": spammer}, token=agent_token)).data
    assert listed["blockedSenders"] == {
        "totalCount": 1,
        "edges": [
            {
                "node": {
                    "address": spammer,
                    "kind": "ADDRESS",
                    "reason": f"Ticket #{ticket.number} marked spam",
                }
            }
        ],
    }

    # When they write again, a new message and a reply on the spam ticket
    tickets = await Ticket.all().count()
    again = mail(spammer.upper(), "Última oportunidad", "Oferta")
    reply = mail(spammer, "Re: Gane dinero", "¿Y?", headers={"In-Reply-To": first["Message-ID"]})
    await send(port, again)
    await send(port, reply)

    # Then both are dropped before any ticket, with the reason, and nobody is answered
    dropped = await processed(again["Message-ID"])
    assert (dropped.status, dropped.ticket_id) == (InboundStatus.BLOCKED, None)
    assert dropped.outcome == (
        f"sender {spammer} blocked ({spammer}): Ticket #{ticket.number} marked spam"
    )
    assert (await processed(reply["Message-ID"])).status is InboundStatus.BLOCKED
    assert await Ticket.all().count() == tickets
    assert len(await notifications_to(spammer)) == 1  # the first acknowledgement only


async def test_a_blocked_domain_drops_its_subdomains_mail_and_a_reply_on_spam_is_ignored(
    desk: tuple[int, Captured], gql: GraphQLClient, agent_token: str
) -> None:
    port, _ = desk
    domain = _domain()
    # Given a blocked domain
    blocked = await block(gql, agent_token, domain=f"@{domain.upper()}", reason="Campaña")
    assert blocked["blockedSender"]["kind"] == "DOMAIN"
    assert blocked["blockedSender"]["address"] == domain

    # When mail comes from an address of a subdomain, and from a look-alike domain
    inside = mail(f"x@mail.{domain}", "Hola", "Spam")
    lookalike = mail(f"x@not{domain}", "Hola", "Legítimo")
    await send(port, inside)
    await send(port, lookalike)

    # Then only the subdomain's is dropped
    assert (await processed(inside["Message-ID"])).status is InboundStatus.BLOCKED
    assert (await processed(lookalike["Message-ID"])).status is InboundStatus.TICKET_CREATED

    # When a ticket is marked spam (without blocking) and its sender replies by mail
    opened = await processed(lookalike["Message-ID"])
    ticket = await Ticket.get(id=opened.ticket_id)
    mark = "mutation($id: ID!) { markSpam(ticketId: $id) { __typename } }"
    await gql.execute(mark, {"id": encode_id("Ticket", ticket.id)}, token=agent_token)
    answer = mail(f"x@not{domain}", "Re", "¿?", headers={"In-Reply-To": lookalike["Message-ID"]})
    await send(port, answer)

    # Then the reply joins neither that ticket nor a new one
    dropped = await processed(answer["Message-ID"])
    assert (dropped.status, dropped.ticket_id) == (InboundStatus.IGNORED, None)
    assert dropped.outcome == f"a reply on ticket {ticket.number}, marked spam"


async def test_a_blocked_guest_cannot_open_a_web_ticket_and_is_not_told_why(
    gql: GraphQLClient,
    agent_token: str,
    fresh_limits: None,  # noqa: F811
) -> None:
    # Given a blocked address
    email = f"visitante@{_domain()}"
    blocked = await block(gql, agent_token, address=email, reason="Spam")
    before = await row_counts()

    # When a guest opens a ticket from it
    refused = await create(gql, await guest_input(gql, email))

    # Then it is refused like any unsendable ticket, and nothing was written
    assert refused == {
        "__typename": "NotAllowedError",
        "code": "NOT_ALLOWED",
        "message": "The ticket could not be sent. / No se pudo enviar el ticket.",
        "field": None,
    }
    assert await row_counts() == before

    # When the agent unblocks it, the guest's ticket is accepted
    unblocked = await gql.execute(
        UNBLOCK, {"id": blocked["blockedSender"]["id"]}, token=agent_token
    )
    assert unblocked.data["unblockSender"]["__typename"] == "UnblockSenderSuccess"
    created = await create(gql, await guest_input(gql, email))
    assert created["__typename"] == "CreateTicketSuccess", created


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"reason": "x"}, "address"),
        ({"address": "a@b.example", "domain": "b.example", "reason": "x"}, "address"),
        ({"address": "not an address", "reason": "x"}, "address"),
        ({"domain": "localhost", "reason": "x"}, "domain"),
        ({"domain": "mesa.example", "reason": "x"}, "domain"),
        ({"address": "soporte@mesa.example", "reason": "x"}, "address"),
        ({"address": "a@b.example", "reason": "   "}, "reason"),
        ({"address": "a@b.example", "reason": "x" * 501}, "reason"),
    ],
)
async def test_a_bad_block_is_a_field_error_and_blocks_nothing(
    gql: GraphQLClient, agent_token: str, input: dict[str, Any], field: str
) -> None:
    before = await BlockedSender.all().count()

    refused = await block(gql, agent_token, **input)

    assert (refused["__typename"], refused["field"]) == ("ValidationError", field)
    assert " / " in refused["message"]
    assert await BlockedSender.all().count() == before


async def test_only_who_blocked_a_supervisor_or_an_admin_unblocks_and_both_are_audited(
    gql: GraphQLClient,
    agent_token: str,
    billing_agent_token: str,
    supervisor_token: str,
    customer_token: str,
) -> None:
    # Given an address the agent blocked (blocking it again keeps the one block)
    address = f"a@{_domain()}"
    first = await block(gql, agent_token, address=address, reason="Spam")
    again = await block(gql, billing_agent_token, address=address, reason="Otra vez")
    assert again["blockedSender"]["id"] == first["blockedSender"]["id"]
    agent = await Staff.get(email="agent@mesa.example")
    assert first["blockedSender"]["blockedBy"] == {"name": agent.name}
    block_id = first["blockedSender"]["id"]
    node = "query($id: ID!) { node(id: $id) { ... on BlockedSender { address } } }"
    seen = await gql.execute(node, {"id": block_id}, token=billing_agent_token)
    assert seen.data["node"] == {"address": address}
    hidden = await gql.execute(node, {"id": block_id}, token=customer_token)
    assert hidden.error_codes == ["NOT_FOUND"]

    # When another agent tries to unblock it, then a supervisor does
    refused = (await gql.execute(UNBLOCK, {"id": block_id}, token=billing_agent_token)).data
    done = (await gql.execute(UNBLOCK, {"id": block_id}, token=supervisor_token)).data

    # Then only the supervisor could, and the audit log has the block and the unblock
    assert refused["unblockSender"]["code"] == "NOT_ALLOWED"
    assert done["unblockSender"] == {
        "__typename": "UnblockSenderSuccess",
        "blockedSenderId": block_id,
    }
    assert not await BlockedSender.filter(address=address).exists()
    entries = await AuditEntry.filter(entity="blocked_sender").order_by("-id").limit(2)
    assert [(e.action, (e.before or e.after or {}).get("address")) for e in entries] == [
        ("blocked_sender.delete", address),
        ("blocked_sender.create", address),
    ]
    gone = (await gql.execute(UNBLOCK, {"id": block_id}, token=supervisor_token)).data
    assert gone["unblockSender"]["code"] == "NOT_FOUND"
