"""The custom fields of a catalogue file: `[[custom_fields]]` entries, checked as
saveCustomField checks them, each problem with its line."""

from __future__ import annotations

from typing import Any

from domain.catalog.config_lines import PathPart
from domain.catalog.config_reader import Reader
from domain.catalog.config_specs import CustomFieldSpec
from domain.custom_fields.definitions import HELP_MAX, LABEL_MAX, OPTIONS_MAX, clean_key
from domain.errors import ValidationFailed
from domain.models import CustomFieldType, CustomFieldVisibility

KEYS = {
    "key",
    "type",
    "label_es",
    "label_en",
    "help_es",
    "help_en",
    "options",
    "department",
    "category",
    "required",
    "visibility",
    "position",
    "active",
}


def custom_field(
    reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any]
) -> CustomFieldSpec:
    reader.table(item, path, KEYS)
    key = _key(reader, (*path, "key"), item.get("key"))
    kind = reader.choice(item.get("type"), (*path, "type"), "field type", CustomFieldType)
    visibility = reader.choice(
        item.get("visibility", "CUSTOMERS"),
        (*path, "visibility"),
        "visibility",
        CustomFieldVisibility,
    )
    department = reader.text(item, path, "department", limit=32, required=False) or None
    category = reader.text(item, path, "category", limit=32, required=False) or None
    if department and category:
        reader.fail((*path, "category"), "give `department` or `category`, not both")
    position = item.get("position", 0)
    if not isinstance(position, int) or isinstance(position, bool) or abs(position) > 1000:
        reader.fail((*path, "position"), "`position` must be a whole number from -1000 to 1000")
        position = 0
    required = item.get("required", False)
    if not isinstance(required, bool):
        reader.fail((*path, "required"), "`required` must be true or false")
        required = False
    return CustomFieldSpec(
        key=key,
        field_type=kind or CustomFieldType.TEXT,
        label_es=reader.text(item, path, "label_es", limit=LABEL_MAX),
        label_en=reader.text(item, path, "label_en", limit=LABEL_MAX),
        help_es=reader.text(item, path, "help_es", limit=HELP_MAX, required=False),
        help_en=reader.text(item, path, "help_en", limit=HELP_MAX, required=False),
        options=_options(reader, path, item, kind),
        department=department.upper() if department else None,
        category=category,
        required=required,
        visibility=visibility or CustomFieldVisibility.CUSTOMERS,
        position=position,
        active=reader.flag(item, path, "active"),
    )


def _key(reader: Reader, path: tuple[PathPart, ...], value: object) -> str:
    try:
        return clean_key(value if isinstance(value, str) else "")
    except ValidationFailed:
        reader.fail(path, '`key` must be lower-case letters, digits and _, e.g. "dominio"')
        return ""


def _options(
    reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any], kind: object
) -> list[dict[str, str]]:
    value = item.get("options")
    where = (*path, "options")
    if kind is not CustomFieldType.SELECT:
        if value is not None:
            reader.fail(where, "only SELECT fields have `options`")
        return []
    shape = '`options` must be 1 to 100 of { key = "pro", label_es = "...", label_en = "..." }'
    if not isinstance(value, list) or not 1 <= len(value) <= OPTIONS_MAX:
        reader.fail(where, shape)
        return []
    options: list[dict[str, str]] = []
    for option in value:
        if not isinstance(option, dict) or set(option) != {"key", "label_es", "label_en"}:
            reader.fail(where, shape)
            continue
        key = _key(reader, where, option["key"])
        labels = [option["label_es"], option["label_en"]]
        if not all(
            isinstance(label, str) and 0 < len(label.strip()) <= LABEL_MAX for label in labels
        ):
            reader.fail(where, f"option labels must be texts of 1 to {LABEL_MAX} characters")
            continue
        if any(seen["key"] == key for seen in options):
            reader.fail(where, f"option `{key}` appears twice")
        options.append(
            {"key": key, "label_es": str(labels[0]).strip(), "label_en": str(labels[1]).strip()}
        )
    return options
