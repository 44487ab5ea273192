"""Workspace mutations: ticket views, a ticket's tags, and canned responses."""

from __future__ import annotations

from datetime import datetime
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
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import EXPECTED_UPDATED_AT, decode_id, decode_optional_id, decode_ticket_ref
from api.tickets.filters import TicketFilter, TicketOrder, ticket_filter, ticket_order
from api.tickets.types import Ticket
from api.workspace.types import CannedResponse, NotificationPreferences
from api.workspace.views import TicketView, view_key
from domain import models
from domain.errors import ValidationFailed
from domain.workspace import canned, notifications, tags, views
from domain.workspace.notifications import AgentNotificationKind

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


@strawberry.type
class SaveTicketViewSuccess:
    ticket_view: TicketView


@strawberry.type
class DeleteTicketViewSuccess:
    ticket_view_id: strawberry.ID


SaveTicketViewResult = Annotated[
    SaveTicketViewSuccess | _Failure, strawberry.union("SaveTicketViewResult")
]
DeleteTicketViewResult = Annotated[
    DeleteTicketViewSuccess | _Failure, strawberry.union("DeleteTicketViewResult")
]


@strawberry.type
class WatchTicketSuccess:
    ticket: Ticket


@strawberry.type
class UpdateNotificationPreferencesSuccess:
    preferences: NotificationPreferences


WatchTicketResult = Annotated[WatchTicketSuccess | _Failure, strawberry.union("WatchTicketResult")]
UpdateNotificationPreferencesResult = Annotated[
    UpdateNotificationPreferencesSuccess | _Failure,
    strawberry.union("UpdateNotificationPreferencesResult"),
]
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
class SaveTicketViewInput:
    name: str
    filter: TicketFilter | None = None
    order_by: TicketOrder | None = None
    shared: bool = strawberry.field(
        default=False, description="For every agent (admins); otherwise only yours."
    )
    ticket_view_id: strawberry.ID | None = strawberry.field(
        default=None, description="Set to change a saved view."
    )
    idempotency_key: str | None = idempotency_key_field("view (when creating one)")


def _view_row_id(view: views.View) -> int:
    assert view.row_id is not None  # a saved view always has its row
    return view.row_id


def _saved_view_id(value: strawberry.ID) -> int:
    key = view_key(value)
    if not key.isdigit():
        raise ValidationFailed(
            "Built-in views cannot be changed. / Las vistas predefinidas no se cambian.",
            field="ticketViewId",
        )
    return int(key)


@strawberry.input
class SetTicketTagsInput:
    ticket_id: strawberry.ID
    tags: list[str] = strawberry.field(description="Every tag the ticket keeps; [] removes all.")
    expected_updated_at: datetime | None = strawberry.field(
        default=None, description=EXPECTED_UPDATED_AT
    )


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
    idempotency_key: str | None = idempotency_key_field("response (when creating one)")


async def _watch(info: Info, ticket_id: strawberry.ID, *, watching: bool) -> WatchTicketResult:
    return await attempt(
        lambda: notifications.watch_ticket(
            viewer=info.context.viewer,
            ticket_id=decode_id(ticket_id, "Ticket", field="ticketId"),
            watching=watching,
        ),
        lambda ticket: WatchTicketSuccess(ticket=Ticket.from_model(ticket)),
    )


def _canned_id(value: strawberry.ID) -> int:
    return decode_id(value, "CannedResponse", field="cannedResponseId")


@strawberry.type
class WorkspaceMutation:
    @strawberry.mutation(description="Follow a ticket: be told when its customer replies.")
    async def watch_ticket(self, info: Info, ticket_id: strawberry.ID) -> WatchTicketResult:
        return await _watch(info, ticket_id, watching=True)

    @strawberry.mutation(description="Stop following a ticket.")
    async def unwatch_ticket(self, info: Info, ticket_id: strawberry.ID) -> WatchTicketResult:
        return await _watch(info, ticket_id, watching=False)

    @strawberry.mutation(
        description="Choose what you are told about live, by email, or both (agents); a list "
        "left out stays as it was."
    )
    async def update_notification_preferences(
        self,
        info: Info,
        live: list[AgentNotificationKind] | None = None,
        email: list[AgentNotificationKind] | None = None,
    ) -> UpdateNotificationPreferencesResult:
        return await attempt(
            lambda: notifications.update_preferences(
                viewer=info.context.viewer, live=live, email=email
            ),
            lambda chosen: UpdateNotificationPreferencesSuccess(
                preferences=NotificationPreferences.from_preferences(chosen)
            ),
        )

    @strawberry.mutation(description="Save a ticket view: your own, or a shared one (admins).")
    async def save_ticket_view(
        self, info: Info, input: SaveTicketViewInput
    ) -> SaveTicketViewResult:
        async def run() -> views.View:
            if input.filter is not None and input.filter.search:
                raise ValidationFailed(
                    "A view cannot keep a search. / Una vista no conserva una búsqueda.",
                    field="search",
                )
            sort, direction = ticket_order(input.order_by)
            draft = views.ViewDraft(
                name=input.name,
                filters=ticket_filter(input.filter),
                sort=sort,
                direction=direction,
                shared=input.shared,
                ticket_view_id=(
                    _saved_view_id(input.ticket_view_id)
                    if input.ticket_view_id is not None
                    else None
                ),
            )
            return await views.save_ticket_view(viewer=info.context.viewer, draft=draft)

        return await attempt(
            lambda: create_once(info, input, run, views.saved_view_by_id, created_id=_view_row_id),
            lambda view: SaveTicketViewSuccess(ticket_view=TicketView.from_view(view)),
        )

    @strawberry.mutation(description="Delete a saved view (yours, or a shared one for admins).")
    async def delete_ticket_view(
        self, info: Info, ticket_view_id: strawberry.ID
    ) -> DeleteTicketViewResult:
        async def run() -> None:
            await views.delete_ticket_view(
                viewer=info.context.viewer, ticket_view_id=_saved_view_id(ticket_view_id)
            )

        return await attempt(run, lambda _: DeleteTicketViewSuccess(ticket_view_id=ticket_view_id))

    @strawberry.mutation(description="Replace a ticket's tags (staff of its department).")
    async def set_ticket_tags(self, info: Info, input: SetTicketTagsInput) -> SetTicketTagsResult:
        return await attempt(
            lambda: tags.set_ticket_tags(
                viewer=info.context.viewer,
                ticket_id=decode_ticket_ref(
                    input.ticket_id,
                    field="ticketId",
                    expected_updated_at=input.expected_updated_at,
                ),
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
            lambda: create_once(
                info, input, run, lambda row_id: models.CannedResponse.get(id=row_id)
            ),
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
