"""Mail in over real SMTP: a message becomes a ticket and its sender gets the tracking ID;
replies thread onto it; strangers, robots and repeats do not."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from domain.email.inbound import raw_message_path
from domain.models import (
    Channel,
    InboundStatus,
    Message,
    NotificationKind,
    Ticket,
    TicketStatus,
)
from tests.email_support import (
    Captured,
    drain,
    mail,
    mesa_smtpd,
    notifications_to,
    processed,
    relay,
    send,
    settings,
    wire,
)


@pytest.fixture
async def desk(mail_delivery: Path) -> AsyncIterator[tuple[int, Captured]]:
    """Mesa's SMTP listener and workers, sending through a real relay that captures mail."""
    with relay() as captured, settings(auto_reply_limit_per_hour="3"):
        async with mesa_smtpd() as port:
            yield port, captured
            await drain()


async def test_mail_opens_a_ticket_acknowledged_with_its_tracking_id_and_replies_thread(
    desk: tuple[int, Captured],
) -> None:
    port, captured = desk
    # Given a message from an address Mesa does not know
    first = mail('"Ana Pérez" <ana@client.example>', "Mi sitio no carga", "Error 500 desde ayer.")

    # When it is sent to the support address
    await send(port, first)
    row = await processed(first["Message-ID"])

    # Then it became a guest ticket by email, and Ana got the acknowledgement with its ID
    ticket = await Ticket.get(id=row.ticket_id)
    assert row.status is InboundStatus.TICKET_CREATED
    assert (ticket.channel, ticket.guest_email, ticket.guest_name, ticket.subject) == (
        Channel.EMAIL,
        "ana@client.example",
        "Ana Pérez",
        "Mi sitio no carga",
    )
    [ack] = await captured.wait_for("ana@client.example")
    assert ack["Subject"] == f"[#{ticket.tracking_id}] Recibimos su solicitud: Mi sitio no carga"
    assert ticket.tracking_id in ack.get_body(("plain",)).get_content()
    assert ticket.tracking_id in ack.get_body(("html",)).get_content()
    assert ack["Auto-Submitted"] == "auto-generated"
    assert ack["In-Reply-To"] == first["Message-ID"]
    [recorded] = await notifications_to("ana@client.example")
    assert ack["Message-ID"] == recorded.message_id

    # When Ana answers the acknowledgement (quoting it) from her mail client
    reply = mail(
        "ana@client.example",
        "Re: lo de mi sitio",
        "Ya probé reiniciar.\n\nEl lun, 23 nov 2026, Mesa escribió:\n> Recibimos su solicitud",
        headers={"In-Reply-To": ack["Message-ID"], "References": ack["Message-ID"]},
    )
    await send(port, reply)
    threaded = await processed(reply["Message-ID"])

    # Then it is a reply on the same ticket, without the quoted text, and no new ticket
    assert (threaded.status, threaded.ticket_id) == (InboundStatus.REPLY_ADDED, ticket.id)
    bodies = await Message.filter(ticket_id=ticket.id).order_by("id").values_list("body", "channel")
    assert bodies == [
        ("Error 500 desde ayer.", Channel.EMAIL),
        ("Ya probé reiniciar.", Channel.EMAIL),
    ]

    # When a stranger writes with the ticket's tag in the subject
    stranger = mail("mallory@other.example", f"Re: [#{ticket.tracking_id}] dame acceso", "Hola")
    await send(port, stranger)
    apart = await processed(stranger["Message-ID"])

    # Then it opens a ticket of the stranger's own (without the tag) and leaves Ana's alone
    assert apart.status is InboundStatus.TICKET_CREATED
    assert apart.ticket_id != ticket.id
    own = await Ticket.get(id=apart.ticket_id)
    assert (own.guest_email, own.subject) == ("mallory@other.example", "Re: dame acceso")
    assert await Message.filter(ticket_id=ticket.id).count() == 2

    # When Ana's vacation responder answers the acknowledgement
    vacation = mail(
        "ana@client.example",
        "Fuera de la oficina",
        "Vuelvo el lunes.",
        headers={"Auto-Submitted": "auto-replied", "In-Reply-To": ack["Message-ID"]},
    )
    await send(port, vacation)
    ignored = await processed(vacation["Message-ID"])

    # Then nothing is made of it and nothing answers it: no loop
    assert ignored.status is InboundStatus.IGNORED
    assert await Message.filter(ticket_id=ticket.id).count() == 2
    assert [n.kind for n in await notifications_to("ana@client.example")] == [
        NotificationKind.TICKET_CREATED
    ]
    stored = raw_message_path(ignored).read_bytes()
    assert stored == b"Return-Path: <ana@client.example>\r\n" + wire(vacation)


async def test_robots_get_no_answer_and_a_repeated_message_id_is_ignored(
    desk: tuple[int, Captured],
) -> None:
    port, _ = desk
    # Given mail from a list, a bulk sender, a no-reply address, and a bounce
    robots = [
        mail("news@list.example", "Boletín", "x", headers={"List-Id": "<news.list.example>"}),
        mail("promo@bulk.example", "Oferta", "x", headers={"Precedence": "bulk"}),
        mail("no-reply@shop.example", "Su pedido", "x"),
        mail("monitor@ops.example", "Alerta", "x", headers={"Auto-Submitted": "auto-generated"}),
    ]
    bounce = mail("mailer-daemon@mx.example", "Undeliverable", "x")

    # When they arrive (the bounce with an empty envelope sender)
    for robot in robots:
        await send(port, robot)
    await send(port, bounce, sender="<>")

    # Then each is a ticket a person may read, but none is answered; the bounce is dropped
    for robot in robots:
        row = await processed(robot["Message-ID"])
        assert row.status is InboundStatus.TICKET_CREATED, row.outcome
        assert await notifications_to(str(robot["From"])) == []
    dropped = await processed(bounce["Message-ID"])
    assert (dropped.status, dropped.ticket_id) == (InboundStatus.IGNORED, None)

    # When the same message is delivered twice (a sender's retry)
    once = mail("repeat@client.example", "Dos veces", "Hola")
    await send(port, once)
    await send(port, once)

    # Then the first makes the ticket and the second is recorded as a duplicate
    first = await processed(row_id=(await _rows(once["Message-ID"]))[0])
    second = await processed(row_id=(await _rows(once["Message-ID"]))[1])
    assert first.status is InboundStatus.TICKET_CREATED
    assert (second.status, second.ticket_id) == (InboundStatus.DUPLICATE, None)
    assert await Ticket.filter(guest_email="repeat@client.example").count() == 1


async def _rows(message_id: str) -> list[int]:
    from domain.models import InboundMail

    return [
        int(str(i))
        for i in await InboundMail.filter(message_id=message_id)
        .order_by("id")
        .values_list("id", flat=True)
    ]


async def test_automatic_answers_to_one_address_are_rate_limited(
    desk: tuple[int, Captured],
) -> None:
    port, _ = desk
    # Given a sender limited to 3 automatic answers an hour
    messages = [mail("chatty@client.example", f"Pregunta {n}", "¿?") for n in range(5)]

    # When it sends five new requests
    for message in messages:
        await send(port, message)
    rows = [await processed(m["Message-ID"]) for m in messages]

    # Then five tickets, three acknowledgements
    assert [r.status for r in rows] == [InboundStatus.TICKET_CREATED] * 5
    assert len(await notifications_to("chatty@client.example")) == 3


async def test_a_known_customer_gets_a_customer_ticket_and_refused_replies_under_seed_003(
    desk: tuple[int, Captured],
) -> None:
    port, captured = desk
    # Given a desk that refuses replies by email (seed 003), and a known customer's message
    first = mail("cliente1003@example.com", "Duplicate invoice", "I was charged twice.")
    await send(port, first)
    row = await processed(first["Message-ID"])
    ticket = await Ticket.get(id=row.ticket_id).prefetch_related("customer")
    assert ticket.customer is not None and ticket.customer.client_number == "C-1003"
    [ack] = await captured.wait_for("cliente1003@example.com")

    # When the customer replies by email
    with settings(email_replies="panel"):
        reply = mail(
            "cliente1003@example.com",
            f"Re: [#{ticket.tracking_id}] Factura",
            "Adjunto comprobante",
            headers={"In-Reply-To": ack["Message-ID"]},
        )
        await send(port, reply)
        refused = await processed(reply["Message-ID"])

    # Then the ticket is unchanged and the customer is told, in their language, to use the panel
    assert (refused.status, refused.ticket_id) == (InboundStatus.REPLY_REFUSED, ticket.id)
    assert await Message.filter(ticket_id=ticket.id).count() == 1
    assert (await Ticket.get(id=ticket.id)).status is TicketStatus.NEW
    _, notice = await captured.wait_for("cliente1003@example.com", count=2)
    assert notice["Subject"] == f"[#{ticket.tracking_id}] Please reply from the customer panel"


async def test_mail_for_another_address_is_refused_at_rcpt(desk: tuple[int, Captured]) -> None:
    import smtplib

    port, _ = desk
    # When a message is addressed to someone who is not a support address
    message = mail("ana@client.example", "Hola", "x", to="ventas@mesa.example")

    # Then the SMTP dialogue refuses the recipient
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        await send(port, message, to="ventas@mesa.example")


@pytest.mark.slow
async def test_mail_in_reaches_the_cluster_workers(
    request: pytest.FixtureRequest, server: str, tmp_path: Path
) -> None:
    import asyncio
    import os

    from tests import rate_limits
    from tests.cluster import cluster, distributed_env
    from tests.conftest import DISTRIBUTED
    from tests.email_support import send_when_listening
    from tests.services import free_port

    if request.node.callspec.params["server"] != DISTRIBUTED:
        pytest.skip("the embedded flow is the rest of this file")
    assert rate_limits.redis_url is not None
    # Given `mesa smtpd` as a process of the distributed topology (PostgreSQL, Redis, workers)
    # (sharing the data folder of the session's workers, as a deployment shares a volume)
    env = distributed_env(
        os.environ["MESA_DATABASE_URL"],
        rate_limits.redis_url,
        data_dir=os.environ["MESA_DATA_DIR"],
    )
    message = mail("cluster@client.example", "Servidor caído", "No responde desde las 3.")
    with cluster(env, tmp_path) as processes:
        port = free_port()
        smtpd = processes.smtpd(port)

        # When a message is delivered to it
        await asyncio.to_thread(
            send_when_listening, port, wire(message), smtpd, sender="cluster@client.example"
        )

        # Then a worker process of the cluster parses it into a ticket and acknowledges it
        row = await processed(message["Message-ID"], wait=60)
    assert row.status is InboundStatus.TICKET_CREATED
    ticket = await Ticket.get(id=row.ticket_id)
    assert (ticket.channel, ticket.guest_email) == (Channel.EMAIL, "cluster@client.example")
    [ack] = await notifications_to("cluster@client.example")
    assert ack.kind is NotificationKind.TICKET_CREATED
