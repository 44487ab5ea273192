"""Passwords, logins and bearer tokens."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.clock import utcnow
from domain.config import get_settings
from domain.errors import InvalidCredentials, Unauthenticated
from domain.models import AuthToken, Customer, Staff, TokenKind
from domain.viewer import Viewer, ViewerKind

_hasher = PasswordHasher()
# Verified against when the login name is unknown, so both paths cost one argon2 check.
_DUMMY_HASH = _hasher.hash("mesa-dummy-password")
TOKEN_PREFIX = {TokenKind.CUSTOMER: "mesa_c_", TokenKind.STAFF: "mesa_s_"}


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    viewer: Viewer


def hash_password(password: str) -> str:
    return _hasher.hash(password)


async def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return await asyncio.to_thread(_hasher.verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def viewer_for_staff(staff: Staff, token_id: int | None = None) -> Viewer:
    department_ids = await staff.departments.all().values_list("id", flat=True)
    return Viewer(
        kind=ViewerKind.STAFF,
        name=staff.name,
        language=staff.language,
        staff_id=staff.id,
        role=staff.role,
        department_ids=frozenset(int(str(d)) for d in department_ids),
        token_id=token_id,
    )


def viewer_for_customer(customer: Customer, token_id: int | None = None) -> Viewer:
    return Viewer(
        kind=ViewerKind.CUSTOMER,
        name=customer.name,
        language=customer.language,
        customer_id=customer.id,
        token_id=token_id,
    )


async def _issue(
    kind: TokenKind, *, customer: Customer | None = None, staff: Staff | None = None
) -> tuple[str, AuthToken]:
    raw = TOKEN_PREFIX[kind] + secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(hours=get_settings().token_ttl_hours)
    record = await AuthToken.create(
        token_hash=_digest(raw), kind=kind, customer=customer, staff=staff, expires_at=expires_at
    )
    return raw, record


async def login_customer(*, client_number: str, password: str) -> IssuedToken:
    """Log a customer in with client number and password; any mismatch is the same error."""
    customer = await Customer.get_or_none(client_number=client_number.strip().upper())
    matches = await _password_matches(customer.password_hash if customer else _DUMMY_HASH, password)
    if customer is None or not matches or not customer.is_active:
        raise InvalidCredentials("Client number or password is incorrect.")
    raw, record = await _issue(TokenKind.CUSTOMER, customer=customer)
    return IssuedToken(raw, record.expires_at, viewer_for_customer(customer, record.id))


async def login_staff(*, email: str, password: str) -> IssuedToken:
    """Log a staff member in with email and password."""
    staff = await Staff.get_or_none(email=email.strip().lower())
    matches = await _password_matches(staff.password_hash if staff else _DUMMY_HASH, password)
    if staff is None or not matches or not staff.is_active:
        raise InvalidCredentials("Email or password is incorrect.")
    raw, record = await _issue(TokenKind.STAFF, staff=staff)
    return IssuedToken(raw, record.expires_at, await viewer_for_staff(staff, record.id))


async def authenticate(token: str) -> Viewer:
    """Resolve a bearer token to its viewer; raise Unauthenticated saying why it is refused."""
    if not token.startswith(tuple(TOKEN_PREFIX.values())) or len(token) > 200:
        raise Unauthenticated("The access token is malformed.")
    record = await AuthToken.get_or_none(token_hash=_digest(token)).prefetch_related(
        "customer", "staff"
    )
    if record is None:
        raise Unauthenticated("The access token is not recognised.")
    if record.revoked_at is not None:
        raise Unauthenticated("The access token has been revoked.")
    if record.expires_at <= utcnow():
        raise Unauthenticated("The access token has expired.")
    if record.kind is TokenKind.CUSTOMER and record.customer and record.customer.is_active:
        return viewer_for_customer(record.customer, record.id)
    if record.kind is TokenKind.STAFF and record.staff and record.staff.is_active:
        return await viewer_for_staff(record.staff, record.id)
    raise Unauthenticated("The account behind this token is disabled.")


async def revoke_token(token_id: int) -> None:
    await AuthToken.filter(id=token_id, revoked_at=None).update(revoked_at=utcnow())


async def customer_of(issued: IssuedToken) -> Customer:
    return await Customer.get(id=issued.viewer.customer_id)


async def staff_of(issued: IssuedToken) -> Staff:
    return await Staff.get(id=issued.viewer.staff_id)
