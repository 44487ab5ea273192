"""Desk mutations: spam, blocked senders, deleting and splitting tickets, signatures and
out of office."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.catalog.types import Department
from api.core.context import Info
from api.core.errors import (
    ConflictError,
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
    attempt,
)
from api.core.ids import decode_id, decode_optional_id, decode_ticket_ref, encode_id
from api.desk.types import BlockedSender
from api.people.types import Staff
from api.tickets.types import Ticket
from domain import models
from domain.email import senders, signatures
from domain.identity import away
from domain.tickets import deletion, spam, split

_Failure = (
    ValidationError | NotFoundError | NotAllowedError | InvalidTransitionError | ConflictError
)


@strawberry.type
class MarkSpamSuccess:
    ticket: Ticket


@strawberry.type
class UnmarkSpamSuccess:
    ticket: Ticket


@strawberry.type
class BlockSenderSuccess:
    blocked_sender: BlockedSender


@strawberry.type
class UnblockSenderSuccess:
    blocked_sender_id: strawberry.ID


@strawberry.type
class DeleteTicketSuccess:
    ticket_id: strawberry.ID
    number: int
    tracking_id: str


@strawberry.type
class SplitTicketSuccess:
    ticket: Ticket = strawberry.field(description="The new ticket.")
    source_ticket: Ticket = strawberry.field(description="The ticket the message came from.")


@strawberry.type
class SaveSignatureSuccess:
    staff: Staff | None = strawberry.field(description="Your own signature was saved.")
    department: Department | None = strawberry.field(
        description="The department's signature was saved."
    )


@strawberry.type
class SetAwaySuccess:
    staff: Staff


MarkSpamResult = Annotated[MarkSpamSuccess | _Failure, strawberry.union("MarkSpamResult")]
UnmarkSpamResult = Annotated[UnmarkSpamSuccess | _Failure, strawberry.union("UnmarkSpamResult")]
BlockSenderResult = Annotated[BlockSenderSuccess | _Failure, strawberry.union("BlockSenderResult")]
UnblockSenderResult = Annotated[
    UnblockSenderSuccess | _Failure, strawberry.union("UnblockSenderResult")
]
DeleteTicketResult = Annotated[
    DeleteTicketSuccess | _Failure, strawberry.union("DeleteTicketResult")
]
SplitTicketResult = Annotated[SplitTicketSuccess | _Failure, strawberry.union("SplitTicketResult")]
SaveSignatureResult = Annotated[
    SaveSignatureSuccess | _Failure, strawberry.union("SaveSignatureResult")
]
SetAwayResult = Annotated[SetAwaySuccess | _Failure, strawberry.union("SetAwayResult")]


@strawberry.input
class BlockSenderInput:
    address: str | None = strawberry.field(default=None, description="One address.")
    domain: str | None = strawberry.field(
        default=None, description="Every address of the domain and its subdomains."
    )
    reason: str


@strawberry.input
class SplitTicketInput:
    message_id: strawberry.ID = strawberry.field(description="The message that becomes a ticket.")
    subject: str | None = strawberry.field(
        default=None, description="The new ticket's subject; the old one's when left out."
    )


@strawberry.input
class SaveSignatureInput:
    body_es: str = strawberry.field(description="Empty removes it. Placeholders as in Signature.")
    body_en: str
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="A department's signature (admins); leave out for your own."
    )


@strawberry.input
class SetAwayInput:
    away: bool
    until: datetime | None = strawberry.field(
        default=None, description="When they are back; left out: until marked back."
    )
    staff_id: strawberry.ID | None = strawberry.field(
        default=None, description="Someone else (admins); leave out for yourself."
    )


@strawberry.type
class DeskMutation:
    @strawberry.mutation(
        description="Mark a ticket spam: out of every view, count, search and SLA report, no "
        "SLA alert; with blockSender, its requester's address is blocked too (staff of its "
        "department)."
    )
    async def mark_spam(
        self, info: Info, ticket_id: strawberry.ID, block_sender: bool = False
    ) -> MarkSpamResult:
        return await attempt(
            lambda: spam.mark_spam(
                viewer=info.context.viewer,
                ticket_id=decode_ticket_ref(ticket_id, field="ticketId"),
                block_sender=block_sender,
            ),
            lambda ticket: MarkSpamSuccess(ticket=Ticket.from_model(ticket)),
        )

    @strawberry.mutation(
        description="Put a spam ticket back in the status it had; its SLA resumes, the time "
        "as spam counted as a pause (staff of its department)."
    )
    async def unmark_spam(self, info: Info, ticket_id: strawberry.ID) -> UnmarkSpamResult:
        return await attempt(
            lambda: spam.unmark_spam(
                viewer=info.context.viewer,
                ticket_id=decode_ticket_ref(ticket_id, field="ticketId"),
            ),
            lambda ticket: UnmarkSpamSuccess(ticket=Ticket.from_model(ticket)),
        )

    @strawberry.mutation(
        description="Block an address or a domain: its later mail is dropped with the reason "
        "recorded, its guests cannot open web tickets (staff)."
    )
    async def block_sender(self, info: Info, input: BlockSenderInput) -> BlockSenderResult:
        block = senders.Block(address=input.address, domain=input.domain, reason=input.reason)
        return await attempt(
            lambda: senders.block_sender(viewer=info.context.viewer, block=block),
            lambda row: BlockSenderSuccess(blocked_sender=BlockedSender.from_model(row)),
        )

    @strawberry.mutation(description="Lift a block (who blocked it, supervisors and admins).")
    async def unblock_sender(
        self, info: Info, blocked_sender_id: strawberry.ID
    ) -> UnblockSenderResult:
        async def run() -> None:
            await senders.unblock_sender(
                viewer=info.context.viewer,
                blocked_sender_id=decode_id(
                    blocked_sender_id, "BlockedSender", field="blockedSenderId"
                ),
            )

        return await attempt(
            run, lambda _: UnblockSenderSuccess(blocked_sender_id=blocked_sender_id)
        )

    @strawberry.mutation(
        description="Delete a ticket for good with its messages, events and files, recorded in "
        "the audit log (admins)."
    )
    async def delete_ticket(self, info: Info, ticket_id: strawberry.ID) -> DeleteTicketResult:
        return await attempt(
            lambda: deletion.delete_ticket(
                viewer=info.context.viewer,
                ticket_id=decode_ticket_ref(ticket_id, field="ticketId"),
            ),
            lambda gone: DeleteTicketSuccess(
                ticket_id=strawberry.ID(encode_id("Ticket", gone.ticket_id)),
                number=gone.number,
                tracking_id=gone.tracking_id,
            ),
        )

    @strawberry.mutation(
        description="Make a copy of a message the first message of a new ticket of the same "
        "requester, department, category and service, linked both ways (staff of its "
        "department)."
    )
    async def split_ticket(self, info: Info, input: SplitTicketInput) -> SplitTicketResult:
        return await attempt(
            lambda: split.split_ticket(
                viewer=info.context.viewer,
                message_id=decode_id(input.message_id, "Message", field="messageId"),
                subject=input.subject,
            ),
            lambda done: SplitTicketSuccess(
                ticket=Ticket.from_model(done.ticket),
                source_ticket=Ticket.from_model(done.source),
            ),
        )

    @strawberry.mutation(
        description="Set your own signature, or a department's (admins), in Spanish and "
        "English. Placeholders: {{ agent_name }}, {{ department_name }}."
    )
    async def save_signature(self, info: Info, input: SaveSignatureInput) -> SaveSignatureResult:
        async def run() -> SaveSignatureSuccess:
            draft = signatures.SignatureDraft(
                body_es=input.body_es,
                body_en=input.body_en,
                department_id=decode_optional_id(
                    input.department_id, "Department", field="departmentId"
                ),
            )
            row = await signatures.save_signature(viewer=info.context.viewer, draft=draft)
            if isinstance(row, models.Department):
                return SaveSignatureSuccess(staff=None, department=Department.from_model(row))
            return SaveSignatureSuccess(staff=Staff.from_model(row), department=None)

        return await attempt(run, lambda success: success)

    @strawberry.mutation(
        description="Mark yourself (or, for admins, anyone) away or back: away staff are "
        "skipped by automatic assignment and shown as away on their tickets."
    )
    async def set_away(self, info: Info, input: SetAwayInput) -> SetAwayResult:
        return await attempt(
            lambda: away.set_away(
                viewer=info.context.viewer,
                away=input.away,
                until=input.until,
                staff_id=decode_optional_id(input.staff_id, "Staff", field="staffId"),
            ),
            lambda row: SetAwaySuccess(staff=Staff.from_model(row)),
        )
