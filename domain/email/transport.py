"""Sending a rendered email: SMTP (aiosmtplib) to MESA_SMTP_URL, else the maildir outbox."""

from __future__ import annotations

import asyncio
import mailbox
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

import aiosmtplib

from domain.config import get_settings

SMTP_TIMEOUT_SECONDS = 30.0


class DeliveryFailed(Exception):
    """The relay refused or could not be reached; the job retries with backoff."""


def mail_folder() -> Path:
    """The maildir embedded mode writes outgoing mail into (no SMTP relay configured)."""
    return get_settings().data_dir / "mail"


async def send_message(message: EmailMessage, *, sender: str, recipient: str) -> None:
    url = get_settings().smtp_url
    if url is None:
        await asyncio.to_thread(_write_to_maildir, message)
        return
    await _send_smtp(url, message, sender=sender, recipient=recipient)


def _write_to_maildir(message: EmailMessage) -> None:
    folder = mail_folder()
    # Made whole first, so concurrent deliveries never find it half created.
    for sub in ("tmp", "new", "cur"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    mailbox.Maildir(folder, create=False).add(message)


async def _send_smtp(url: str, message: EmailMessage, *, sender: str, recipient: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise DeliveryFailed(f"MESA_SMTP_URL must be smtp://host:port or smtps://…, not {url!r}")
    implicit_tls = parts.scheme == "smtps"
    try:
        await aiosmtplib.send(
            message,
            sender=sender,
            recipients=[recipient],
            hostname=parts.hostname,
            port=parts.port or (465 if implicit_tls else 25),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            use_tls=implicit_tls,
            # None: STARTTLS when the relay offers it, plain otherwise.
            start_tls=None if not implicit_tls else False,
            timeout=SMTP_TIMEOUT_SECONDS,
        )
    except (aiosmtplib.SMTPException, OSError) as error:
        raise DeliveryFailed(f"{type(error).__name__}: {error}") from error
