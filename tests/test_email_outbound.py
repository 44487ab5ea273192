"""Mail out: every ticket change that concerns a person reaches them through a real SMTP
relay, threaded on the ticket's conversation; mail that cannot be sent is listed for admins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.clock import utcnow
from domain.email.notifications import deliver
from domain.email.transport import DeliveryFailed
from domain.models import (
    AuthorKind,
    EventKind,
    NotificationKind,
    OutboxJob,
    Staff,
    Ticket,
    TicketEvent,
)
from domain.tickets.sla_notices import notify_sla_alert
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
)
from tests.graphql_client import GraphQLClient
from tests.services import free_port
from workers.middleware import _record_failure

REPLY = """mutation($t: ID!, $m: String!) { replyToTicket(input: {ticketId: $t, message: $m})
  { __typename } }"""
ASSIGN = """mutation($t: ID!, $a: ID) { assignTicket(input: {ticketId: $t, assigneeId: $a})
  { __typename } }"""
RESOLVE = "mutation($t: ID!) { resolveTicket(ticketId: $t) { __typename } }"
FAILED = "{ failedNotifications { id recipient kind attempts lastError ticketId } }"


@pytest.fixture
async def desk(mail_delivery: Path) -> AsyncIterator[tuple[int, Captured]]:
    with relay() as captured:
        async with mesa_smtpd() as port:
            yield port, captured
            await drain()


async def _email_ticket(port: int, sender: str) -> tuple[Ticket, str]:
    first = mail(sender, "No llegan mis correos", "Desde ayer no recibo nada.")
    await send(port, first)
    row = await processed(first["Message-ID"])
    return await Ticket.get(id=row.ticket_id), str(first["Message-ID"])


async def test_the_requester_and_the_agent_hear_of_every_change_that_concerns_them(
    desk: tuple[int, Captured],
    gql: GraphQLClient,
    agent_token: str,
    supervisor_token: str,
) -> None:
    port, captured = desk
    # Given a ticket opened by email, acknowledged
    ticket, first_id = await _email_ticket(port, "marta@client.example")
    ticket_id = encode_id("Ticket", ticket.id)
    [ack] = await captured.wait_for("marta@client.example")

    # When a supervisor assigns it to the agent, who replies and then resolves it
    await gql.execute(
        ASSIGN, {"t": ticket_id, "a": encode_id("Staff", await _agent())}, token=supervisor_token
    )
    reply = await gql.execute(
        REPLY, {"t": ticket_id, "m": "Revise su filtro de spam."}, token=agent_token
    )
    assert reply.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"
    await gql.execute(RESOLVE, {"t": ticket_id}, token=agent_token)

    # Then the agent got the new ticket's alert and the assignment, and Marta the reply and
    # the resolution, in order
    to_agent = {m["Subject"]: m for m in await captured.wait_for("agent@mesa.example", count=2)}
    assert f"[#{ticket.tracking_id}] Nuevo ticket en " in "".join(to_agent)
    assigned = to_agent[f"[#{ticket.tracking_id}] Ticket asignado a usted: {ticket.subject}"]
    _, replied, resolved = await captured.wait_for("marta@client.example", count=3)
    assert "Revise su filtro de spam." in replied.get_body(("plain",)).get_content()
    assert (
        resolved["Subject"] == f"[#{ticket.tracking_id}] Su ticket fue resuelto: {ticket.subject}"
    )
    # threaded on the conversation: her first message, then our earlier mails
    assert replied["References"].split() == [first_id, ack["Message-ID"]]
    assert resolved["In-Reply-To"] == replied["Message-ID"]
    for sent in (assigned, replied, resolved):
        assert sent["Auto-Submitted"] == "auto-generated"
        assert sent.get_body(("html",)) is not None

    # When Marta answers the resolution by email
    answer = mail(
        "marta@client.example",
        "Re: resuelto",
        "Sigue sin funcionar.",
        headers={"In-Reply-To": resolved["Message-ID"]},
    )
    await send(port, answer)
    reopened = await processed(answer["Message-ID"])

    # Then the ticket is reopened with her message, and she is not told what she did herself
    assert reopened.ticket_id == ticket.id
    assert (await Ticket.get(id=ticket.id)).status.value == "WAITING_ON_AGENT"
    kinds = [n.kind for n in await notifications_to("marta@client.example")]
    assert kinds == [
        NotificationKind.TICKET_CREATED,
        NotificationKind.AGENT_REPLIED,
        NotificationKind.STATUS_CHANGED,
    ]


async def _agent() -> int:
    return (await Staff.get(email="agent@mesa.example")).id


async def test_an_sla_breach_is_mailed_to_the_supervisors_once(desk: tuple[int, Captured]) -> None:
    port, captured = desk
    # Given an unassigned ticket with a recorded breach
    ticket, _ = await _email_ticket(port, "sla@client.example")
    event = await TicketEvent.create(
        ticket_id=ticket.id,
        kind=EventKind.SLA_BREACHED,
        actor_kind=AuthorKind.SYSTEM,
        after={"deadline": "firstResponse", "at": utcnow().isoformat()},
        internal=True,
        created_at=utcnow(),
    )

    # When the alert actor's work runs twice (at-least-once delivery)
    first = await notify_sla_alert(ticket_id=ticket.id, event_id=event.id)
    second = await notify_sla_alert(ticket_id=ticket.id, event_id=event.id)

    # Then the department's supervisor is told once
    assert first == second == ["supervisor@mesa.example"]
    # (besides the new ticket's alert, as a member of its department)
    subjects = [m["Subject"] for m in await captured.wait_for("supervisor@mesa.example", 2)]
    breach = f"[#{ticket.tracking_id}] SLA incumplido: {ticket.subject}"
    assert subjects.count(breach) == 1, subjects
    sent = [
        n
        for n in await notifications_to("supervisor@mesa.example")
        if n.ticket_id == ticket.id and n.kind == "SLA_BREACHED"
    ]
    assert len(sent) == 1


async def test_mail_the_relay_refuses_is_retried_then_listed_for_admins(
    in_process_server: str, gql: GraphQLClient, admin_token: str, agent_token: str
) -> None:
    from domain.email.notifications import notify
    from domain.models import Language
    from domain.uow import unit_of_work

    # Given a notification recorded while the relay is unreachable
    async with unit_of_work() as uow:
        notification = await notify(
            uow,
            recipient="lost@client.example",
            language=Language.EN,
            kind=NotificationKind.TRACKING_IDS,
            payload={"tracking_ids": "AAA-AAA-AAAA"},
        )
    assert notification is not None
    with settings(smtp_url=f"smtp://127.0.0.1:{free_port()}"):
        # When delivery is tried twice
        for _ in range(2):
            with pytest.raises(DeliveryFailed):
                await deliver(notification.id)

    # Then nothing counts as sent, and each failure is recorded on the notification
    await notification.refresh_from_db()
    assert (notification.sent_at, notification.attempts) == (None, 2)
    assert notification.last_error and "Connect" in notification.last_error

    # When its retries run out (what the outbox middleware records after the last one)
    jobs = await OutboxJob.filter(actor_name="deliver_notification").order_by("-id")
    [job] = [j for j in jobs if j.kwargs == {"notification_id": notification.id}]
    await _record_failure(job.id, "DeliveryFailed: gave up", final=True)

    # Then admins see it, and nobody else does
    listed = await gql.execute(FAILED, token=admin_token)
    mine = [
        row
        for row in listed.data["failedNotifications"]
        if row["recipient"] == "lost@client.example"
    ]
    assert [(r["kind"], r["attempts"]) for r in mine] == [("TRACKING_IDS", 2)]
    denied = await gql.execute(FAILED, token=agent_token)
    assert denied.error_codes == ["NOT_ALLOWED"]


async def test_a_sender_killed_mid_send_leaves_the_mail_to_the_next_try(
    in_process_server: str,
) -> None:
    import asyncio
    from datetime import timedelta

    from domain.email.notifications import CLAIM_LEASE, notify
    from domain.models import Language, Notification
    from domain.uow import unit_of_work

    # Given a notification, and a relay that accepts the connection and then hangs
    async with unit_of_work() as uow:
        notification = await notify(
            uow,
            recipient="killed@client.example",
            language=Language.EN,
            kind=NotificationKind.TRACKING_IDS,
            payload={"tracking_ids": "BBB-BBB-BBBB"},
        )
    assert notification is not None
    hung = await asyncio.start_server(lambda r, w: asyncio.sleep(3600), "127.0.0.1", 0)
    port = hung.sockets[0].getsockname()[1]

    # When the worker sending it dies mid-send (its task stops there, no cleanup runs)
    with settings(smtp_url=f"smtp://127.0.0.1:{port}"):
        sending = asyncio.create_task(deliver(notification.id))
        await asyncio.sleep(0.5)
        sending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await sending
    hung.close()

    # Then it is not sent, and a run while the dead claim holds waits instead of saying done
    await notification.refresh_from_db()
    assert notification.sent_at is None
    with relay() as captured:
        with pytest.raises(DeliveryFailed):
            await deliver(notification.id)

        # And once the claim has lapsed, the job's next run sends it, with its Message-ID
        await Notification.filter(id=notification.id).update(
            claimed_at=utcnow() - CLAIM_LEASE - timedelta(seconds=1)
        )
        assert await deliver(notification.id) is True
        [sent] = await captured.wait_for("killed@client.example")
    await notification.refresh_from_db()
    assert notification.sent_at is not None
    assert sent["Message-ID"] == notification.message_id
    assert await deliver(notification.id) is False  # done once sent: never twice after that


class _Refusing(Captured):
    """A relay that refuses one recipient while `refused` names it."""

    def __init__(self, refused: str) -> None:
        super().__init__()
        self.refused: str | None = refused

    async def handle_RCPT(
        self, server: object, session: object, envelope: Any, address: str, options: object
    ) -> str:
        if address == self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


async def test_a_batch_s_mail_refused_for_one_recipient_holds_back_none_of_the_others(
    in_process_server: str, gql: GraphQLClient, admin_token: str
) -> None:
    from aiosmtpd.controller import Controller

    from domain.email.notifications import Notice, deliver_all, notify_all
    from domain.models import Language, Notification
    from domain.uow import unit_of_work

    # Given three notices recorded at once: one job delivers them
    recipients = [f"{name}@batch.example" for name in ("ana", "bad", "eva")]
    async with unit_of_work() as uow:
        await notify_all(
            uow,
            [
                Notice(email, Language.ES, NotificationKind.TRACKING_IDS, {"tracking_ids": "X"})
                for email in recipients
            ],
        )
    [job_id] = uow.outbox_ids or [job.id for job in uow.claimed]
    job = await OutboxJob.get(id=job_id)
    assert job.actor_name == "deliver_notifications"
    ids = job.kwargs["notification_ids"]
    assert len(ids) == 3

    # When the relay refuses the second recipient while the job runs
    refusing = _Refusing("bad@batch.example")
    controller = Controller(refusing, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with settings(smtp_url=f"smtp://127.0.0.1:{controller.port}"):
            with pytest.raises(DeliveryFailed, match="1 of 3"):
                await deliver_all(ids)

            # Then the others are sent all the same, and only the refused one is left
            assert [len(refusing.to(email)) for email in recipients] == [1, 0, 1]
            rows = await Notification.filter(id__in=ids).order_by("id")
            assert [(row.sent_at is None, row.attempts) for row in rows] == [
                (False, 1),
                (True, 1),
                (False, 1),
            ]

            # When its retries run out, admins see the refused one only
            await _record_failure(job_id, "DeliveryFailed: gave up", final=True)
            listed = await gql.execute(FAILED, token=admin_token)
            listed_to = [r["recipient"] for r in listed.data["failedNotifications"]]
            assert [r for r in listed_to if r.endswith("@batch.example")] == ["bad@batch.example"]

            # And a later run, the refusal lifted, sends that one and nobody's mail twice
            refusing.refused = None
            assert await deliver_all(ids) == 1
            assert [len(refusing.to(email)) for email in recipients] == [1, 1, 1]
    finally:
        controller.stop()
