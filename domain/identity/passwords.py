"""Password recovery and change for customers: single-use expiring tokens sent by email."""

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
from domain.models import AuthToken, Customer, NotificationKind, TokenKind
from domain.uow import unit_of_work

RESET_TTL = timedelta(minutes=30)
MIN_PASSWORD_LENGTH = 10
RESET_LIMIT = Limit("password-reset", attempts=5, window_seconds=3600)
RESET_ADDRESS_LIMIT = Limit("password-reset-address", attempts=20, window_seconds=3600)
# Codes tried from one address (a code is 256 random bits: this only stops hammering).
RESET_ATTEMPT_LIMIT = Limit("password-reset-attempt", attempts=20, window_seconds=900)
# Wrong current passwords in changePassword, per customer (whoever holds the session).
CHANGE_LOCKOUT = Lockout(
    "change-password", free_failures=3, max_delay_seconds=900, window_seconds=3600
)
ISSUE_RESET_ACTOR = "issue_password_reset"


def checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH or len(password) > 200:
        raise ValidationFailed(
            f"Choose a password of {MIN_PASSWORD_LENGTH} to 200 characters. / Elija una "
            f"contraseña de {MIN_PASSWORD_LENGTH} a 200 caracteres.",
            field="newPassword",
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
        # Only the newest code works: earlier ones are revoked.
        await (
            AuthToken.filter(
                customer_id=customer.id, kind=TokenKind.PASSWORD_RESET, revoked_at=None
            )
            .using_db(uow.connection)
            .update(revoked_at=utcnow())
        )
        raw, record = await issue_token(TokenKind.PASSWORD_RESET, customer=customer, ttl=RESET_TTL)
        await notify(
            uow,
            recipient=customer.email,
            language=customer.language,
            kind=NotificationKind.PASSWORD_RESET,
            payload={
                "name": customer.name,
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
    if record.kind is not TokenKind.PASSWORD_RESET or record.customer_id is None:
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
        await (
            Customer.filter(id=record.customer_id)
            .using_db(uow.connection)
            .update(password_hash=password_hash)
        )
        await _revoke_sessions(uow.connection, record.customer_id, keep_token_id=None)


async def change_password(
    *, viewer: Viewer | None, current_password: str, new_password: str
) -> None:
    """A logged-in customer changes the password; every other session of theirs ends."""
    if viewer is None or not viewer.is_customer or viewer.customer_id is None:
        raise Unauthenticated("Log in as a customer to do this.")
    checked_password(new_password)
    account = [str(viewer.customer_id)]
    await attempt_against(CHANGE_LOCKOUT, account)
    customer = await Customer.get(id=viewer.customer_id)
    if not await password_matches(customer.password_hash, current_password):
        raise InvalidCredentials(
            "The current password is incorrect. / La contraseña actual no es correcta.",
            field="currentPassword",
        )
    await succeeded(CHANGE_LOCKOUT, account)
    password_hash = await asyncio.to_thread(hash_password, new_password)
    async with unit_of_work() as uow:
        await (
            Customer.filter(id=customer.id)
            .using_db(uow.connection)
            .update(password_hash=password_hash)
        )
        await _revoke_sessions(uow.connection, customer.id, keep_token_id=viewer.token_id)


async def _revoke_sessions(
    connection: BaseDBAsyncClient, customer_id: int, *, keep_token_id: int | None
) -> None:
    query = AuthToken.filter(customer_id=customer_id, revoked_at=None)
    if keep_token_id is not None:
        query = query.exclude(id=keep_token_id)
    await query.using_db(connection).update(revoked_at=utcnow())
