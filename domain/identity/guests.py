"""Guests (seed 002): a ticket opened by tracking ID + email, and a reminder of tracking IDs.

Brute force and enumeration must not work: an unknown tracking ID and a wrong email give
the same error after the same work, and attempts are limited per client address and per
tracking ID before anything is looked up.
"""

from __future__ import annotations

import hmac
from datetime import timedelta

from tortoise.expressions import Q, Subquery

from domain.email.notifications import notify
from domain.errors import InvalidCredentials
from domain.identity.auth import IssuedToken, issue_token, viewer_for_guest
from domain.identity.ratelimit import Limit, check
from domain.models import Customer, Language, NotificationKind, Ticket, TokenKind
from domain.tickets.tracking import is_tracking_id, normalise_tracking_id
from domain.uow import unit_of_work

GUEST_TTL = timedelta(hours=4)
ADDRESS_LIMIT = Limit("guest-address", attempts=20, window_seconds=60)
TRACKING_ID_LIMIT = Limit("guest-tracking-id", attempts=5, window_seconds=900)
REMINDER_ADDRESS_LIMIT = Limit("reminder-address", attempts=10, window_seconds=3600)
REMINDER_EMAIL_LIMIT = Limit("reminder-email", attempts=3, window_seconds=3600)
MAX_REMINDED = 50
# Compared against when the tracking ID is unknown, so both paths do the same work.
_NO_EMAIL = "no-such-ticket@mesa.invalid"


def _same_email(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.strip().lower().encode(), given.strip().lower().encode())


async def guest_access(*, tracking_id: str, email: str, client_address: str) -> IssuedToken:
    """A token that opens one ticket, for whoever knows its tracking ID and email."""
    tracking_id = normalise_tracking_id(tracking_id)[:32]
    await check(ADDRESS_LIMIT, [client_address])
    await check(TRACKING_ID_LIMIT, [tracking_id])
    # One query on every path (a malformed or unknown ID included), so the answer takes as
    # long whether the tracking ID exists or the email is wrong.
    lookup = tracking_id if is_tracking_id(tracking_id) else ""
    rows = await Ticket.filter(tracking_id=lookup).values("id", "guest_email", "customer__email")
    found = rows[0] if rows else None
    expected = _NO_EMAIL
    if found is not None:
        expected = found["customer__email"] or found["guest_email"] or ""
    matches = _same_email(expected, email)
    if found is None or not matches:
        raise InvalidCredentials(
            "Tracking ID or email is incorrect. / El número de seguimiento o el correo no "
            "son correctos."
        )
    ticket = await Ticket.get(id=found["id"])
    raw, record = await issue_token(TokenKind.GUEST, ticket=ticket, ttl=GUEST_TTL)
    return IssuedToken(raw, record.expires_at, viewer_for_guest(ticket, record.id))


async def remind_tracking_ids(*, email: str, client_address: str) -> None:
    """Email the address the tracking IDs of its tickets; silent when it has none."""
    email = email.strip().lower()[:254]
    await check(REMINDER_ADDRESS_LIMIT, [client_address])
    await check(REMINDER_EMAIL_LIMIT, [email])
    customers = Subquery(Customer.filter(email=email).values("id"))
    tickets = (
        await Ticket.filter(Q(guest_email=email) | Q(customer_id__in=customers))
        .order_by("-created_at")
        .limit(MAX_REMINDED)
        .values_list("tracking_id", flat=True)
    )
    if not tickets:
        return
    customer = await Customer.filter(email=email).first()
    language = customer.language if customer else Language.ES
    async with unit_of_work() as uow:
        await notify(
            uow,
            recipient=email,
            language=language,
            kind=NotificationKind.TRACKING_IDS,
            payload={"tracking_ids": "\n".join(str(t) for t in tickets)},
        )
