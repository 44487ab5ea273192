"""Spoofed mail over real SMTP: a reply is the requester's own words only when it is
authenticated (a trusted MTA's DKIM/DMARC verdict aligned with From, or our notification's
secret Message-ID); otherwise agents get it as a flagged internal note."""

from __future__ import annotations

from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from domain.models import InboundStatus, Message, MessageVisibility, Ticket
from tests.email_support import Captured, drain, mail, mesa_smtpd, processed, relay, send, settings

TRUSTED_MTA = "mx.mesa.example"


@pytest.fixture
async def desk(mail_delivery: Path) -> AsyncIterator[tuple[int, Captured]]:
    with relay() as captured, settings(mail_authserv_ids=TRUSTED_MTA):
        async with mesa_smtpd() as port:
            yield port, captured
            await drain()


async def _guest_ticket(port: int, captured: Captured, sender: str) -> tuple[Ticket, EmailMessage]:
    first = mail(sender, "Mi sitio no carga", "Error 500 desde ayer.")
    await send(port, first)
    row = await processed(first["Message-ID"])
    [ack] = await captured.wait_for(sender)
    return await Ticket.get(id=row.ticket_id), ack


async def _last_message(ticket: Ticket) -> Message:
    message = await Message.filter(ticket_id=ticket.id).order_by("-id").first()
    assert message is not None
    return message


async def test_a_forged_from_is_kept_as_an_unverified_note_never_as_the_requesters_words(
    desk: tuple[int, Captured],
) -> None:
    port, captured = desk
    # Given Dora's ticket, whose tracking ID a stranger learned
    ticket, _ = await _guest_ticket(port, captured, "dora@client.example")

    # When the stranger writes "as Dora" with the tag in the subject, unauthenticated
    forged = mail("dora@client.example", f"Re: [#{ticket.tracking_id}] cambien mi clave", "Ya.")
    await send(port, forged)
    row = await processed(forged["Message-ID"])

    # Then agents see it on the ticket, flagged and internal, not authored by Dora
    assert (row.status, row.ticket_id) == (InboundStatus.REPLY_ADDED, ticket.id)
    note = await _last_message(ticket)
    assert (note.visibility, note.unverified, note.author_kind.value) == (
        MessageVisibility.INTERNAL,
        True,
        "SYSTEM",
    )
    assert "Unverified email" in note.body and "Correo no verificado" in note.body
    # And the ticket did not move for it
    assert (await Ticket.get(id=ticket.id)).status == ticket.status


async def test_a_from_naming_two_addresses_is_not_the_requester_even_with_our_message_id(
    desk: tuple[int, Captured],
) -> None:
    port, captured = desk
    ticket, ack = await _guest_ticket(port, captured, "bea@client.example")

    # When a message From "bea@client.example <mallory@other.example>" quotes our Message-ID
    forged = mail("mallory@other.example", "Re: hola", "Soy Bea.")
    forged.replace_header("From", "bea@client.example <mallory@other.example>")
    forged["In-Reply-To"] = ack["Message-ID"]
    await send(port, forged)
    row = await processed(forged["Message-ID"])

    # Then it is never Bea's public reply
    publics = await Message.filter(ticket_id=ticket.id, visibility=MessageVisibility.PUBLIC)
    assert [m.body for m in publics] == ["Error 500 desde ayer."]
    if row.ticket_id == ticket.id:
        assert (await _last_message(ticket)).unverified


@pytest.mark.parametrize(
    ("verdict", "threaded"),
    [
        (f"{TRUSTED_MTA}; dkim=pass header.d=client.example header.s=k1", True),
        (f"{TRUSTED_MTA}; dmarc=pass header.from=client.example", True),
        (f"{TRUSTED_MTA}; dkim=pass header.d=other.example", False),
        (f"{TRUSTED_MTA}; dkim=fail header.d=client.example", False),
        ("mx.attacker.example; dkim=pass header.d=client.example", False),
        (f"{TRUSTED_MTA}; ;; garbage ==", False),
    ],
)
async def test_a_trusted_mtas_aligned_verdict_threads_a_reply_by_its_tag(
    desk: tuple[int, Captured], verdict: str, threaded: bool
) -> None:
    port, captured = desk
    ticket, _ = await _guest_ticket(port, captured, "carla@client.example")

    # When Carla replies with the tag only (a new mail client), with the MTA's verdict
    reply = mail(
        "carla@client.example",
        f"Re: [#{ticket.tracking_id}] más datos",
        "Adjunto más datos.",
        headers={"Authentication-Results": verdict},
    )
    await send(port, reply)
    await processed(reply["Message-ID"])

    # Then it is her public reply only when a trusted MTA vouched for her domain
    last = await _last_message(ticket)
    assert last.body.endswith("Adjunto más datos.")
    assert (last.visibility is MessageVisibility.PUBLIC) is threaded
    assert last.unverified is not threaded
