"""Partners: API keys shown once and stored hashed, scopes and per-key rate limits (retried
creates are domain.idempotency's, for every viewer)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from domain.catalog import audit
from domain.clock import utcnow
from domain.errors import NotFound, ValidationFailed
from domain.identity.access import CUSTOMERS_WRITE, TICKETS_READ, TICKETS_WRITE, require_admin
from domain.identity.auth import PARTNER_KEY_PREFIX, digest
from domain.identity.ratelimit import Limit, check
from domain.identity.viewer import Viewer
from domain.models import Partner, PartnerKey
from domain.uow import unit_of_work

SCOPES = frozenset({TICKETS_READ, TICKETS_WRITE, CUSTOMERS_WRITE})


@dataclass(frozen=True)
class IssuedKey:
    # Shown once, never stored: None for a retried create (api.core.idempotency), which
    # names the key the first call made but cannot show its secret again.
    key: str | None
    record: PartnerKey


async def issued_key_again(key_id: int) -> IssuedKey:
    """What a retried createPartnerKey gets: the first key, without its secret. The secret
    is not kept, and making a new one would break whoever received the first answer: a
    client that lost it revokes this key and creates another."""
    return IssuedKey(key=None, record=await PartnerKey.get(id=key_id))


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
