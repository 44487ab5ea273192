"""Password rules, recovery and change for customers and staff: single-use expiring codes sent
by email."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.clock import utcnow
from domain.email.notifications import notify
from domain.errors import InvalidCredentials, Unauthenticated, ValidationFailed
from domain.identity.auth import find_token, hash_password, issue_token, password_matches
from domain.identity.ratelimit import Limit, Lockout, attempt_against, check, succeeded
from domain.identity.viewer import Viewer
from domain.models import AuthToken, Customer, NotificationKind, Staff, TokenKind
from domain.uow import UnitOfWork, unit_of_work

RESET_TTL = timedelta(minutes=30)
# A welcome mail may wait in an inbox over a long weekend before it is read.
WELCOME_TTL = timedelta(days=7)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
MIN_DISTINCT_CHARACTERS = 5
RESET_LIMIT = Limit("password-reset", attempts=5, window_seconds=3600)
RESET_ADDRESS_LIMIT = Limit("password-reset-address", attempts=20, window_seconds=3600)
# Codes tried from one address (a code is 256 random bits: this only stops hammering).
RESET_ATTEMPT_LIMIT = Limit("password-reset-attempt", attempts=20, window_seconds=900)
# Wrong current passwords in changePassword, per customer (whoever holds the session).
CHANGE_LOCKOUT = Lockout(
    "change-password", free_failures=3, max_delay_seconds=900, window_seconds=3600
)
ISSUE_RESET_ACTOR = "issue_password_reset"
# Long enough yet guessed first by anyone trying: refused whatever their length.
COMMON_PASSWORDS = frozenset(
    {
        "password123",
        "password1234",
        "passw0rd123",
        "contraseña",
        "contraseña123",
        "contrasena123",
        "qwertyuiop",
        "asdfghjkl1",
        "1q2w3e4r5t",
        "administrator",
        "admin12345",
        "iloveyou123",
        "mesa-password",
        "changeme123",
        "letmein1234",
        "welcome123",
        "bienvenido1",
        "0123456789",
        "1234567890",
        "9876543210",
    }
)


def checked_password(password: str, *, field: str = "newPassword") -> str:
    """The password when it is strong enough to keep, else a bilingual ValidationFailed."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"Choose a password of {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters. / "
            f"Elija una contraseña de {MIN_PASSWORD_LENGTH} a {MAX_PASSWORD_LENGTH} caracteres.",
            field=field,
        )
    if len(set(password)) < MIN_DISTINCT_CHARACTERS or password.lower() in COMMON_PASSWORDS:
        raise ValidationFailed(
            "This password is too easy to guess: choose a less common one. / Esta contraseña "
            "es demasiado fácil de adivinar: elija una menos común.",
            field=field,
        )
    return password


async def request_password_reset(*, client_number: str, client_address: str = "") -> None:
    """Email a reset code to the customer; the answer is the same for an unknown number, and
    takes as long: either way the request only records a job (`issue_password_reset`)."""
    number = client_number.strip().upper()[:32]
    await check(RESET_ADDRESS_LIMIT, [client_address])
    await check(RESET_LIMIT, [number])
    async with unit_of_work() as uow:
        await uow.add_job(ISSUE_RESET_ACTOR, client_number=number)


async def issue_password_reset(*, client_number: str) -> None:
    """Send the customer a fresh reset code (earlier ones stop working); nothing for an
    unknown or disabled number. Run again, it sends a newer code, which supersedes this one."""
    customer = await Customer.get_or_none(client_number=client_number, is_active=True)
    if customer is None:
        return
    async with unit_of_work() as uow:
        await _send_reset_code(uow, customer)


async def request_staff_password_reset(*, email: str, client_address: str = "") -> None:
    """Email a reset code to a staff member; the answer is the same for an unknown address."""
    address = email.strip().lower()[:254]
    await check(RESET_ADDRESS_LIMIT, [client_address])
    await check(RESET_LIMIT, [f"staff:{address}"])
    staff = await Staff.get_or_none(email=address, is_active=True)
    if staff is None:
        return
    async with unit_of_work() as uow:
        await _send_reset_code(uow, staff)


async def send_welcome(uow: UnitOfWork, customer: Customer) -> None:
    """Mail a new customer their client number and a single-use code (a link, with
    MESA_PANEL_URL) to set their password, in the unit of work that created them (seed 003)."""
    raw, record = await issue_token(TokenKind.PASSWORD_RESET, customer=customer, ttl=WELCOME_TTL)
    await notify(
        uow,
        recipient=customer.email,
        language=customer.language,
        kind=NotificationKind.WELCOME,
        payload={
            "name": customer.name,
            "client_number": customer.client_number,
            "token": raw,
            "expires_at": record.expires_at.strftime("%Y-%m-%d %H:%M"),
        },
    )


async def _send_reset_code(uow: UnitOfWork, person: Customer | Staff) -> None:
    owner = {"customer_id": person.id} if isinstance(person, Customer) else {"staff_id": person.id}
    # Only the newest code works: earlier ones are revoked.
    await (
        AuthToken.filter(kind=TokenKind.PASSWORD_RESET, revoked_at=None, **owner)
        .using_db(uow.connection)
        .update(revoked_at=utcnow())
    )
    raw, record = await issue_token(
        TokenKind.PASSWORD_RESET,
        customer=person if isinstance(person, Customer) else None,
        staff=person if isinstance(person, Staff) else None,
        ttl=RESET_TTL,
    )
    await notify(
        uow,
        recipient=person.email,
        language=person.language,
        kind=NotificationKind.PASSWORD_RESET,
        payload={
            "name": person.name,
            "token": raw,
            "expires_at": record.expires_at.strftime("%Y-%m-%d %H:%M"),
        },
    )


async def reset_password(*, token: str, new_password: str, client_address: str = "") -> None:
    """Set a new password with a reset code; the code works once and every session ends."""
    await check(RESET_ATTEMPT_LIMIT, [client_address])
    checked_password(new_password)
    # The code first: a wrong one costs a lookup, never a password hash.
    try:
        record = await find_token(token)
    except Unauthenticated as error:
        raise InvalidCredentials(error.message, field="token") from error
    if record.kind is not TokenKind.PASSWORD_RESET or (
        record.customer_id is None and record.staff_id is None
    ):
        raise InvalidCredentials("This is not a password-reset code.", field="token")
    # Only the newest code works, even when two issued concurrently missed each other.
    newer = AuthToken.filter(
        customer_id=record.customer_id, kind=TokenKind.PASSWORD_RESET, id__gt=record.id
    )
    if await newer.exists():
        raise InvalidCredentials("The access token has been revoked.", field="token")
    password_hash = await asyncio.to_thread(hash_password, new_password)
    async with unit_of_work() as uow:
        # The conditional update is the single use: of two concurrent resets only one wins.
        used = (
            await AuthToken.filter(id=record.id, revoked_at=None)
            .using_db(uow.connection)
            .update(revoked_at=utcnow())
        )
        if used != 1:
            raise InvalidCredentials("The access token has been revoked.", field="token")
        await _store_password(uow.connection, record, password_hash, keep_token_id=None)


async def change_password(
    *, viewer: Viewer | None, current_password: str, new_password: str
) -> None:
    """A logged-in customer or staff member changes the password; their other sessions end."""
    if viewer is None or viewer.token_id is None or not (viewer.is_customer or viewer.is_staff):
        raise Unauthenticated("Log in as a customer or staff member to do this.")
    checked_password(new_password)
    who = f"customer:{viewer.customer_id}" if viewer.is_customer else f"staff:{viewer.staff_id}"
    account = [who]
    await attempt_against(CHANGE_LOCKOUT, account)
    session = await AuthToken.get(id=viewer.token_id).prefetch_related("customer", "staff")
    person = session.customer or session.staff
    assert person is not None  # a customer's or staff member's session
    if not await password_matches(person.password_hash, current_password):
        raise InvalidCredentials(
            "The current password is incorrect. / La contraseña actual no es correcta.",
            field="currentPassword",
        )
    await succeeded(CHANGE_LOCKOUT, account)
    password_hash = await asyncio.to_thread(hash_password, new_password)
    async with unit_of_work() as uow:
        await _store_password(uow.connection, session, password_hash, keep_token_id=session.id)


async def _store_password(
    connection: BaseDBAsyncClient,
    token: AuthToken,
    password_hash: str,
    *,
    keep_token_id: int | None,
) -> None:
    """Store the password of the token's owner and end the owner's other sessions."""
    owner: dict[str, int | None]
    if token.customer_id is not None:
        owner = {"customer_id": token.customer_id}
        await (
            Customer.filter(id=token.customer_id)
            .using_db(connection)
            .update(password_hash=password_hash)
        )
    else:
        owner = {"staff_id": token.staff_id}
        await (
            Staff.filter(id=token.staff_id).using_db(connection).update(password_hash=password_hash)
        )
    sessions = AuthToken.filter(revoked_at=None, **owner)
    if keep_token_id is not None:
        sessions = sessions.exclude(id=keep_token_id)
    await sessions.using_db(connection).update(revoked_at=utcnow())
