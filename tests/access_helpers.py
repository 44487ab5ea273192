"""Helpers for the access tests: customers of their own, and mail read from the maildir."""

from __future__ import annotations

import asyncio
import email
import functools
import mailbox
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import BinaryIO

from domain.identity.auth import hash_password
from domain.models import Customer, Language, Service, SupportLevel

RESET_CODE = re.compile(r"mesa_r_[A-Za-z0-9_-]+")
MAIL_WAIT_SECONDS = 10.0


async def new_customer(
    client_number: str,
    *,
    password: str = "first-password",
    language: Language = Language.ES,
    level: str = "N1",
) -> Customer:
    """A customer of the test's own, so changing its password disturbs no other test."""
    customer = await Customer.create(
        client_number=client_number,
        name=f"Cliente {client_number}",
        email=f"{client_number.lower()}@example.com",
        language=language,
        password_hash=await asyncio.to_thread(_hash, password),
    )
    await Service.create(
        customer=customer, name="Hosting", support_level=await SupportLevel.get(code=level)
    )
    return customer


@functools.lru_cache(maxsize=8)
def _hash(password: str) -> str:
    # argon2 is slow on purpose; customers sharing a test password may share its hash.
    return hash_password(password)


def _parse(file: BinaryIO) -> EmailMessage:
    parsed = email.message_from_binary_file(file, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def mail_to(folder: Path, recipient: str) -> list[EmailMessage]:
    """Messages to a recipient in the maildir, oldest first."""
    if not all((folder / sub).is_dir() for sub in ("new", "cur", "tmp")):
        return []  # not there yet, or being created by a delivery right now
    found = [m for m in mailbox.Maildir(folder, factory=_parse, create=False)]
    mine = [m for m in found if isinstance(m, EmailMessage) and m["To"] == recipient]
    # In the order Mesa recorded them (its notification id), whatever the delivery order.
    return sorted(mine, key=lambda m: int(str(m["X-Mesa-Notification"] or 0)))


async def wait_for_mail(folder: Path, recipient: str, count: int = 1) -> list[EmailMessage]:
    """The mail to a recipient once `count` messages arrived (the workers deliver it)."""
    waited = 0.0
    while len(found := mail_to(folder, recipient)) < count and waited < MAIL_WAIT_SECONDS:
        await asyncio.sleep(0.05)
        waited += 0.05
    assert len(found) == count, f"{len(found)} messages to {recipient}, expected {count}"
    return found


def body_of(message: EmailMessage) -> str:
    """The plain-text part (notifications carry text and HTML alternatives)."""
    part = message.get_body(preferencelist=("plain",))
    assert isinstance(part, EmailMessage)
    return str(part.get_content())
