"""Relay global IDs (base64 of "Type:id") for every node, decoded safely."""

from __future__ import annotations

from strawberry import relay

from domain.errors import ValidationFailed


def encode_id(type_name: str, pk: int) -> str:
    return str(relay.GlobalID(type_name, str(pk)))


def parse_global_id(value: str) -> tuple[str, int] | None:
    """(type name, primary key) of a well-formed global ID, else None."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        global_id = relay.GlobalID.from_id(value)
        return global_id.type_name, int(global_id.node_id)
    except (ValueError, TypeError):
        return None


def decode_id(value: str, type_name: str, *, field: str) -> int:
    """The primary key of a global ID of the given type; a clear error otherwise."""
    parsed = parse_global_id(value)
    if parsed is None or parsed[0] != type_name or parsed[1] <= 0:
        raise ValidationFailed(f"{field} is not a valid {type_name} ID.", field=field)
    return parsed[1]


def decode_optional_id(value: str | None, type_name: str, *, field: str) -> int | None:
    return None if value is None else decode_id(value, type_name, field=field)
