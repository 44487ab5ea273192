"""Retried creates create once: a client sends an idempotency key with a create, and every call
with that key (from the same viewer) gets what the first call created.

The first call reserves the key (a unique row per viewer and key, so of two concurrent calls
one wins), runs the action, and records the id of what it made. A retry with the same key and
the same inputs waits for that id and returns what it names; with other inputs it is a
CONFLICT, never the first result. A first call that failed with an expected error frees the
key, so a corrected retry may use it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from tortoise.exceptions import IntegrityError

from domain.clock import utcnow
from domain.errors import Conflict, DomainError, ValidationFailed
from domain.identity.viewer import Viewer
from domain.models import IdempotentRequest

T = TypeVar("T")
MAX_KEY_LENGTH = 200
# How long a retry waits for the first call with its key to finish.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05
# A reservation this old without a result belongs to a call that died before recording it:
# the next retry takes the key over (only a crash between commit and record duplicates).
ABANDONED_AFTER = timedelta(minutes=2)

DIFFERENT_REQUEST = (
    "This idempotency key was already used for a different request: use a new key for a new "
    "request. / Esta clave de idempotencia ya se usó para otra solicitud: use una clave nueva "
    "para una solicitud nueva."
)
STILL_RUNNING = (
    "The first call with this idempotency key is still running; retry later. / La primera "
    "llamada con esta clave de idempotencia aún está en curso; reintente más tarde."
)


# Keys of requests without a viewer (a guest's web form) are scoped by what the request names
# (the guest's email): anyone may send that, so such a key must be too long to guess.
ANONYMOUS_PREFIX = "anonymous:"
ANONYMOUS_MIN_KEY_LENGTH = 16


def scope_of(viewer: Viewer) -> str | None:
    """Whose keys: a partner's (all its API keys), a person's, or a guest pass's."""
    who = viewer.partner_id or viewer.staff_id or viewer.customer_id or viewer.token_id
    return None if who is None else f"{viewer.kind.value}:{who}"


def anonymous_scope(identity: str) -> str:
    """The scope of keys sent without a viewer on behalf of `identity` (a normalised email):
    a digest, so the table holds no address and the scope fits its column."""
    return ANONYMOUS_PREFIX + hashlib.sha256(identity.encode()).hexdigest()[:40]


def fingerprint(operation: str, inputs: object) -> str:
    text = json.dumps([operation, inputs], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


async def run_once(
    *,
    scope: str | None,
    key: str | None,
    operation: str,
    inputs: object,
    action: Callable[[], Awaitable[T]],
    created_id: Callable[[T], int],
    load: Callable[[int], Awaitable[T]],
) -> T:
    """Run `action` once per scope (whose keys, see scope_of) and key; `inputs` (JSON-able)
    identify the request (None may stand for them when there is no key: most have none)."""
    if key is None or scope is None:
        return await action()
    key = key.strip()
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise ValidationFailed(
            f"Use an idempotency key of 1 to {MAX_KEY_LENGTH} characters. / Use una clave de "
            f"idempotencia de 1 a {MAX_KEY_LENGTH} caracteres.",
            field="idempotencyKey",
        )
    if scope.startswith(ANONYMOUS_PREFIX) and len(key) < ANONYMOUS_MIN_KEY_LENGTH:
        raise ValidationFailed(
            f"Without signing in, use an idempotency key of at least {ANONYMOUS_MIN_KEY_LENGTH} "
            "random characters (a UUID). / Sin iniciar sesión, use una clave de idempotencia "
            f"de al menos {ANONYMOUS_MIN_KEY_LENGTH} caracteres aleatorios (un UUID).",
            field="idempotencyKey",
        )
    print_ = fingerprint(operation, inputs)
    reservation = await _reserve(scope, key, operation, print_)
    if reservation is None:
        return await load(await _first_result(scope, key, operation, print_))
    try:
        result = await action()
    except DomainError:
        await IdempotentRequest.filter(id=reservation.id, result_id=None).delete()
        raise
    await IdempotentRequest.filter(id=reservation.id).update(result_id=created_id(result))
    return result


async def _reserve(scope: str, key: str, operation: str, print_: str) -> IdempotentRequest | None:
    """The new reservation, or None when the key is taken (also taking over an abandoned one)."""
    try:
        return await IdempotentRequest.create(
            scope=scope, key=key, operation=operation, fingerprint=print_
        )
    except IntegrityError:
        pass
    abandoned = await IdempotentRequest.filter(
        scope=scope,
        key=key,
        fingerprint=print_,
        result_id=None,
        created_at__lt=utcnow() - ABANDONED_AFTER,
    ).delete()
    if abandoned:
        return await _reserve(scope, key, operation, print_)
    return None


async def _first_result(scope: str, key: str, operation: str, print_: str) -> int:
    waited = 0.0
    while waited < WAIT_SECONDS:
        row = await IdempotentRequest.get_or_none(scope=scope, key=key)
        if row is None:
            raise Conflict(
                "The first call with this idempotency key failed; retry it. / La primera "
                "llamada con esta clave de idempotencia falló; reinténtela.",
                field="idempotencyKey",
            )
        # An empty fingerprint: a key kept from before fingerprints (migration 0009).
        if row.operation != operation or row.fingerprint not in (print_, ""):
            raise Conflict(DIFFERENT_REQUEST, field="idempotencyKey")
        if row.result_id is not None:
            return row.result_id
        await asyncio.sleep(POLL_SECONDS)
        waited += POLL_SECONDS
    raise Conflict(STILL_RUNNING, field="idempotencyKey")
