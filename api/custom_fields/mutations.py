"""Custom field mutations: administrators save and delete fields; staff change a ticket's
values."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.core.context import Info
from api.core.errors import ConflictError, NotAllowedError, NotFoundError, ValidationError, attempt
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import (
    EXPECTED_UPDATED_AT,
    decode_id,
    decode_optional_id,
    decode_ticket_ref,
    encode_id,
)
from api.custom_fields.types import CustomField, CustomFieldValueInput
from api.tickets.types import Ticket
from domain import models
from domain.custom_fields import definitions, values
from domain.models import CustomFieldType, CustomFieldVisibility

_Failure = ValidationError | NotFoundError | NotAllowedError | ConflictError


@strawberry.input(description="One choice of a SELECT field.")
class CustomFieldOptionInput:
    key: str = strawberry.field(description="Lower-case letters, digits and _: what is stored.")
    label_es: str
    label_en: str


@strawberry.input
class SaveCustomFieldInput:
    custom_field_id: strawberry.ID | None = strawberry.field(
        default=None, description="Null: create a new field."
    )
    key: str = strawberry.field(
        description="Lower-case letters, digits and _, unique (dominio, ip_servidor)."
    )
    type: CustomFieldType = strawberry.field(
        description="Cannot change once tickets hold values of the field."
    )
    label_es: str
    label_en: str
    help_es: str = ""
    help_en: str = ""
    options: list[CustomFieldOptionInput] | None = strawberry.field(
        default=None, description="SELECT fields: 1 to 100 choices."
    )
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only tickets of this department."
    )
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only tickets of this category (and so its department)."
    )
    required: bool = False
    visibility: CustomFieldVisibility = CustomFieldVisibility.CUSTOMERS
    is_active: bool = True
    position: int = 0
    idempotency_key: str | None = idempotency_key_field("custom field")


@strawberry.type
class SaveCustomFieldSuccess:
    custom_field: CustomField


@strawberry.type
class DeleteCustomFieldSuccess:
    custom_field_id: strawberry.ID


@strawberry.input
class SetTicketCustomFieldsInput:
    ticket_id: strawberry.ID
    values: list[CustomFieldValueInput] = strawberry.field(
        description="The values that change, by key; a null value clears one."
    )
    expected_updated_at: datetime | None = strawberry.field(
        default=None, description=EXPECTED_UPDATED_AT
    )


@strawberry.type
class SetTicketCustomFieldsSuccess:
    ticket: Ticket


SaveCustomFieldResult = Annotated[
    SaveCustomFieldSuccess | _Failure, strawberry.union("SaveCustomFieldResult")
]
DeleteCustomFieldResult = Annotated[
    DeleteCustomFieldSuccess | _Failure, strawberry.union("DeleteCustomFieldResult")
]
SetTicketCustomFieldsResult = Annotated[
    SetTicketCustomFieldsSuccess | _Failure, strawberry.union("SetTicketCustomFieldsResult")
]


@strawberry.type
class CustomFieldMutation:
    @strawberry.mutation(
        description="Create or change a custom field (admins). Retire it with isActive false "
        "(tickets keep their values) or delete it with deleteCustomField."
    )
    async def save_custom_field(
        self, info: Info, input: SaveCustomFieldInput
    ) -> SaveCustomFieldResult:
        async def run() -> models.CustomField:
            draft = definitions.FieldDraft(
                key=input.key,
                field_type=input.type,
                label_es=input.label_es,
                label_en=input.label_en,
                help_es=input.help_es,
                help_en=input.help_en,
                options=tuple(
                    definitions.FieldOption(
                        key=option.key, label_es=option.label_es, label_en=option.label_en
                    )
                    for option in input.options or ()
                ),
                department_id=decode_optional_id(
                    input.department_id, "Department", field="departmentId"
                ),
                category_id=decode_optional_id(input.category_id, "Category", field="categoryId"),
                is_required=input.required,
                visibility=input.visibility,
                is_active=input.is_active,
                position=input.position,
            )
            return await definitions.save_field(
                viewer=info.context.viewer,
                field_id=decode_optional_id(
                    input.custom_field_id, "CustomField", field="customFieldId"
                ),
                draft=draft,
            )

        return await attempt(
            lambda: create_once(info, input, run, lambda pk: models.CustomField.get(id=pk)),
            lambda row: SaveCustomFieldSuccess(custom_field=CustomField.from_model(row)),
        )

    @strawberry.mutation(
        description="Remove a custom field and every ticket's value of it (admins)."
    )
    async def delete_custom_field(
        self, info: Info, custom_field_id: strawberry.ID
    ) -> DeleteCustomFieldResult:
        async def run() -> int:
            pk = decode_id(custom_field_id, "CustomField", field="customFieldId")
            return await definitions.delete_field(viewer=info.context.viewer, field_id=pk)

        return await attempt(
            run,
            lambda pk: DeleteCustomFieldSuccess(
                custom_field_id=strawberry.ID(encode_id("CustomField", pk))
            ),
        )

    @strawberry.mutation(
        description="Change some of a ticket's custom field values (staff of its department), "
        "checked as on creation; recorded in its history."
    )
    async def set_ticket_custom_fields(
        self, info: Info, input: SetTicketCustomFieldsInput
    ) -> SetTicketCustomFieldsResult:
        return await attempt(
            lambda: values.set_ticket_values(
                viewer=info.context.viewer,
                ticket_id=decode_ticket_ref(
                    input.ticket_id, field="ticketId", expected_updated_at=input.expected_updated_at
                ),
                inputs=[value.to_domain() for value in input.values],
            ),
            lambda ticket: SetTicketCustomFieldsSuccess(ticket=Ticket.from_model(ticket)),
        )
