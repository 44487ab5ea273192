"""The one rule of every create mutation: a retry with an idempotency key gets the first result.

Each mutation that creates something (every `create…`, the `save…` ones when no id is given,
`addService`, `replyToTicket`, `logContact`) takes `idempotencyKey` in its input (or as an
argument when it has no input object), falls back to the `Idempotency-Key` header, and runs its
domain action through `create_once`: the key is scoped to the viewer, the request is identified
by everything else it sent, and the same key with other inputs is a typed CONFLICT
(domain.idempotency). A test walks the schema so that no create forgets the field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from typing import Any, TypeVar

import strawberry

from api.core.context import Info
from domain.idempotency import anonymous_scope, run_once, scope_of

T = TypeVar("T")
KEY_FIELD = "idempotency_key"
HEADER = "idempotency-key"
DESCRIPTION = (
    "Any viewer: retries with the same key return the first {what} (the same key with other "
    "inputs is a CONFLICT). The `Idempotency-Key` header works too."
)


def idempotency_key_field(what: str) -> Any:
    """The `idempotencyKey` input field of a create."""
    return strawberry.field(default=None, description=DESCRIPTION.format(what=what))


def idempotency_key_argument(what: str) -> Any:
    """The `idempotencyKey` argument of a create without an input object."""
    return strawberry.argument(description=DESCRIPTION.format(what=what))


def _row_id(row: Any) -> int:
    return int(row.id)


async def create_once(
    info: Info,
    inputs: object,
    create: Callable[[], Awaitable[T]],
    load: Callable[[int], Awaitable[T]],
    *,
    created_id: Callable[[T], int] = _row_id,
    anonymous_as: str | None = None,
) -> T:
    """Run `create` once per viewer and idempotency key; a retry gets `load(first id)`.

    `inputs` is what the client sent (the input object, or a mapping of the arguments), the key
    among it. Without a viewer, keys count only when the request names whom it is for
    (`anonymous_as`, e.g. a guest's normalised email)."""
    key = _given_key(inputs) or info.context.header(HEADER)
    viewer = info.context.viewer
    if viewer is not None:
        scope = scope_of(viewer)
    else:
        scope = None if anonymous_as is None else anonymous_scope(anonymous_as)
    return await run_once(
        scope=scope,
        key=key,
        operation=info.field_name,
        # The request's fingerprint, made only when a key asks for it (most requests have none).
        inputs=None if key is None else _plain(inputs),
        action=create,
        created_id=created_id,
        load=load,
    )


def _given_key(inputs: object) -> str | None:
    value = inputs.get(KEY_FIELD) if isinstance(inputs, Mapping) else getattr(inputs, KEY_FIELD)
    return value if isinstance(value, str) else None


def _plain(value: object) -> Any:
    """What a request sent, as JSON-able values, without its key: the request's fingerprint."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if k != KEY_FIELD}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "filename"):
        # An uploaded file: what the client sent, not where this process put it.
        return [getattr(value, "filename", None), getattr(value, "size", None)]
    return str(value)
