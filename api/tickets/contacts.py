"""The desk's logged contacts: a phone call, chat or email exchange noted on a ticket."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.core.context import Info
from api.core.enums import Channel
from api.core.errors import (
    ChannelNotIncludedError,
    ConflictError,
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
    attempt,
)
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import decode_ticket_ref
from api.tickets.types import Message, Ticket
from domain.tickets import contacts, retries


@strawberry.type
class LogContactSuccess:
    ticket: Ticket
    contact: Message = strawberry.field(description="The internal entry with the summary.")


LogContactResult = Annotated[
    LogContactSuccess
    | ChannelNotIncludedError
    | ValidationError
    | NotFoundError
    | NotAllowedError
    | InvalidTransitionError
    | ConflictError,
    strawberry.union("LogContactResult"),
]


@strawberry.input
class LogContactInput:
    ticket_id: strawberry.ID
    channel: Channel
    summary: str
    idempotency_key: str | None = idempotency_key_field("entry")


@strawberry.type
class ContactMutation:
    @strawberry.mutation(
        description="Staff: log a call, chat or email exchange on a ticket, as an internal "
        "entry; the customer's support level must include the channel."
    )
    async def log_contact(self, info: Info, input: LogContactInput) -> LogContactResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: contacts.log_contact(
                    viewer=info.context.viewer,
                    ticket_id=decode_ticket_ref(input.ticket_id, field="ticketId"),
                    channel=input.channel,
                    summary=input.summary,
                ),
                retries.contact_by_message_id,
                created_id=lambda logged: logged.message.id,
            ),
            lambda logged: LogContactSuccess(
                ticket=Ticket.from_model(logged.ticket), contact=Message.from_model(logged.message)
            ),
        )
