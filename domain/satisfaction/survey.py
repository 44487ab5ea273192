"""The survey's invitation: when a ticket is resolved, the mail telling the requester so
carries one-click rating links (seed 001's "¿Fue útil la respuesta?").

The links carry a token of their own (an AuthToken of kind SATISFACTION, stored as its
sha256 like every token), which rates this one ticket and opens nothing else. It works
`satisfaction_link_days` after the resolution, and at least until the answer it gave can no
longer change; the retention sweep deletes it once expired."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from domain.clock import utcnow
from domain.config import get_settings
from domain.identity.auth import TOKEN_PREFIX, digest
from domain.models import AuthToken, Ticket, TicketRating, TokenKind
from domain.uow import UnitOfWork

# How long after the first answer the requester may still change it (rating and comment).
CHANGE_WINDOW = timedelta(days=7)


def changeable_until(rating: TicketRating) -> datetime:
    return rating.rated_at + CHANGE_WINDOW


async def invitation(uow: UnitOfWork, ticket: Ticket) -> dict[str, object]:
    """What the "resolved" mail needs to show the rating links: a fresh link token and until
    when it works. Nothing when the survey is off or the ticket's answer is final."""
    settings = get_settings()
    if not settings.satisfaction_survey:
        return {}
    now = utcnow()
    answered = await TicketRating.get_or_none(ticket_id=ticket.id, using_db=uow.connection)
    if answered is not None and now > changeable_until(answered):
        return {}  # one answer per ticket: a ticket resolved again keeps its final answer
    raw = TOKEN_PREFIX[TokenKind.SATISFACTION] + secrets.token_urlsafe(32)
    expires_at = now + timedelta(days=settings.satisfaction_link_days)
    await AuthToken.create(
        token_hash=digest(raw),
        kind=TokenKind.SATISFACTION,
        ticket_id=ticket.id,
        expires_at=expires_at,
        using_db=uow.connection,
    )
    return {"rating_token": raw, "rating_until": expires_at.strftime("%Y-%m-%d %H:%M")}


async def delete_expired_links(now: datetime) -> int:
    """Rating links past their time (retention)."""
    return await AuthToken.filter(kind=TokenKind.SATISFACTION, expires_at__lt=now).delete()
