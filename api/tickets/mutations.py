"""Ticket mutations: create, reply, triage, assign, resolve, close, reopen and merge; each
returns `<Name>Success | <typed errors>`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from api.access.types import Guest, LoginSuccess
from api.attachments.uploads import incoming_files
from api.core.context import Info
from api.core.enums import Channel, Impact, Language
from api.core.errors import (
    ChannelNotIncludedError,
    ConflictError,
    FileTooLargeError,
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
    RateLimitedError,
    ValidationError,
    attempt,
)
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import EXPECTED_UPDATED_AT, decode_optional_id, decode_ticket_ref
from api.custom_fields.types import CustomFieldValueInput
from api.tickets.types import Message, Ticket
from domain.identity.access import TicketRef
from domain.identity.auth import IssuedToken
from domain.tickets import actions, desk, guest_tickets, replies, retries


@strawberry.type
class CreateTicketSuccess:
    ticket: Ticket
    guest_pass: LoginSuccess | None = strawberry.field(
        default=None,
        description="A guest's ticket: the pass that opens it (as guestAccess would give).",
    )
    awaiting_confirmation: bool = strawberry.field(
        default=False,
        description="A guest's ticket from a new address (MESA_GUEST_CONFIRMATION): held out of "
        "the queue, with no pass, until the guest follows the link mailed to the address "
        "(confirmGuestTicket).",
    )


@strawberry.type
class ReplyToTicketSuccess:
    ticket: Ticket = strawberry.field(
        description="The ticket replied to, or the follow-up ticket a late reply opened."
    )
    reply: Message = strawberry.field(description="The reply or internal note just added.")


@strawberry.type
class ConfirmGuestTicketSuccess:
    ticket: Ticket
    guest_pass: LoginSuccess = strawberry.field(
        description="The pass that opens the ticket (as guestAccess would give)."
    )


@strawberry.type
class TriageTicketSuccess:
    ticket: Ticket


@strawberry.type
class AssignTicketSuccess:
    ticket: Ticket


@strawberry.type
class ResolveTicketSuccess:
    ticket: Ticket


@strawberry.type
class CloseTicketSuccess:
    ticket: Ticket


@strawberry.type
class ReopenTicketSuccess:
    ticket: Ticket


@strawberry.type
class MergeTicketsSuccess:
    ticket: Ticket = strawberry.field(description="The ticket the other was merged into.")


_Failure = (
    ValidationError | NotFoundError | NotAllowedError | InvalidTransitionError | ConflictError
)

CreateTicketResult = Annotated[
    CreateTicketSuccess | _Failure | ChannelNotIncludedError | FileTooLargeError | RateLimitedError,
    strawberry.union("CreateTicketResult"),
]
ReplyToTicketResult = Annotated[
    ReplyToTicketSuccess | _Failure | FileTooLargeError, strawberry.union("ReplyToTicketResult")
]
TriageTicketResult = Annotated[
    TriageTicketSuccess | _Failure, strawberry.union("TriageTicketResult")
]
AssignTicketResult = Annotated[
    AssignTicketSuccess | _Failure, strawberry.union("AssignTicketResult")
]
ResolveTicketResult = Annotated[
    ResolveTicketSuccess | _Failure, strawberry.union("ResolveTicketResult")
]
CloseTicketResult = Annotated[CloseTicketSuccess | _Failure, strawberry.union("CloseTicketResult")]
ReopenTicketResult = Annotated[
    ReopenTicketSuccess | _Failure, strawberry.union("ReopenTicketResult")
]
ConfirmGuestTicketResult = Annotated[
    ConfirmGuestTicketSuccess | NotFoundError | ValidationError,
    strawberry.union("ConfirmGuestTicketResult"),
]
MergeTicketsResult = Annotated[
    MergeTicketsSuccess | _Failure, strawberry.union("MergeTicketsResult")
]


@strawberry.input(description="Who opens a ticket without an account (seed 002).")
class GuestInput:
    name: str
    email: str
    language: Language = strawberry.field(
        default=Language.ES, description="The language of the mails about the ticket."
    )


@strawberry.input
class CreateTicketInput:
    subject: str
    message: str
    priority: Impact = strawberry.field(
        default=Impact.MEDIUM, description="Proposed priority; use HIGH only for critical cases."
    )
    category_id: strawberry.ID | None = None
    department_id: strawberry.ID | None = None
    service_id: strawberry.ID | None = None
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Staff only: the customer a ticket is opened for."
    )
    channel: Channel | None = None
    about_ticket: int | None = strawberry.field(
        default=None,
        description="Number of the existing ticket a contact is about (phone at Nivel 1).",
    )
    idempotency_key: str | None = idempotency_key_field("ticket")
    attachments: list[Upload] | None = strawberry.field(
        default=None,
        description="Files, sent as a GraphQL multipart request with the bearer token.",
    )
    guest: GuestInput | None = strawberry.field(
        default=None,
        description="Without a token: the guest opening the ticket. The tracking ID is "
        "mailed to them and a guest pass returned; files follow with replyToTicket.",
    )
    honeypot: str | None = strawberry.field(
        default=None,
        description="Bind a form field hidden from people: filled in, the request is refused.",
    )
    custom_fields: list[CustomFieldValueInput] | None = strawberry.field(
        default=None,
        description="Values of the custom fields that apply to the department or category "
        "(customFields query), by key; required ones must be given.",
    )


@strawberry.input
class ReplyToTicketInput:
    ticket_id: strawberry.ID
    message: str = strawberry.field(
        default="", description="May be left empty when a canned response is given."
    )
    internal: bool = strawberry.field(default=False, description="An internal note (staff only).")
    idempotency_key: str | None = idempotency_key_field("reply")
    attachments: list[Upload] | None = strawberry.field(
        default=None,
        description="Files, sent as a GraphQL multipart request with the bearer token.",
    )
    canned_response_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Staff: a canned response, rendered for the ticket, after the message.",
    )
    expected_updated_at: datetime | None = strawberry.field(
        default=None, description=EXPECTED_UPDATED_AT
    )


@strawberry.input
class TriageTicketInput:
    ticket_id: strawberry.ID
    impact: Impact | None = None
    department_id: strawberry.ID | None = None
    category_id: strawberry.ID | None = None
    expected_updated_at: datetime | None = strawberry.field(
        default=None, description=EXPECTED_UPDATED_AT
    )


@strawberry.input
class AssignTicketInput:
    ticket_id: strawberry.ID
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="Leave empty to unassign."
    )
    expected_updated_at: datetime | None = strawberry.field(
        default=None, description=EXPECTED_UPDATED_AT
    )


@strawberry.input
class MergeTicketsInput:
    source_ticket_id: strawberry.ID
    target_ticket_id: strawberry.ID


def _guest_pass(access: IssuedToken) -> LoginSuccess:
    return LoginSuccess(
        token=access.token, expires_at=access.expires_at, viewer=Guest.from_viewer(access.viewer)
    )


def _guest_created(created: guest_tickets.GuestTicket) -> CreateTicketSuccess:
    if created.access is None:
        return CreateTicketSuccess(
            ticket=Ticket.from_model(created.ticket), awaiting_confirmation=True
        )
    return CreateTicketSuccess(
        ticket=Ticket.from_model(created.ticket), guest_pass=_guest_pass(created.access)
    )


def _ticket_id(
    value: strawberry.ID, field: str = "ticketId", expected_updated_at: datetime | None = None
) -> TicketRef:
    return decode_ticket_ref(value, field=field, expected_updated_at=expected_updated_at)


# The ticket's `updatedAt` when the agent loaded it (collision detection: EXPECTED_UPDATED_AT).
ExpectedUpdatedAt = datetime | None


@strawberry.type
class TicketMutation:
    @strawberry.mutation
    async def create_ticket(self, info: Info, input: CreateTicketInput) -> CreateTicketResult:
        async def run() -> CreateTicketSuccess:
            data = actions.NewTicket(
                subject=input.subject,
                message=input.message,
                priority=input.priority,
                category_id=decode_optional_id(input.category_id, "Category", field="categoryId"),
                department_id=decode_optional_id(
                    input.department_id, "Department", field="departmentId"
                ),
                service_id=decode_optional_id(input.service_id, "Service", field="serviceId"),
                customer_id=decode_optional_id(input.customer_id, "Customer", field="customerId"),
                channel=input.channel,
                about_ticket=input.about_ticket,
                attachments=incoming_files(input.attachments),
                custom_fields=tuple(value.to_domain() for value in input.custom_fields or ()),
            )
            if input.guest is not None:
                guest = guest_tickets.GuestRequester(
                    name=input.guest.name, email=input.guest.email, language=input.guest.language
                )
                # A guest's retry is told by its email and key (see guest_tickets.retried).
                return _guest_created(
                    await create_once(
                        info,
                        input,
                        lambda: guest_tickets.open_guest_ticket(
                            viewer=info.context.viewer,
                            guest=guest,
                            data=data,
                            honeypot=input.honeypot,
                            client_address=info.context.client_address,
                        ),
                        guest_tickets.retried,
                        created_id=lambda created: created.ticket.id,
                        anonymous_as=guest_tickets.retry_identity(guest),
                    )
                )
            ticket = await create_once(
                info,
                input,
                lambda: actions.create_ticket(viewer=info.context.viewer, data=data),
                retries.ticket_by_id,
            )
            return CreateTicketSuccess(ticket=Ticket.from_model(ticket))

        return await attempt(run, lambda success: success)

    @strawberry.mutation(description="A reply, or an internal note for staff.")
    async def reply_to_ticket(self, info: Info, input: ReplyToTicketInput) -> ReplyToTicketResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: replies.reply_to_ticket(
                    viewer=info.context.viewer,
                    ticket_id=_ticket_id(
                        input.ticket_id, expected_updated_at=input.expected_updated_at
                    ),
                    body=input.message,
                    internal=input.internal,
                    attachments=incoming_files(input.attachments),
                    canned_response_id=decode_optional_id(
                        input.canned_response_id, "CannedResponse", field="cannedResponseId"
                    ),
                ),
                retries.reply_by_message_id,
                created_id=lambda reply: reply.message.id,
            ),
            lambda reply: ReplyToTicketSuccess(
                ticket=Ticket.from_model(reply.ticket), reply=Message.from_model(reply.message)
            ),
        )

    @strawberry.mutation(description="Set impact, department and category (staff).")
    async def triage_ticket(self, info: Info, input: TriageTicketInput) -> TriageTicketResult:
        async def run():
            triage = desk.Triage(
                impact=input.impact,
                department_id=decode_optional_id(
                    input.department_id, "Department", field="departmentId"
                ),
                category_id=decode_optional_id(input.category_id, "Category", field="categoryId"),
            )
            return await desk.triage_ticket(
                viewer=info.context.viewer,
                ticket_id=_ticket_id(
                    input.ticket_id, expected_updated_at=input.expected_updated_at
                ),
                triage=triage,
            )

        return await attempt(run, lambda t: TriageTicketSuccess(ticket=Ticket.from_model(t)))

    @strawberry.mutation
    async def assign_ticket(self, info: Info, input: AssignTicketInput) -> AssignTicketResult:
        return await attempt(
            lambda: desk.assign_ticket(
                viewer=info.context.viewer,
                ticket_id=_ticket_id(
                    input.ticket_id, expected_updated_at=input.expected_updated_at
                ),
                assignee_id=decode_optional_id(input.assignee_id, "Staff", field="assigneeId"),
            ),
            lambda t: AssignTicketSuccess(ticket=Ticket.from_model(t)),
        )

    @strawberry.mutation(
        description="Mark a ticket resolved (its customer or staff). " + EXPECTED_UPDATED_AT
    )
    async def resolve_ticket(
        self, info: Info, ticket_id: strawberry.ID, expected_updated_at: ExpectedUpdatedAt = None
    ) -> ResolveTicketResult:
        return await attempt(
            lambda: actions.resolve_ticket(
                viewer=info.context.viewer,
                ticket_id=_ticket_id(ticket_id, expected_updated_at=expected_updated_at),
            ),
            lambda t: ResolveTicketSuccess(ticket=Ticket.from_model(t)),
        )

    @strawberry.mutation(description="Close a ticket (staff). " + EXPECTED_UPDATED_AT)
    async def close_ticket(
        self, info: Info, ticket_id: strawberry.ID, expected_updated_at: ExpectedUpdatedAt = None
    ) -> CloseTicketResult:
        return await attempt(
            lambda: desk.close_ticket(
                viewer=info.context.viewer,
                ticket_id=_ticket_id(ticket_id, expected_updated_at=expected_updated_at),
            ),
            lambda t: CloseTicketSuccess(ticket=Ticket.from_model(t)),
        )

    @strawberry.mutation(description="Reopen a resolved or closed ticket. " + EXPECTED_UPDATED_AT)
    async def reopen_ticket(
        self,
        info: Info,
        ticket_id: strawberry.ID,
        message: str | None = None,
        expected_updated_at: ExpectedUpdatedAt = None,
    ) -> ReopenTicketResult:
        return await attempt(
            lambda: actions.reopen_ticket(
                viewer=info.context.viewer,
                ticket_id=_ticket_id(ticket_id, expected_updated_at=expected_updated_at),
                message=message,
            ),
            lambda t: ReopenTicketSuccess(ticket=Ticket.from_model(t)),
        )

    @strawberry.mutation(
        description="Anyone with the link mailed to a guest whose ticket was held for "
        "confirmation (MESA_GUEST_CONFIRMATION): the ticket enters the queue and its tracking "
        "ID is mailed; the link works once."
    )
    async def confirm_guest_ticket(self, info: Info, token: str) -> ConfirmGuestTicketResult:
        return await attempt(
            lambda: guest_tickets.confirm_guest_ticket(token=token),
            lambda confirmed: ConfirmGuestTicketSuccess(
                ticket=Ticket.from_model(confirmed[0]), guest_pass=_guest_pass(confirmed[1])
            ),
        )

    @strawberry.mutation(description="Merge a duplicate into another ticket (staff).")
    async def merge_tickets(self, info: Info, input: MergeTicketsInput) -> MergeTicketsResult:
        return await attempt(
            lambda: desk.merge_tickets(
                viewer=info.context.viewer,
                source_id=_ticket_id(input.source_ticket_id, "sourceTicketId"),
                target_id=_ticket_id(input.target_ticket_id, "targetTicketId"),
            ),
            lambda t: MergeTicketsSuccess(ticket=Ticket.from_model(t)),
        )
