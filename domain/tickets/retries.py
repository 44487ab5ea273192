"""Ticket creates a client may retry with an idempotency key (domain.idempotency): a second
ticket, reply or logged contact is never made by a retry whose first answer was lost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from domain.attachments.quarantine import IncomingFile
from domain.idempotency import run_once
from domain.identity.access import TicketRef
from domain.identity.viewer import Viewer
from domain.models import Channel, Message, Ticket
from domain.tickets import actions, contacts


def _files(files: Sequence[IncomingFile]) -> list[tuple[str, int]]:
    # What the client sent, not where this process put it.
    return [(file.name, file.size) for file in files]


async def create_ticket(
    *, viewer: Viewer | None, data: actions.NewTicket, idempotency_key: str | None
) -> Ticket:
    """createTicket; with an idempotency key, every call with it yields the first ticket."""
    inputs = {f.name: getattr(data, f.name) for f in fields(data) if f.name != "attachments"}
    inputs["attachments"] = _files(data.attachments)

    async def load(ticket_id: int) -> Ticket:
        return await Ticket.get(id=ticket_id)

    return await run_once(
        viewer=viewer,
        key=idempotency_key,
        operation="createTicket",
        inputs=inputs,
        action=lambda: actions.create_ticket(viewer=viewer, data=data),
        created_id=lambda ticket: ticket.id,
        load=load,
    )


async def reply_to_ticket(
    *,
    viewer: Viewer | None,
    ticket_id: TicketRef,
    body: str,
    internal: bool,
    attachments: Sequence[IncomingFile],
    idempotency_key: str | None,
    channel: Channel = Channel.WEB,
    canned_response_id: int | None = None,
) -> actions.Reply:
    """replyToTicket; with an idempotency key, every call with it yields the first reply."""
    inputs = {
        "ticket_id": ticket_id,
        "body": body,
        "internal": internal,
        "attachments": _files(attachments),
        "canned_response_id": canned_response_id,
    }

    async def load(message_id: int) -> actions.Reply:
        message = await Message.get(id=message_id)
        return actions.Reply(ticket=await Ticket.get(id=message.ticket_id), message=message)

    return await run_once(
        viewer=viewer,
        key=idempotency_key,
        operation="replyToTicket",
        inputs=inputs,
        action=lambda: actions.reply_to_ticket(
            viewer=viewer,
            ticket_id=ticket_id,
            body=body,
            internal=internal,
            channel=channel,
            attachments=attachments,
            canned_response_id=canned_response_id,
        ),
        created_id=lambda reply: reply.message.id,
        load=load,
    )


async def log_contact(
    *,
    viewer: Viewer | None,
    ticket_id: TicketRef,
    channel: Channel,
    summary: str,
    idempotency_key: str | None,
) -> contacts.LoggedContact:
    """logContact; with an idempotency key, every call with it yields the first entry."""

    async def load(message_id: int) -> contacts.LoggedContact:
        message = await Message.get(id=message_id)
        return contacts.LoggedContact(
            ticket=await Ticket.get(id=message.ticket_id), message=message
        )

    return await run_once(
        viewer=viewer,
        key=idempotency_key,
        operation="logContact",
        inputs={"ticket_id": ticket_id, "channel": channel, "summary": summary},
        action=lambda: contacts.log_contact(
            viewer=viewer, ticket_id=ticket_id, channel=channel, summary=summary
        ),
        created_id=lambda logged: logged.message.id,
        load=load,
    )
