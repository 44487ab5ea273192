"""Mail over real sockets for the email tests: smtplib into Mesa's SMTP listener, and a
real aiosmtpd server capturing what Mesa sends."""

from __future__ import annotations

import asyncio
import contextlib
import os
import smtplib
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import make_msgid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from domain.config import get_settings
from domain.email.inbound import INBOUND_ACTOR
from domain.models import InboundMail, InboundStatus, Notification, OutboxJob, OutboxStatus
from mesa.smtpd import start_smtp_server
from tests.services import free_port

WAIT_SECONDS = 15.0
SUPPORT = "soporte@mesa.example"


@contextlib.contextmanager
def settings(**values: str) -> Iterator[None]:
    """MESA_* settings for the test's duration (this process serves the app)."""
    names = {f"MESA_{key.upper()}": value for key, value in values.items()}
    before = {name: os.environ.get(name) for name in names}
    os.environ.update(names)
    get_settings.cache_clear()
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()


@dataclass
class Captured:
    """What a real SMTP relay received from Mesa."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        parsed = message_from_bytes(envelope.original_content or b"", policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"

    def to(self, recipient: str) -> list[EmailMessage]:
        with self.lock:
            found = [m for rcpt, m in self.messages if recipient.lower() in map(str.lower, rcpt)]
        return sorted(found, key=lambda m: int(str(m["X-Mesa-Notification"])))

    async def wait_for(self, recipient: str, count: int = 1) -> list[EmailMessage]:
        waited = 0.0
        while len(found := self.to(recipient)) < count and waited < WAIT_SECONDS:
            await asyncio.sleep(0.05)
            waited += 0.05
        assert len(found) >= count, f"{len(found)} mails to {recipient}, expected {count}"
        return found


@contextlib.contextmanager
def relay() -> Iterator[Captured]:
    """A real SMTP server on a free port, and Mesa's MESA_SMTP_URL pointing at it."""
    captured = Captured()
    port = free_port()
    controller = Controller(captured, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with settings(smtp_url=f"smtp://127.0.0.1:{port}"):
            yield captured
    finally:
        controller.stop()


async def drain() -> None:
    """Wait until the workers have run every queued job (delayed retries included), so no
    delivery is still on its way when a test's relay stops or its settings change back."""
    from workers.broker import DEFAULT_QUEUE, broker

    await asyncio.to_thread(broker.join, DEFAULT_QUEUE, timeout=int(WAIT_SECONDS * 2000))


@contextlib.asynccontextmanager
async def mesa_smtpd() -> AsyncIterator[int]:
    """Mesa's SMTP listener on this loop (where the app's ORM lives); yields its port."""
    port = free_port()
    server = await start_smtp_server("127.0.0.1", port)
    try:
        yield port
    finally:
        server.close()
        await server.wait_closed()


def mail(
    sender: str,
    subject: str,
    body: str,
    *,
    to: str = SUPPORT,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="client.example")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message


def wire(message: EmailMessage) -> bytes:
    """The bytes as they travel over SMTP (CRLF line ends)."""
    return message.as_bytes(policy=policy.SMTP)


def _send(port: int, sender: str, raw: bytes, to: str) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        client.sendmail(sender, [to], raw)


async def send(port: int, message: EmailMessage | bytes, *, sender: str = "", to: str = SUPPORT):
    """Deliver over SMTP (smtplib, a real socket); bytes are sent exactly as given."""
    if isinstance(message, EmailMessage):
        sender = sender or str(message["From"]).split("<")[-1].strip(">")
        raw = wire(message)
    else:
        raw = message
    await asyncio.to_thread(_send, port, sender, raw, to)


def send_when_listening(
    port: int, raw: bytes, process: subprocess.Popen[bytes], *, sender: str
) -> None:
    """Deliver to a `mesa smtpd` process as soon as it listens (blocking: run in a thread)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "mesa smtpd exited"
        try:
            _send(port, sender, raw, SUPPORT)
            return
        except ConnectionRefusedError:
            time.sleep(0.1)
    raise AssertionError("mesa smtpd did not start listening")


async def processed(
    message_id: str | None = None, *, row_id: int | None = None, wait: float = WAIT_SECONDS
) -> InboundMail:
    """The inbound row once a worker processed it."""
    waited = 0.0
    while waited < wait:
        query = (
            InboundMail.filter(id=row_id) if row_id else InboundMail.filter(message_id=message_id)
        )
        row = await query.order_by("-id").first()
        if row is not None and row.status is not InboundStatus.RECEIVED:
            return row
        await asyncio.sleep(0.05)
        waited += 0.05
    raise AssertionError(f"inbound {message_id or row_id} was not processed")


async def parse_job(row_id: int, *, done: bool = False) -> OutboxJob:
    """The outbox job that parses an inbound row (once DONE, with `done`)."""
    waited = 0.0
    while True:
        jobs = await OutboxJob.filter(actor_name=INBOUND_ACTOR).order_by("-id")
        [job] = [j for j in jobs if j.kwargs["inbound_id"] == row_id]
        if not done or job.status is OutboxStatus.DONE or waited >= WAIT_SECONDS:
            return job
        await asyncio.sleep(0.05)
        waited += 0.05


async def notifications_to(recipient: str) -> list[Notification]:
    return await Notification.filter(recipient=recipient).order_by("id")
