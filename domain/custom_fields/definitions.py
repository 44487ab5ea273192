"""Custom field definitions as administrators manage them: list, save, retire, delete."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from domain.catalog import audit
from domain.errors import NotFound, ValidationFailed
from domain.identity.access import require_admin
from domain.identity.viewer import Viewer
from domain.models import (
    Category,
    CustomField,
    CustomFieldType,
    CustomFieldVisibility,
    Department,
    TicketFieldValue,
)
from domain.uow import unit_of_work

KEY_MAX = 50
LABEL_MAX = 100
HELP_MAX = 300
OPTIONS_MAX = 100
FIELDS_MAX = 200
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
AUDITED = (
    "key",
    "field_type",
    "label_es",
    "label_en",
    "help_es",
    "help_en",
    "options",
    "department_id",
    "category_id",
    "is_required",
    "visibility",
    "is_active",
    "position",
)


@dataclass(frozen=True)
class FieldOption:
    key: str
    label_es: str
    label_en: str


@dataclass(frozen=True)
class FieldDraft:
    key: str
    field_type: CustomFieldType
    label_es: str
    label_en: str
    help_es: str = ""
    help_en: str = ""
    options: Sequence[FieldOption] = field(default_factory=tuple)
    department_id: int | None = None
    category_id: int | None = None
    is_required: bool = False
    visibility: CustomFieldVisibility = CustomFieldVisibility.CUSTOMERS
    is_active: bool = True
    position: int = 0


def clean_key(key: str, *, field: str = "key") -> str:
    """A field's key: lower-case letters, digits and _, starting with a letter."""
    key = key.strip()
    if not 1 <= len(key) <= KEY_MAX or not _KEY.match(key):
        raise ValidationFailed(
            f"A field key has 1 to {KEY_MAX} lower-case letters, digits or _, starting with a "
            f"letter (dominio, ip_servidor). / La clave de un campo tiene de 1 a {KEY_MAX} "
            "letras minúsculas, números o _, y empieza por una letra (dominio, ip_servidor).",
            field=field,
        )
    return key


def _text(value: str, limit: int, field: str, *, required: bool) -> str:
    text = " ".join(value.replace("\x00", "").split())
    if (required and not text) or len(text) > limit:
        raise ValidationFailed(
            f"Write 1 to {limit} characters. / Escriba de 1 a {limit} caracteres."
            if required
            else f"Write at most {limit} characters. / Escriba como máximo {limit} caracteres.",
            field=field,
        )
    return text


def _options(draft: FieldDraft) -> list[dict[str, str]]:
    if draft.field_type is not CustomFieldType.SELECT:
        if draft.options:
            raise ValidationFailed(
                "Only SELECT fields have options. / Solo los campos SELECT tienen opciones.",
                field="options",
            )
        return []
    if not 1 <= len(draft.options) <= OPTIONS_MAX:
        raise ValidationFailed(
            f"A SELECT field has 1 to {OPTIONS_MAX} options. / Un campo SELECT tiene de 1 a "
            f"{OPTIONS_MAX} opciones.",
            field="options",
        )
    options: list[dict[str, str]] = []
    for index, option in enumerate(draft.options):
        key = clean_key(option.key, field=f"options.{index}.key")
        if any(seen["key"] == key for seen in options):
            raise ValidationFailed(
                "Two options share a key. / Dos opciones tienen la misma clave.",
                field=f"options.{index}.key",
            )
        options.append(
            {
                "key": key,
                "label_es": _text(
                    option.label_es, LABEL_MAX, f"options.{index}.labelEs", required=True
                ),
                "label_en": _text(
                    option.label_en, LABEL_MAX, f"options.{index}.labelEn", required=True
                ),
            }
        )
    return options


async def _scope(draft: FieldDraft) -> tuple[int | None, int | None]:
    """The department and category a field applies to: a category implies its department."""
    if draft.category_id is not None:
        category = await Category.get_or_none(id=draft.category_id)
        if category is None:
            raise NotFound("Unknown category.", field="categoryId")
        if draft.department_id not in (None, category.department_id):
            raise ValidationFailed(
                "The category belongs to another department.", field="categoryId"
            )
        return category.department_id, category.id
    if draft.department_id is not None and not await Department.exists(id=draft.department_id):
        raise NotFound("Unknown department.", field="departmentId")
    return draft.department_id, None


async def clean_draft(draft: FieldDraft) -> dict[str, object]:
    """The columns of a field as saved, or a typed error naming the input at fault."""
    if not -1000 <= draft.position <= 1000:
        raise ValidationFailed(
            "Choose a position from -1000 to 1000. / Elija una posición de -1000 a 1000.",
            field="position",
        )
    department_id, category_id = await _scope(draft)
    return {
        "key": clean_key(draft.key),
        "field_type": draft.field_type,
        "label_es": _text(draft.label_es, LABEL_MAX, "labelEs", required=True),
        "label_en": _text(draft.label_en, LABEL_MAX, "labelEn", required=True),
        "help_es": _text(draft.help_es, HELP_MAX, "helpEs", required=False),
        "help_en": _text(draft.help_en, HELP_MAX, "helpEn", required=False),
        "options": _options(draft),
        "department_id": department_id,
        "category_id": category_id,
        "is_required": draft.is_required,
        "visibility": draft.visibility,
        "is_active": draft.is_active,
        "position": draft.position,
    }


def visible_fields(viewer: Viewer | None) -> Q:
    """The fields a viewer may know: staff all of them, everyone else the customers' ones."""
    if viewer is not None and viewer.is_staff:
        return Q()
    return Q(visibility=CustomFieldVisibility.CUSTOMERS)


def applying_to(department_id: int, category_id: int | None) -> Q:
    """Fields that apply to a ticket placed in this department and category."""
    scope = Q(department_id__isnull=True, category_id__isnull=True) | Q(
        department_id=department_id, category_id__isnull=True
    )
    if category_id is not None:
        scope |= Q(category_id=category_id)
    return scope


async def list_fields(
    *,
    viewer: Viewer | None,
    department_id: int | None = None,
    category_id: int | None = None,
    include_inactive: bool = False,
) -> list[CustomField]:
    """The fields a viewer may know, in display order: with a department or a category, those
    a new ticket there asks for. Anyone may ask (a guest's form needs them); retired fields
    only for staff."""
    query = CustomField.filter(visible_fields(viewer))
    if not (include_inactive and viewer is not None and viewer.is_staff):
        query = query.filter(is_active=True)
    if category_id is not None:
        category = await Category.get_or_none(id=category_id)
        if category is None:
            raise NotFound("Unknown category.", field="categoryId")
        query = query.filter(applying_to(category.department_id, category.id))
    elif department_id is not None:
        query = query.filter(applying_to(department_id, None))
    return await query.order_by("position", "id")


async def save_field(
    *, viewer: Viewer | None, field_id: int | None, draft: FieldDraft
) -> CustomField:
    """Create or change a custom field (admins, audited). Its type cannot change once values
    exist, nor can options in use disappear: values would stop meaning what they said."""
    viewer = require_admin(viewer)
    values = await clean_draft(draft)
    async with unit_of_work() as uow:
        clash = CustomField.filter(key=values["key"]).using_db(uow.connection)
        if field_id is not None:
            clash = clash.exclude(id=field_id)
        if await clash.exists():
            raise ValidationFailed(
                "Another field has this key. / Otro campo tiene esta clave.", field="key"
            )
        total = CustomField.all().using_db(uow.connection)
        if field_id is None and await total.count() >= FIELDS_MAX:
            raise ValidationFailed(
                f"The desk has at most {FIELDS_MAX} custom fields. / La mesa tiene como "
                f"máximo {FIELDS_MAX} campos personalizados.",
                field="key",
            )
        row = await audit.save_audited(
            uow.connection,
            viewer,
            CustomField,
            field_id,
            values,
            audited=AUDITED,
            entity="custom_field",
            missing=NotFound(
                "Custom field not found. / Campo no encontrado.", field="customFieldId"
            ),
            check_update=lambda existing: _refuse_breaking_change(uow.connection, existing, values),
        )
    return row


async def _refuse_breaking_change(
    connection: BaseDBAsyncClient, existing: CustomField, values: dict[str, object]
) -> None:
    in_use = TicketFieldValue.filter(custom_field_id=existing.id).using_db(connection)
    if values["field_type"] != existing.field_type and await in_use.exists():
        raise ValidationFailed(
            "Tickets hold values of this field: its type cannot change (add a new field). / "
            "Hay tickets con valores de este campo: su tipo no puede cambiar (cree otro campo).",
            field="type",
        )
    if existing.field_type is CustomFieldType.SELECT:
        kept = {str(option["key"]) for option in values["options"]}  # type: ignore[attr-defined]
        dropped = [str(o["key"]) for o in existing.options if str(o["key"]) not in kept]
        if dropped and await in_use.filter(value_text__in=dropped).exists():
            raise ValidationFailed(
                f"Tickets hold the option {dropped[0]}: keep it (retire the field instead). / "
                f"Hay tickets con la opción {dropped[0]}: consérvela.",
                field="options",
            )


async def delete_field(*, viewer: Viewer | None, field_id: int) -> int:
    """Remove a field and every ticket's value of it (admins, audited); returns its id.
    Retiring it (isActive false) keeps the values instead."""
    viewer = require_admin(viewer)
    async with unit_of_work() as uow:
        row = await CustomField.filter(id=field_id).using_db(uow.connection).first()
        if row is None:
            raise NotFound("Custom field not found. / Campo no encontrado.", field="customFieldId")
        await audit.record(
            uow.connection,
            actor=viewer,
            action="custom_field.delete",
            entity="custom_field",
            entity_id=field_id,
            before=audit.snapshot(row, AUDITED),
            after=None,
        )
        await TicketFieldValue.filter(custom_field_id=field_id).using_db(uow.connection).delete()
        await CustomField.filter(id=field_id).using_db(uow.connection).delete()
    return field_id
