"""Blocked senders (Zammad's and FreeScout's "block sender"): an address, or every address
of a domain and its subdomains, whose later mail is dropped before it becomes a ticket or a
reply (recorded with the reason, never answered nor bounced: a bounce to a forged sender is
backscatter) and whose guests cannot open web tickets.

Any agent may block, as in Zammad and FreeScout, where spam is handled by whoever meets it;
unblocking is for the agent who blocked and for supervisors and admins. Every block and
unblock is in the audit log."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from tortoise.expressions import Q

from domain.catalog import audit
from domain.clock import utcnow
from domain.config import get_settings
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.models import BlockedSender, BlockKind
from domain.pagination import Direction, Page, Position, keyset_page
from domain.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

REASON_MAX = 500
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_FIELDS = ("kind", "address", "reason")


@dataclass(frozen=True)
class Block:
    address: str | None = None
    domain: str | None = None
    reason: str = ""


def _own_domains() -> set[str]:
    settings = get_settings()
    addresses = [*settings.support_address_list, settings.mail_from]
    return {a.rpartition("@")[2].strip(" >").lower() for a in addresses if "@" in a}


def normalise(block: Block) -> tuple[BlockKind, str]:
    """The kind and the lower-case address or domain a block names; refuses our own."""
    if (block.address is None) == (block.domain is None):
        raise ValidationFailed(
            "Give an address or a domain, not both. / Indique una dirección o un dominio, no "
            "ambos.",
            field="address",
        )
    if block.address is not None:
        try:
            value = validate_email(block.address.strip(), check_deliverability=False).normalized
        except EmailNotValidError:
            raise ValidationFailed(
                "Give a valid email address. / Escriba un correo válido.", field="address"
            ) from None
        kind, value, domain = BlockKind.ADDRESS, value.lower(), value.rpartition("@")[2].lower()
    else:
        value = (block.domain or "").strip().lstrip("@").rstrip(".").lower()
        if not _DOMAIN.match(value):
            raise ValidationFailed(
                "Give a domain such as example.com. / Indique un dominio como example.com.",
                field="domain",
            )
        kind, domain = BlockKind.DOMAIN, value
    own = _own_domains()
    if domain in own or any(
        domain.endswith(f".{mine}") or mine.endswith(f".{domain}") for mine in own
    ):
        raise ValidationFailed(
            "The desk's own addresses cannot be blocked. / No se pueden bloquear las "
            "direcciones del propio soporte.",
            field="domain" if kind is BlockKind.DOMAIN else "address",
        )
    return kind, value


def _clean_reason(reason: str) -> str:
    reason = " ".join(reason.replace("\x00", "").split())
    if not reason or len(reason) > REASON_MAX:
        raise ValidationFailed(
            f"Give a reason (1 to {REASON_MAX} characters). / Indique un motivo (1 a "
            f"{REASON_MAX} caracteres).",
            field="reason",
        )
    return reason


async def block_sender(*, viewer: Viewer | None, block: Block) -> BlockedSender:
    """Block an address or a domain (staff); blocking it again keeps the first block."""
    viewer = require_staff(viewer)
    kind, value = normalise(block)
    reason = _clean_reason(block.reason)
    async with unit_of_work() as uow:
        return await _block(uow, viewer, kind, value, reason)


async def block_in(uow: UnitOfWork, viewer: Viewer, address: str, *, reason: str) -> None:
    """Block one address in the caller's transaction (marking a ticket spam); an address
    that cannot be blocked (our own, malformed) is left alone."""
    try:
        kind, value = normalise(Block(address=address))
    except ValidationFailed:
        logger.info("not blocking %r: not a blockable address", address)
        return
    await _block(uow, viewer, kind, value, reason)


async def _block(
    uow: UnitOfWork, viewer: Viewer, kind: BlockKind, value: str, reason: str
) -> BlockedSender:
    existing = await BlockedSender.get_or_none(address=value, using_db=uow.connection)
    if existing is not None:
        return existing
    row = await BlockedSender.create(
        kind=kind,
        address=value,
        reason=reason,
        blocked_by_id=viewer.staff_id,
        created_at=utcnow(),
        using_db=uow.connection,
    )
    await audit.record(
        uow.connection,
        actor=viewer,
        action="blocked_sender.create",
        entity="blocked_sender",
        entity_id=row.id,
        before=None,
        after=audit.snapshot(row, _FIELDS),
    )
    return row


async def unblock_sender(*, viewer: Viewer | None, blocked_sender_id: int) -> None:
    """Lift a block: the agent who made it, supervisors and admins."""
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        row = (
            await BlockedSender.filter(id=blocked_sender_id)
            .using_db(uow.connection)
            .select_for_update()
            .first()
        )
        if row is None:
            raise NotFound(
                "Blocked sender not found. / Remitente bloqueado no encontrado.",
                field="blockedSenderId",
            )
        if not viewer.sees_every_department and row.blocked_by_id != viewer.staff_id:
            raise NotAllowed(
                "Only who blocked it, a supervisor or an admin can unblock a sender. / Solo "
                "quien lo bloqueó, un supervisor o un administrador puede desbloquearlo.",
                field="blockedSenderId",
            )
        before = audit.snapshot(row, _FIELDS)
        await row.delete(using_db=uow.connection)
        await audit.record(
            uow.connection,
            actor=viewer,
            action="blocked_sender.delete",
            entity="blocked_sender",
            entity_id=blocked_sender_id,
            before=before,
            after=None,
        )


async def list_blocked_senders(
    *,
    viewer: Viewer | None,
    search: str | None = None,
    first: int | None = None,
    after: Position | None = None,
) -> Page[BlockedSender]:
    """Blocked addresses and domains, newest first (staff)."""
    require_staff(viewer)
    query = BlockedSender.all()
    if search and search.strip():
        query = query.filter(address__contains=search.strip().lower()[:254])
    return await keyset_page(
        query, sort_field="id", direction=Direction.DESC, first=first, after=after
    )


def _candidates(address: str) -> tuple[str, list[str]]:
    """The address itself and every domain it belongs to (mail.example.com, example.com)."""
    address = address.strip().lower()
    labels = address.rpartition("@")[2].split(".")
    return address, [".".join(labels[i:]) for i in range(len(labels) - 1)]


async def blocked(address: str | None, connection: object = None) -> BlockedSender | None:
    """The block an address falls under, if any (by address, or by its domain)."""
    if not address or "@" not in address:
        return None
    whole, domains = _candidates(address)
    query = BlockedSender.filter(
        Q(kind=BlockKind.ADDRESS, address=whole) | Q(kind=BlockKind.DOMAIN, address__in=domains)
    )
    if connection is not None:
        query = query.using_db(connection)  # type: ignore[arg-type]
    return await query.order_by("id").first()
