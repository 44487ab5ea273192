"""Relay global IDs (base64 of "Type:id") for every node, decoded safely."""

from __future__ import annotations

import functools
from datetime import datetime

from strawberry import relay

from domain.errors import ValidationFailed
from domain.identity.access import TicketRef, Unchanged
from domain.tickets.tracking import is_tracking_id, normalise_tracking_id

# The largest primary key of a type: ids are 32-bit integers, TicketEvent's 64-bit. A larger
# number names nothing and must not reach the database, which would refuse the parameter.
MAX_PK = 2**31 - 1
_MAX_PK_BY_TYPE = {"TicketEvent": 2**63 - 1, "WebhookDelivery": 2**63 - 1}


def encode_id(type_name: str, pk: int) -> str:
    return str(relay.GlobalID(type_name, str(pk)))


def parse_global_id(value: str) -> tuple[str, int] | None:
    """(type name, primary key) of a well-formed global ID, else None."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    return _parsed(value)


# Global IDs parsed lately, with their answers: a process sees the same few again and again
# (a request's category, service or ticket), and relay's decoding of one is some 170 Python
# opcodes. Bounded, at most 200 characters each: about a megabyte.
PARSED_IDS = 4096


@functools.lru_cache(maxsize=PARSED_IDS)
def _parsed(value: str) -> tuple[str, int] | None:
    try:
        global_id = relay.GlobalID.from_id(value)
    except (ValueError, TypeError):
        return None
    node_id = global_id.node_id
    # Only plain decimal digits: int() would also take " 1", "+1", "1_0" or other scripts' digits.
    if not (node_id.isascii() and node_id.isdigit()):
        return None
    pk = int(node_id)
    if pk > _MAX_PK_BY_TYPE.get(global_id.type_name, MAX_PK):
        return None
    return global_id.type_name, pk


def decode_id(value: str, type_name: str, *, field: str) -> int:
    """The primary key of a global ID of the given type; a clear error otherwise."""
    parsed = parse_global_id(value)
    if parsed is None or parsed[0] != type_name or parsed[1] <= 0:
        raise ValidationFailed(f"{field} is not a valid {type_name} ID.", field=field)
    return parsed[1]


def decode_optional_id(value: str | None, type_name: str, *, field: str) -> int | None:
    return None if value is None else decode_id(value, type_name, field=field)


EXPECTED_UPDATED_AT = (
    "The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing "
    "is written and the answer is a CONFLICT (collision detection)."
)


def decode_ticket_ref(
    value: str, *, field: str, expected_updated_at: datetime | None = None
) -> TicketRef:
    """A ticket as a client names it, reading or writing: its tracking ID or its global ID;
    with the `updatedAt` a writer loaded, for a write refused if the ticket changed since."""
    tracking_id = normalise_tracking_id(value)[:32] if isinstance(value, str) else ""
    ref: int | str = (
        tracking_id if is_tracking_id(tracking_id) else decode_id(value, "Ticket", field=field)
    )
    return ref if expected_updated_at is None else Unchanged(ref, expected_updated_at)
