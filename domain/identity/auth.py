"""Passwords, logins and bearer tokens."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.catalog import cache as catalogue_cache
from domain.clock import utcnow
from domain.config import get_settings
from domain.errors import InvalidCredentials, Unauthenticated
from domain.identity.ratelimit import Lockout, attempt_against, failed, guard, succeeded
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import (
    AuthToken,
    Customer,
    Department,
    Language,
    PartnerKey,
    Staff,
    StaffRole,
    Ticket,
    TokenKind,
)
from domain.prepared import Prepared

_hasher = PasswordHasher()
# Verified against when the login name is unknown, so both paths cost one argon2 check.
_DUMMY_HASH = _hasher.hash("mesa-dummy-password")
TOKEN_PREFIX = {
    TokenKind.CUSTOMER: "mesa_c_",
    TokenKind.STAFF: "mesa_s_",
    TokenKind.GUEST: "mesa_g_",
    TokenKind.PASSWORD_RESET: "mesa_r_",
    TokenKind.GUEST_CONFIRM: "mesa_gc_",
    TokenKind.SATISFACTION: "mesa_sr_",
}
PARTNER_KEY_PREFIX = "mesa_pk_"
# Sessions a bearer header may carry; a password-reset token is for resetPassword only.
SESSION_KINDS = (TokenKind.CUSTOMER, TokenKind.STAFF, TokenKind.GUEST)
# Guesses at one account from one address: 5 free, then each waits 1 s, 2 s, 4 s, … 15 min.
# Keyed by account and address together, so a stranger's guesses never lock the owner out.
LOGIN_LOCKOUT = Lockout("login", free_failures=5, max_delay_seconds=900, window_seconds=3600)
# Wrong passwords from one address at any accounts (password spraying); correct ones, from
# behind a shared proxy or office, do not count.
LOGIN_ADDRESS_LOCKOUT = Lockout(
    "login-address", free_failures=50, max_delay_seconds=900, window_seconds=900
)


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    viewer: Viewer


def hash_password(password: str) -> str:
    return _hasher.hash(password)


async def password_matches(password_hash: str, password: str) -> bool:
    try:
        return await asyncio.to_thread(_hasher.verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def viewer_for_staff(staff: Staff, token_id: int | None = None) -> Viewer:
    return await _staff_viewer(staff.id, staff.name, staff.language, staff.role, token_id)


async def _staff_viewer(
    staff_id: int, name: str, language: Language, role: StaffRole, token_id: int | None
) -> Viewer:
    department_ids = await catalogue_cache.cached(
        "staff_departments", staff_id, lambda: _department_ids(staff_id)
    )
    return Viewer(
        kind=ViewerKind.STAFF,
        name=name,
        language=language,
        saved_language=language,
        staff_id=staff_id,
        role=role,
        department_ids=department_ids,
        token_id=token_id,
    )


async def _department_ids(staff_id: int) -> frozenset[int]:
    """A staff member's departments: read with the catalogue's cache (its stamp advances when
    they change, migration 0029), so a staff member's request reads only its token."""
    found = await Department.filter(staff__id=staff_id).values_list("id", flat=True)
    return frozenset(int(str(department_id)) for department_id in found)


def viewer_for_customer(customer: Customer, token_id: int | None = None) -> Viewer:
    return _customer_viewer(customer.id, customer.name, customer.email, customer.language, token_id)


def _customer_viewer(
    customer_id: int, name: str, email: str, language: Language, token_id: int | None
) -> Viewer:
    return Viewer(
        kind=ViewerKind.CUSTOMER,
        name=name,
        language=language,
        saved_language=language,
        customer_id=customer_id,
        email=email,
        token_id=token_id,
    )


def session_customer(viewer: Viewer) -> Customer | None:
    """A customer viewer's own customer, as their session read it with the token: its id,
    name, email and language, without a read of its own. A partial row, which Tortoise will
    not save whole. None for other viewers, and for one made without its customer's email."""
    if not viewer.is_customer or viewer.customer_id is None or not viewer.email:
        return None
    return Customer._init_from_db(
        id=viewer.customer_id,
        name=viewer.name,
        email=viewer.email,
        language=viewer.saved_language or viewer.language,
        is_active=True,
    )


def viewer_for_guest(ticket: Ticket, token_id: int | None = None) -> Viewer:
    return _guest_viewer(
        ticket.id, ticket.guest_name, ticket.guest_email, ticket.guest_language, token_id
    )


def _guest_viewer(
    ticket_id: int,
    name: str | None,
    email: str | None,
    language: Language | None,
    token_id: int | None,
) -> Viewer:
    return Viewer(
        kind=ViewerKind.GUEST,
        name=name or email or "",
        language=language or Language.ES,
        saved_language=language,
        ticket_id=ticket_id,
        customer_id=None,
        token_id=token_id,
    )


async def issue_token(
    kind: TokenKind,
    *,
    customer: Customer | None = None,
    staff: Staff | None = None,
    ticket: Ticket | None = None,
    ttl: timedelta | None = None,
) -> tuple[str, AuthToken]:
    raw = TOKEN_PREFIX[kind] + secrets.token_urlsafe(32)
    expires_at = utcnow() + (ttl or timedelta(hours=get_settings().token_ttl_hours))
    record = await AuthToken.create(
        token_hash=digest(raw),
        kind=kind,
        customer=customer,
        staff=staff,
        ticket=ticket,
        expires_at=expires_at,
    )
    return raw, record


async def login_customer(
    *, client_number: str, password: str, client_address: str = ""
) -> IssuedToken:
    """Log a customer in with client number and password; any mismatch is the same error."""
    # Counted per client number whether or not it exists, so the limit is no oracle either.
    account = f"customer:{client_number.strip().upper()[:32]}"
    async with _login_attempt(account, client_address) as attempt:
        customer = await Customer.get_or_none(client_number=client_number.strip().upper())
        hashed = customer.password_hash if customer else _DUMMY_HASH
        matches = await password_matches(hashed, password)
        if customer is None or not matches or not customer.is_active:
            raise InvalidCredentials("Client number or password is incorrect.")
        attempt.succeeded = True
    raw, record = await issue_token(TokenKind.CUSTOMER, customer=customer)
    return IssuedToken(raw, record.expires_at, viewer_for_customer(customer, record.id))


async def login_staff(*, email: str, password: str, client_address: str = "") -> IssuedToken:
    """Log a staff member in with email and password."""
    async with _login_attempt(f"staff:{email.strip().lower()[:254]}", client_address) as attempt:
        staff = await Staff.get_or_none(email=email.strip().lower())
        matches = await password_matches(staff.password_hash if staff else _DUMMY_HASH, password)
        if staff is None or not matches or not staff.is_active:
            raise InvalidCredentials("Email or password is incorrect.")
        attempt.succeeded = True
    raw, record = await issue_token(TokenKind.STAFF, staff=staff)
    return IssuedToken(raw, record.expires_at, await viewer_for_staff(staff, record.id))


@dataclass
class _Attempt:
    succeeded: bool = False


@asynccontextmanager
async def _login_attempt(account: str, client_address: str) -> AsyncIterator[_Attempt]:
    """One password guess: refused while its account-and-address pair (or its address) waits
    out a delay; counted before the check, so concurrent guesses all count; a success clears
    the pair's count, a failure also counts against the address."""
    pair = [f"{account}|{client_address}"]
    await guard(LOGIN_ADDRESS_LOCKOUT, [client_address])
    await attempt_against(LOGIN_LOCKOUT, pair)
    attempt = _Attempt()
    try:
        yield attempt
    finally:
        if attempt.succeeded:
            await succeeded(LOGIN_LOCKOUT, pair)
        else:
            await failed(LOGIN_ADDRESS_LOCKOUT, [client_address])


# What a session's viewer is made of: the token and its holder's few columns, read in one
# statement as plain values (every request pays for it; no model of three wide rows).
_SESSION_COLUMNS = (
    "id",
    "kind",
    "revoked_at",
    "expires_at",
    "customer_id",
    "customer__name",
    "customer__email",
    "customer__language",
    "customer__is_active",
    "staff_id",
    "staff__name",
    "staff__language",
    "staff__role",
    "staff__is_active",
    "ticket_id",
    "ticket__guest_name",
    "ticket__guest_email",
    "ticket__guest_language",
)


async def authenticate(token: str) -> Viewer:
    """Resolve a bearer token to its viewer; raise Unauthenticated saying why it is refused."""
    if token.startswith(PARTNER_KEY_PREFIX) and len(token) <= 200:
        return await authenticate_partner(token)
    _check_form(token)
    row = await _session_row(token_hash=digest(token))
    if row is None:
        raise Unauthenticated("The access token is not recognised.")
    _check_live(row["revoked_at"], row["expires_at"])
    if "catalogue_stamp" in row:
        catalogue_cache.note_stamp(row["catalogue_stamp"])
    return await _session_viewer(row)


# Run by every request: its SQL is built once (domain.prepared), not per call.
# It also reads the catalogue's stamp, which the request's cached lookups go by.
_SESSION_BY_HASH = Prepared(
    lambda token_hash: (
        AuthToken.filter(token_hash=token_hash)
        .limit(1)
        .annotate(catalogue_stamp=catalogue_cache.stamp_subquery())
        .values(*_SESSION_COLUMNS, "catalogue_stamp")
    ),
    arity=1,
)


async def _session_row(**where: Any) -> dict[str, Any] | None:
    if list(where) == ["token_hash"]:
        found = await _SESSION_BY_HASH.fetch(where["token_hash"])
    else:
        found = await AuthToken.filter(**where).limit(1).values(*_SESSION_COLUMNS)
    return found[0] if found else None


async def _session_viewer(row: dict[str, Any]) -> Viewer:
    kind, token_id = row["kind"], row["id"]
    if kind not in SESSION_KINDS:
        raise Unauthenticated("This token is not an access token.")
    if kind is TokenKind.CUSTOMER and row["customer__is_active"]:
        return _customer_viewer(
            row["customer_id"],
            row["customer__name"],
            row["customer__email"],
            row["customer__language"],
            token_id,
        )
    if kind is TokenKind.STAFF and row["staff__is_active"]:
        return await _staff_viewer(
            row["staff_id"],
            row["staff__name"],
            row["staff__language"],
            row["staff__role"],
            token_id,
        )
    if kind is TokenKind.GUEST and row["ticket_id"] is not None:
        return _guest_viewer(
            row["ticket_id"],
            row["ticket__guest_name"],
            row["ticket__guest_email"],
            row["ticket__guest_language"],
            token_id,
        )
    raise Unauthenticated("The account behind this token is disabled.")


async def authenticate_partner(raw: str) -> Viewer:
    """Resolve a partner's API key to its viewer."""
    key = await PartnerKey.get_or_none(key_hash=digest(raw)).prefetch_related("partner")
    if key is None:
        raise Unauthenticated("The API key is not recognised.")
    if key.revoked_at is not None:
        raise Unauthenticated("The API key has been revoked.")
    if not key.partner.is_active:
        raise Unauthenticated("The account behind this token is disabled.")
    return _partner_viewer(key)


def _partner_viewer(key: PartnerKey) -> Viewer:
    return Viewer(
        kind=ViewerKind.PARTNER,
        name=key.partner.name,
        partner_id=key.partner_id,
        scopes=frozenset(key.scopes),
        partner_key_id=key.id,
        rate_limit=key.requests_per_minute,
    )


async def find_token(token: str) -> AuthToken:
    """The live token record behind a raw token, or Unauthenticated saying why not."""
    _check_form(token)
    # One statement: the holder (customer, staff member or guest ticket) joined in.
    record = await AuthToken.get_or_none(token_hash=digest(token)).select_related(
        "customer", "staff", "ticket"
    )
    if record is None:
        raise Unauthenticated("The access token is not recognised.")
    _check_live(record.revoked_at, record.expires_at)
    return record


def _check_form(token: str) -> None:
    if not token.startswith(tuple(TOKEN_PREFIX.values())) or len(token) > 200:
        raise Unauthenticated("The access token is malformed.")


def _check_live(revoked_at: datetime | None, expires_at: datetime) -> None:
    if revoked_at is not None:
        raise Unauthenticated("The access token has been revoked.")
    if expires_at <= utcnow():
        raise Unauthenticated("The access token has expired.")


async def revoke_token(token_id: int) -> None:
    await AuthToken.filter(id=token_id, revoked_at=None).update(revoked_at=utcnow())


async def logout(*, viewer: Viewer | None) -> None:
    """End the session behind the viewer's token."""
    if viewer is None or viewer.token_id is None:
        # Partners have no session: an administrator revokes their API key.
        raise Unauthenticated("Log in to do this.")
    await revoke_token(viewer.token_id)


async def customer_of(issued: IssuedToken) -> Customer:
    return await Customer.get(id=issued.viewer.customer_id)


async def staff_of(issued: IssuedToken) -> Staff:
    return await Staff.get(id=issued.viewer.staff_id)


async def viewer_of_holder(holder: str) -> Viewer:
    """The viewer behind `t:<session id>` or `k:<partner key id>` (what a signed link names),
    if that session or key is still live."""
    kind, _, raw_id = holder.partition(":")
    if not raw_id.isdigit():
        raise Unauthenticated("The link names no session.")
    if kind == "k":
        key = await PartnerKey.get_or_none(id=int(raw_id)).prefetch_related("partner")
        if key is None or key.revoked_at is not None or not key.partner.is_active:
            raise Unauthenticated("The API key has been revoked.")
        return _partner_viewer(key)
    row = await _session_row(id=int(raw_id)) if kind == "t" else None
    if row is None or row["revoked_at"] is not None:
        raise Unauthenticated("The session has ended.")
    _check_live(None, row["expires_at"])
    return await _session_viewer(row)
