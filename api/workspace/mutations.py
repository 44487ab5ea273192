"""Workspace mutations: a ticket's tags, and canned responses."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.core.context import Info
from api.core.errors import (
    ConflictError,
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
    attempt,
)
from api.core.ids import decode_id, decode_optional_id
from api.tickets.types import Ticket
from api.workspace.types import CannedResponse
from domain import models
from domain.workspace import canned, tags

_Failure = (
    ValidationError | NotFoundError | NotAllowedError | InvalidTransitionError | ConflictError
)


@strawberry.type
class SetTicketTagsSuccess:
    ticket: Ticket


@strawberry.type
class SaveCannedResponseSuccess:
    canned_response: CannedResponse


@strawberry.type
class DeleteCannedResponseSuccess:
    canned_response_id: strawberry.ID


SetTicketTagsResult = Annotated[
    SetTicketTagsSuccess | _Failure, strawberry.union("SetTicketTagsResult")
]
SaveCannedResponseResult = Annotated[
    SaveCannedResponseSuccess | _Failure, strawberry.union("SaveCannedResponseResult")
]
DeleteCannedResponseResult = Annotated[
    DeleteCannedResponseSuccess | _Failure, strawberry.union("DeleteCannedResponseResult")
]


@strawberry.input
class SetTicketTagsInput:
    ticket_id: strawberry.ID
    tags: list[str] = strawberry.field(description="Every tag the ticket keeps; [] removes all.")


@strawberry.input
class SaveCannedResponseInput:
    title: str
    body_es: str
    body_en: str
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="Leave out for every department."
    )
    personal: bool = strawberry.field(
        default=False, description="Only you see it; shared ones are for supervisors and admins."
    )
    canned_response_id: strawberry.ID | None = strawberry.field(
        default=None, description="Set to change an existing response."
    )


def _canned_id(value: strawberry.ID) -> int:
    return decode_id(value, "CannedResponse", field="cannedResponseId")


@strawberry.type
class WorkspaceMutation:
    @strawberry.mutation(description="Replace a ticket's tags (staff of its department).")
    async def set_ticket_tags(self, info: Info, input: SetTicketTagsInput) -> SetTicketTagsResult:
        return await attempt(
            lambda: tags.set_ticket_tags(
                viewer=info.context.viewer,
                ticket_id=decode_id(input.ticket_id, "Ticket", field="ticketId"),
                names=input.tags,
            ),
            lambda ticket: SetTicketTagsSuccess(ticket=Ticket.from_model(ticket)),
        )

    @strawberry.mutation(description="Create or change a canned response (staff).")
    async def save_canned_response(
        self, info: Info, input: SaveCannedResponseInput
    ) -> SaveCannedResponseResult:
        async def run() -> models.CannedResponse:
            draft = canned.CannedDraft(
                title=input.title,
                body_es=input.body_es,
                body_en=input.body_en,
                department_id=decode_optional_id(
                    input.department_id, "Department", field="departmentId"
                ),
                personal=input.personal,
                canned_response_id=(
                    _canned_id(input.canned_response_id)
                    if input.canned_response_id is not None
                    else None
                ),
            )
            return await canned.save_canned_response(viewer=info.context.viewer, draft=draft)

        return await attempt(
            run,
            lambda row: SaveCannedResponseSuccess(canned_response=CannedResponse.from_model(row)),
        )

    @strawberry.mutation(description="Delete a canned response (its owner, or supervisors).")
    async def delete_canned_response(
        self, info: Info, canned_response_id: strawberry.ID
    ) -> DeleteCannedResponseResult:
        async def run() -> None:
            await canned.delete_canned_response(
                viewer=info.context.viewer, canned_response_id=_canned_id(canned_response_id)
            )

        return await attempt(
            run, lambda _: DeleteCannedResponseSuccess(canned_response_id=canned_response_id)
        )
