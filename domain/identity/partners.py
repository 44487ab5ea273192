"""Partners: API keys shown once and stored hashed, scopes, per-key rate limits, and
idempotent ticket creation on behalf of their customers."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from domain.catalog import audit
from domain.clock import utcnow
from domain.errors import Conflict, DomainError, NotFound, ValidationFailed
from domain.identity.access import CUSTOMERS_WRITE, TICKETS_READ, TICKETS_WRITE, require_admin
from domain.identity.auth import PARTNER_KEY_PREFIX, digest
from domain.identity.ratelimit import Limit, check
from domain.identity.viewer import Viewer
from domain.models import IdempotencyKey, Partner, PartnerKey, Ticket
from domain.tickets import actions
from domain.uow import unit_of_work

SCOPES = frozenset({TICKETS_READ, TICKETS_WRITE, CUSTOMERS_WRITE})
# How long a retry waits for the first call with the same idempotency key to finish.
IDEMPOTENCY_WAIT_SECONDS = 10.0
IDEMPOTENCY_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class IssuedKey:
    key: str  # shown once, never stored
    record: PartnerKey


async def create_partner(*, viewer: Viewer | None, name: str) -> Partner:
    """Register a partner organisation (admins)."""
    viewer = require_admin(viewer)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationFailed("Give the partner a name of up to 200 characters.", field="name")
    async with unit_of_work():
        partner = await Partner.create(name=name)
        await _audit(viewer, "partner.create", partner.id, None, {"name": name})
    return partner


async def _audit(
    viewer: Viewer,
    action: str,
    entity_id: int,
    before: dict[str, object] | None,
    after: dict[str, object],
) -> None:
    await audit.record(
        None,
        actor=viewer,
        action=action,
        entity=action.split(".", 1)[0],
        entity_id=entity_id,
        before=before,
        after=after,
    )


async def create_partner_key(
    *,
    viewer: Viewer | None,
    partner_id: int,
    name: str,
    scopes: list[str],
    requests_per_minute: int = 120,
) -> IssuedKey:
    """Issue an API key with scopes; the key is returned once and only its hash is kept."""
    viewer = require_admin(viewer)
    unknown = sorted(set(scopes) - SCOPES)
    if unknown:
        raise ValidationFailed(f"Unknown scopes: {', '.join(unknown)}.", field="scopes")
    if not 1 <= requests_per_minute <= 10_000:
        raise ValidationFailed("Allow 1 to 10000 requests a minute.", field="requestsPerMinute")
    partner = await Partner.get_or_none(id=partner_id, is_active=True)
    if partner is None:
        raise NotFound("Unknown partner.", field="partnerId")
    raw = PARTNER_KEY_PREFIX + secrets.token_urlsafe(32)
    async with unit_of_work():
        record = await PartnerKey.create(
            partner=partner,
            name=name.strip()[:100] or "API key",
            prefix=raw[: len(PARTNER_KEY_PREFIX) + 6],
            key_hash=digest(raw),
            scopes=sorted(set(scopes)),
            requests_per_minute=requests_per_minute,
        )
        # The prefix identifies the key; the key itself is never written anywhere.
        await _audit(
            viewer,
            "partner_key.create",
            record.id,
            None,
            {
                "partner_id": partner.id,
                "name": record.name,
                "prefix": record.prefix,
                "scopes": record.scopes,
                "requests_per_minute": requests_per_minute,
            },
        )
    return IssuedKey(raw, record)


async def revoke_partner_key(*, viewer: Viewer | None, key_id: int) -> PartnerKey:
    """Revoke an API key at once (admins)."""
    viewer = require_admin(viewer)
    async with unit_of_work():
        revoked = await PartnerKey.filter(id=key_id, revoked_at=None).update(revoked_at=utcnow())
        key = await PartnerKey.get_or_none(id=key_id)
        if key is None:
            raise NotFound("Unknown API key.", field="keyId")
        if revoked:
            await _audit(
                viewer,
                "partner_key.revoke",
                key.id,
                {"revoked_at": None},
                {"revoked_at": audit.plain(key.revoked_at)},
            )
    return key


async def list_partners(*, viewer: Viewer | None) -> list[Partner]:
    """Every partner, with its keys prefetched (admins)."""
    require_admin(viewer)
    return await Partner.all().order_by("id").prefetch_related("keys")


async def count_partner_call(viewer: Viewer | None, calls: int = 1) -> None:
    """Count `calls` operations against the partner key's per-minute allowance."""
    if viewer is None or viewer.partner_key_id is None:
        return
    limit = Limit("partner-key", attempts=viewer.rate_limit, window_seconds=60)
    await check(limit, [str(viewer.partner_key_id)], calls)


async def create_ticket_idempotently(
    *, viewer: Viewer | None, data: actions.NewTicket, idempotency_key: str | None
) -> Ticket:
    """createTicket; for a partner with an idempotency key, every call with the key yields the
    first ticket, also when retries arrive at the same moment (the unique key decides)."""
    if viewer is None or not viewer.is_partner or not idempotency_key:
        return await actions.create_ticket(viewer=viewer, data=data)
    key = idempotency_key.strip()
    if not 1 <= len(key) <= 200:
        raise ValidationFailed("Use an idempotency key of 1 to 200 characters.", field="key")
    assert viewer.partner_id is not None
    try:
        reservation = await IdempotencyKey.create(partner_id=viewer.partner_id, key=key)
    except IntegrityError:
        return await _first_ticket(viewer.partner_id, key)
    try:
        ticket = await actions.create_ticket(viewer=viewer, data=data)
    except DomainError:
        # Nothing was created: free the key so a corrected retry can use it.
        await IdempotencyKey.filter(id=reservation.id, ticket_id=None).delete()
        raise
    await IdempotencyKey.filter(id=reservation.id).update(ticket_id=ticket.id)
    return ticket


async def _first_ticket(partner_id: int, key: str) -> Ticket:
    waited = 0.0
    while waited < IDEMPOTENCY_WAIT_SECONDS:
        row = await IdempotencyKey.get_or_none(partner_id=partner_id, key=key)
        if row is None:
            raise Conflict("The first call with this idempotency key failed; retry it.")
        if row.ticket_id is not None:
            return await Ticket.get(id=row.ticket_id)
        await asyncio.sleep(IDEMPOTENCY_POLL_SECONDS)
        waited += IDEMPOTENCY_POLL_SECONDS
    raise Conflict("The first call with this idempotency key is still running; retry later.")
