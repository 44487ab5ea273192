"""Macros (`macros`, `saveMacro`, `deleteMacro`, `applyMacro`) and `bulkUpdateTickets`: several
changes to a ticket in one click, or the same changes to up to 100 tickets."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

import strawberry

from api.catalog.types import Department
from api.core.context import Info
from api.core.enums import Impact
from api.core.errors import (
    ConflictError,
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
    attempt,
    user_error,
)
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import (
    EXPECTED_UPDATED_AT,
    decode_id,
    decode_optional_id,
    decode_ticket_ref,
    encode_id,
)
from api.tickets.types import Ticket
from domain import models
from domain.workspace import macros
from domain.workspace.macros import AssignTo, FinalStatus, TicketChanges

strawberry.enum(FinalStatus, description="Where the changes leave the ticket, after the others.")
strawberry.enum(
    AssignTo,
    description="Assign to whoever applies the changes, to nobody, or to the staff member named.",
)

_Failure = (
    ValidationError | NotFoundError | NotAllowedError | InvalidTransitionError | ConflictError
)


@strawberry.input(
    description="Changes to a ticket, made in this order: impact, department and category; "
    "assignee; tags; a public reply from a canned response; an internal note; the final "
    "status. All of them or none."
)
class TicketChangesInput:
    impact: Impact | None = None
    department_id: strawberry.ID | None = None
    category_id: strawberry.ID | None = None
    assign_to: AssignTo | None = None
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="With assignTo: STAFF."
    )
    add_tags: list[str] | None = None
    remove_tags: list[str] | None = None
    canned_response_id: strawberry.ID | None = strawberry.field(
        default=None, description="Sent as a public reply, rendered for each ticket."
    )
    note: str | None = strawberry.field(default=None, description="Added as an internal note.")
    status: FinalStatus | None = None

    def to_changes(self) -> TicketChanges:
        return TicketChanges(
            impact=self.impact,
            department_id=decode_optional_id(
                self.department_id, "Department", field="departmentId"
            ),
            category_id=decode_optional_id(self.category_id, "Category", field="categoryId"),
            assign_to=self.assign_to,
            assignee_id=decode_optional_id(self.assignee_id, "Staff", field="assigneeId"),
            add_tags=tuple(self.add_tags or ()),
            remove_tags=tuple(self.remove_tags or ()),
            canned_response_id=decode_optional_id(
                self.canned_response_id, "CannedResponse", field="cannedResponseId"
            ),
            note=self.note,
            status=self.status,
        )


@strawberry.type(description="The changes a macro makes (see TicketChangesInput).")
class MacroActions:
    impact: Impact | None
    department_id: strawberry.ID | None
    category_id: strawberry.ID | None
    assign_to: AssignTo | None
    assignee_id: strawberry.ID | None
    add_tags: list[str]
    remove_tags: list[str]
    canned_response_id: strawberry.ID | None
    note: str | None
    status: FinalStatus | None

    @classmethod
    def from_changes(cls, changes: TicketChanges) -> Self:
        def gid(type_name: str, pk: int | None) -> strawberry.ID | None:
            return None if pk is None else strawberry.ID(encode_id(type_name, pk))

        return cls(
            impact=changes.impact,
            department_id=gid("Department", changes.department_id),
            category_id=gid("Category", changes.category_id),
            assign_to=changes.assign_to,
            assignee_id=gid("Staff", changes.assignee_id),
            add_tags=list(changes.add_tags),
            remove_tags=list(changes.remove_tags),
            canned_response_id=gid("CannedResponse", changes.canned_response_id),
            note=changes.note,
            status=changes.status,
        )


@strawberry.type(description="Several changes to a ticket in one click (staff).")
class Macro:
    id: strawberry.ID
    title: str
    personal: bool = strawberry.field(description="Only its owner sees and applies it.")
    actions: MacroActions
    updated_at: datetime
    row: strawberry.Private[models.Macro]

    @strawberry.field(description="The department it is for; null for every department.")
    async def department(self, info: Info) -> Department | None:
        pk = self.row.department_id
        row = await info.context.loaders.department_by_id.load(pk) if pk else None
        return Department.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: models.Macro) -> Self:
        return cls(
            id=strawberry.ID(encode_id("Macro", row.id)),
            title=row.title,
            personal=row.owner_id is not None,
            actions=MacroActions.from_changes(TicketChanges.from_json(row.actions)),
            updated_at=row.updated_at,
            row=row,
        )


@strawberry.input
class SaveMacroInput:
    title: str
    actions: TicketChangesInput
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="Leave out for every department."
    )
    personal: bool = strawberry.field(
        default=False, description="Only you see it; shared ones are for supervisors and admins."
    )
    macro_id: strawberry.ID | None = strawberry.field(
        default=None, description="Set to change an existing macro."
    )
    idempotency_key: str | None = idempotency_key_field("macro")


@strawberry.input
class ApplyMacroInput:
    ticket_id: strawberry.ID
    macro_id: strawberry.ID
    expected_updated_at: datetime | None = strawberry.field(
        default=None, description=EXPECTED_UPDATED_AT
    )


@strawberry.input
class BulkUpdateTicketsInput:
    ticket_ids: list[strawberry.ID] = strawberry.field(description="1 to 100 tickets.")
    changes: TicketChangesInput | None = strawberry.field(
        default=None, description="The changes; or give a macro."
    )
    macro_id: strawberry.ID | None = None


@strawberry.type
class SaveMacroSuccess:
    macro: Macro


@strawberry.type
class DeleteMacroSuccess:
    macro_id: strawberry.ID


@strawberry.type
class ApplyMacroSuccess:
    ticket: Ticket


@strawberry.type(description="One ticket of a bulk update: changed.")
class BulkTicketUpdated:
    ticket: Ticket


BulkTicketOutcome = Annotated[BulkTicketUpdated | _Failure, strawberry.union("BulkTicketOutcome")]


@strawberry.type(description="What became of one ticket of a bulk update.")
class BulkTicketResult:
    ticket_id: strawberry.ID = strawberry.field(description="As it was given.")
    outcome: BulkTicketOutcome


@strawberry.type
class BulkUpdateTicketsSuccess:
    results: list[BulkTicketResult] = strawberry.field(description="One per ticket, in order.")
    updated: int = strawberry.field(description="How many tickets were changed.")


SaveMacroResult = Annotated[SaveMacroSuccess | _Failure, strawberry.union("SaveMacroResult")]
DeleteMacroResult = Annotated[DeleteMacroSuccess | _Failure, strawberry.union("DeleteMacroResult")]
ApplyMacroResult = Annotated[ApplyMacroSuccess | _Failure, strawberry.union("ApplyMacroResult")]
BulkUpdateTicketsResult = Annotated[
    BulkUpdateTicketsSuccess | _Failure, strawberry.union("BulkUpdateTicketsResult")
]


def _macro_id(value: strawberry.ID) -> int:
    return decode_id(value, "Macro", field="macroId")


@strawberry.type
class MacroQuery:
    @strawberry.field(
        description="Macros the viewer may apply: their personal ones and the shared ones of "
        "their departments (staff)."
    )
    async def macros(self, info: Info, department_id: strawberry.ID | None = None) -> list[Macro]:
        rows = await macros.list_macros(
            viewer=info.context.viewer,
            department_id=decode_optional_id(department_id, "Department", field="departmentId"),
        )
        return [Macro.from_model(row) for row in rows]


@strawberry.type
class MacroMutation:
    @strawberry.mutation(description="Create or change a macro (staff; shared ones: supervisors).")
    async def save_macro(self, info: Info, input: SaveMacroInput) -> SaveMacroResult:
        async def run() -> models.Macro:
            draft = macros.MacroDraft(
                title=input.title,
                changes=input.actions.to_changes(),
                department_id=decode_optional_id(
                    input.department_id, "Department", field="departmentId"
                ),
                personal=input.personal,
                macro_id=_macro_id(input.macro_id) if input.macro_id is not None else None,
            )
            return await macros.save_macro(viewer=info.context.viewer, draft=draft)

        return await attempt(
            lambda: create_once(info, input, run, lambda pk: models.Macro.get(id=pk)),
            lambda row: SaveMacroSuccess(macro=Macro.from_model(row)),
        )

    @strawberry.mutation(description="Delete a macro (its owner, or supervisors).")
    async def delete_macro(self, info: Info, macro_id: strawberry.ID) -> DeleteMacroResult:
        async def run() -> None:
            await macros.delete_macro(viewer=info.context.viewer, macro_id=_macro_id(macro_id))

        return await attempt(run, lambda _: DeleteMacroSuccess(macro_id=macro_id))

    @strawberry.mutation(
        description="Apply a macro to a ticket: every change or none, with the events and "
        "notifications of each."
    )
    async def apply_macro(self, info: Info, input: ApplyMacroInput) -> ApplyMacroResult:
        return await attempt(
            lambda: macros.apply_macro(
                viewer=info.context.viewer,
                ticket_id=decode_ticket_ref(
                    input.ticket_id,
                    field="ticketId",
                    expected_updated_at=input.expected_updated_at,
                ),
                macro_id=_macro_id(input.macro_id),
            ),
            lambda ticket: ApplyMacroSuccess(ticket=Ticket.from_model(ticket)),
        )

    @strawberry.mutation(
        description="The same changes, or a macro, on up to 100 tickets: one transaction and "
        "one typed result per ticket."
    )
    async def bulk_update_tickets(
        self, info: Info, input: BulkUpdateTicketsInput
    ) -> BulkUpdateTicketsResult:
        async def run() -> BulkUpdateTicketsSuccess:
            outcomes = await macros.bulk_update(
                viewer=info.context.viewer,
                ticket_ids=[
                    decode_ticket_ref(value, field="ticketIds") for value in input.ticket_ids
                ],
                changes=input.changes.to_changes() if input.changes is not None else None,
                macro_id=_macro_id(input.macro_id) if input.macro_id is not None else None,
            )
            results = [
                BulkTicketResult(
                    ticket_id=given,
                    outcome=(
                        BulkTicketUpdated(ticket=Ticket.from_model(outcome.ticket))
                        if outcome.ticket is not None
                        else user_error(outcome.error)  # type: ignore[arg-type]
                    ),
                )
                for given, outcome in zip(input.ticket_ids, outcomes, strict=True)
            ]
            return BulkUpdateTicketsSuccess(
                results=results, updated=sum(1 for o in outcomes if o.ticket is not None)
            )

        return await attempt(run, lambda success: success)
