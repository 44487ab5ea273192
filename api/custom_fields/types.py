"""Custom field types: a field as forms and agents read it, a ticket's value of one, and the
inputs that give values and filter by them."""

from __future__ import annotations

from datetime import datetime
from typing import Self, cast

import strawberry
from strawberry.scalars import JSON

from api.core.context import Info
from api.core.ids import encode_id
from domain import models
from domain.custom_fields import filters, values
from domain.models import CustomFieldType, CustomFieldVisibility, Language

strawberry.enum(
    CustomFieldType,
    description="What a custom field holds: TEXT, NUMBER, DATE (YYYY-MM-DD), SELECT (one "
    "option's key) or CHECKBOX (true or false).",
)
strawberry.enum(
    CustomFieldVisibility,
    description="Who sees a custom field: CUSTOMERS (requesters see and fill it in) or STAFF.",
)


def _in_language(info: Info, spanish: str, english: str) -> str:
    return spanish if info.context.language is Language.ES else english


@strawberry.type(description="One choice of a SELECT field.")
class CustomFieldOption:
    key: str
    label_es: str
    label_en: str

    @strawberry.field(description="The label in the viewer's language.")
    def label(self, info: Info) -> str:
        return _in_language(info, self.label_es, self.label_en)


@strawberry.type(
    description="A typed ticket field beyond the built-in ones, for every ticket or those of "
    "one department or category."
)
class CustomField:
    id: strawberry.ID
    key: str = strawberry.field(description="Stable: values, filters and triggers name it.")
    type: CustomFieldType
    label_es: str
    label_en: str
    help_es: str
    help_en: str
    options: list[CustomFieldOption] = strawberry.field(description="SELECT fields' choices.")
    department_id: strawberry.ID | None = strawberry.field(
        description="Only tickets of this department (null with categoryId: every ticket)."
    )
    category_id: strawberry.ID | None = strawberry.field(
        description="Only tickets of this category."
    )
    required: bool = strawberry.field(
        description="A new ticket it applies to must have it (STAFF ones: when staff open it)."
    )
    visibility: CustomFieldVisibility
    is_active: bool = strawberry.field(
        description="Retired fields are off forms; tickets keep their values."
    )
    position: int
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="The label in the viewer's language.")
    def label(self, info: Info) -> str:
        return _in_language(info, self.label_es, self.label_en)

    @strawberry.field(description="The help text in the viewer's language.")
    def help(self, info: Info) -> str:
        return _in_language(info, self.help_es, self.help_en)

    @classmethod
    def from_model(cls, row: models.CustomField) -> Self:
        def _id(type_name: str, pk: int | None) -> strawberry.ID | None:
            return strawberry.ID(encode_id(type_name, pk)) if pk is not None else None

        return cls(
            id=strawberry.ID(encode_id("CustomField", row.id)),
            key=row.key,
            type=row.field_type,
            label_es=row.label_es,
            label_en=row.label_en,
            help_es=row.help_es,
            help_en=row.help_en,
            options=[
                CustomFieldOption(
                    key=str(option["key"]),
                    label_es=str(option["label_es"]),
                    label_en=str(option["label_en"]),
                )
                for option in row.options
            ],
            department_id=_id("Department", row.department_id),
            category_id=_id("Category", row.category_id),
            required=row.is_required,
            visibility=row.visibility,
            is_active=row.is_active,
            position=row.position,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="A ticket's value of one custom field.")
class TicketCustomFieldValue:
    field: CustomField
    value: JSON = strawberry.field(
        description="Typed: text, a number, an ISO date (YYYY-MM-DD), an option's key, or "
        "true/false."
    )

    @strawberry.field(description="SELECT: the chosen option's label in the viewer's language.")
    def option_label(self, info: Info) -> str | None:
        for option in self.field.options:
            if option.key == self.value:
                return option.label(info)
        return None

    @classmethod
    def from_domain(cls, item: values.TicketValue) -> Self:
        return cls(field=CustomField.from_model(item.field), value=cast(JSON, item.value))


@strawberry.input(description="A custom field's value, by the field's key.")
class CustomFieldValueInput:
    key: str
    value: JSON | None = strawberry.field(
        default=None,
        description="Text, a number, a date (YYYY-MM-DD), an option's key, or true/false; "
        "null clears it.",
    )

    def to_domain(self) -> values.FieldValueInput:
        return values.FieldValueInput(key=self.key, value=self.value)


@strawberry.input(
    description="Tickets whose value of a custom field equals a value, and/or lies in a range "
    "(numbers and dates, both ends included)."
)
class CustomFieldCondition:
    key: str
    equals: JSON | None = None
    at_least: JSON | None = None
    at_most: JSON | None = None

    def to_domain(self) -> filters.FieldCondition:
        return filters.FieldCondition(
            key=self.key,
            equals=self.equals,
            at_least=self.at_least,
            at_most=self.at_most,
        )


@strawberry.type(description="A custom field condition of a saved view.")
class CustomFieldConditionView:
    key: str
    equals: JSON | None
    at_least: JSON | None
    at_most: JSON | None

    @classmethod
    def from_domain(cls, condition: filters.FieldCondition) -> Self:
        return cls(
            key=condition.key,
            equals=cast(JSON, condition.equals),
            at_least=cast(JSON, condition.at_least),
            at_most=cast(JSON, condition.at_most),
        )
