"""Malformed mail never crashes the pipeline, never loses the raw message and never leaves
active HTML behind; a crash between the SMTP accept and the parse loses nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from domain.clock import utcnow
from domain.config import get_settings
from domain.email.inbound import INBOUND_ACTOR, raw_message_path
from domain.email.parsing import attachments
from domain.models import (
    Attachment,
    InboundMail,
    InboundStatus,
    Message,
    OutboxJob,
    OutboxStatus,
    Ticket,
)
from tests.email_support import drain, mesa_smtpd, parse_job, processed, send, send_when_listening
from tests.services import free_port

CRLF = b"\r\n"
ACTIVE = ("<script", "onerror", "javascript:", "<iframe", "alert(")


def _message(headers: list[str], body: bytes) -> bytes:
    return CRLF.join(h.encode() for h in headers) + CRLF + CRLF + body + CRLF


def _nested(depth: int) -> bytes:
    part = b"Content-Type: text/plain" + CRLF + CRLF + b"innermost" + CRLF
    for level in range(depth):
        boundary = f"b{level}".encode()
        part = (
            b"Content-Type: multipart/mixed; boundary=" + boundary + CRLF + CRLF
            + b"--" + boundary + CRLF + part + CRLF + b"--" + boundary + b"--" + CRLF
        )  # fmt: skip
    return b"From: deep@corpus.example" + CRLF + b"Subject: deep" + CRLF + part


HTML_ATTACK = (
    b"<p>Hola<script>alert(1)</script></p><img src=x onerror=alert(1)>"
    b'<a href="javascript:alert(1)">clic</a><iframe src="https://evil.example"></iframe>'
    b"<style>body{display:none}</style><b>fin</b>"
)
ATTACHED = _message(
    [
        "From: files@corpus.example",
        "Subject: Factura adjunta",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="XX"',
    ],
    b"--XX\r\nContent-Type: text/plain\r\n\r\nVer adjunto.\r\n"
    b"--XX\r\nContent-Type: application/pdf\r\n"
    b'Content-Disposition: attachment; filename="factura.pdf"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--XX--",
)
CORPUS: dict[str, bytes] = {
    "unknown charset": _message(
        [
            "From: a@corpus.example",
            "Subject: charset",
            'Content-Type: text/plain; charset="x-nope"',
        ],
        b"caf\xe9 \xff\xfe",
    ),
    "invalid utf-8": _message(
        ["From: b@corpus.example", "Subject: utf8", "Content-Type: text/plain; charset=utf-8"],
        b"caf\xc3 \xff ok",
    ),
    "broken base64": _message(
        ["From: c@corpus.example", "Subject: b64", "Content-Transfer-Encoding: base64"],
        b"!!!not base64###",
    ),
    "broken encoded words": _message(
        ["From: =?utf-8?B?!!!?= <d@corpus.example>", "Subject: =?x-unknown?Q?hola?= =?utf-8?B?=?="],
        b"body",
    ),
    "no headers at all": b"Just a body, no header block" + CRLF,
    "no From, no Subject, no Message-ID": _message(["X-Nothing: here"], b"anonymous"),
    "a 10 MB body": _message(
        ["From: big@corpus.example", "Subject: big"], (b"x" * 99 + CRLF) * 100_000
    ),
    "multiparts nested 60 deep": _nested(60),
    "multiparts nested 2000 deep": _nested(2000),
    "HTML with scripts": _message(
        ["From: html@corpus.example", "Subject: html", "Content-Type: text/html; charset=utf-8"],
        HTML_ATTACK,
    ),
    "HTML alternative with scripts": _message(
        ["From: alt@corpus.example", "Subject: alt", 'Content-Type: multipart/alternative; b="q"'],
        b"--q\r\nContent-Type: text/html\r\n\r\n" + HTML_ATTACK + b"\r\n--q--",
    ),
    "raw 8-bit headers, UTF-8 and Latin-1": (
        b"From: Luc\xc3\xada <e@corpus.example>\r\nSubject: Ca\xedda\r\n\r\nbody\r\n"
    ),
    "NUL bytes": _message(["From: nul@corpus.example", "Subject: a\x00b"], b"a\x00b"),
    "an attachment": ATTACHED,
}


@pytest.fixture
async def smtp_and_workers(mail_delivery: Path) -> AsyncIterator[int]:
    async with mesa_smtpd() as port:
        yield port
        await drain()


async def _latest() -> InboundMail:
    row = await InboundMail.all().order_by("-id").first()
    assert row is not None
    return row


async def test_malformed_mail_is_kept_and_never_crashes_the_pipeline(
    smtp_and_workers: int,
) -> None:
    port = smtp_and_workers
    for name, raw in CORPUS.items():
        # When the message arrives (with a plain envelope sender)
        await send(port, raw, sender="corpus@corpus.example")
        row = await processed(row_id=(await _latest()).id)

        # Then it was processed, its raw bytes are kept exactly, its job is done
        assert row.status in (InboundStatus.TICKET_CREATED, InboundStatus.IGNORED), name
        stored = raw_message_path(row).read_bytes()
        assert stored == b"Return-Path: <corpus@corpus.example>" + CRLF + raw, name
        job = await parse_job(row.id, done=True)
        assert job.status is OutboxStatus.DONE, (name, job.last_error)
        # and nothing active was stored: not the sanitised HTML, not the ticket's text
        kept = [row.html or ""]
        if row.ticket_id is not None:
            kept.extend(
                await Message.filter(ticket_id=row.ticket_id).values_list("body", flat=True)
            )
        for text in kept:
            assert not any(marker in str(text).lower() for marker in ACTIVE), (name, text[:300])
        assert isinstance(attachments(stored), list)

    # The HTML-only message became readable text; the attachment is handed over whole
    html_row = await InboundMail.filter(subject="html").first()
    assert html_row is not None and html_row.ticket_id is not None
    [body] = await Message.filter(ticket_id=html_row.ticket_id).values_list("body", flat=True)
    assert "Hola" in str(body) and "fin" in str(body)
    assert html_row.html is not None and "<b>fin</b>" in html_row.html
    files = attachments(ATTACHED)
    assert [(f.filename, f.content_type, f.data) for f in files] == [
        ("factura.pdf", "application/pdf", b"%PDF-1.4\n")
    ]
    # and into the attachment pipeline, on the ticket's first message
    attached_row = await InboundMail.filter(subject="Factura adjunta").first()
    assert attached_row is not None and attached_row.ticket_id is not None
    [pending] = await Attachment.filter(ticket_id=attached_row.ticket_id)
    assert pending.name == "factura.pdf"
    big = await InboundMail.filter(subject="big").first()
    assert big is not None and big.size > 10_000_000


def _start_smtpd(port: int, redis_port: int) -> subprocess.Popen[bytes]:
    """`mesa smtpd` in a process of its own whose broker is unreachable: it stores and
    answers 250, but no parse job reaches a worker before it dies."""
    env = {**os.environ, "MESA_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
    return subprocess.Popen(
        [sys.executable, "-m", "mesa", "smtpd", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
async def test_a_crash_between_accept_and_parse_loses_nothing(mail_delivery: Path) -> None:
    from workers import email, outbox
    from workers.broker import broker

    # Given `mesa smtpd` running as its own process
    port = free_port()
    process = _start_smtpd(port, free_port())
    raw = _message(
        [
            "From: lucia@client.example",
            "Subject: Caída total",
            "Message-ID: <crash-1@client.example>",
        ],
        b"Nada responde.",
    )
    try:
        # When it accepts a message (250) and is killed before anything parsed it
        await asyncio.to_thread(
            send_when_listening, port, raw, process, sender="lucia@client.example"
        )
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()

    # Then the message is on disk and in the database, with its parse job committed and not
    # run: PENDING if the relay gave it back (its broker unreachable) before the kill,
    # ENQUEUED if the kill came first (the relay sends after the answer: workers.outbox)
    row = await InboundMail.get(message_id="<crash-1@client.example>")
    assert row.status is InboundStatus.RECEIVED
    assert raw_message_path(row).read_bytes().endswith(raw)
    [job] = [
        j
        for j in await OutboxJob.filter(actor_name=INBOUND_ACTOR)
        if j.kwargs["inbound_id"] == row.id
    ]
    assert job.status in (OutboxStatus.PENDING, OutboxStatus.ENQUEUED)

    # When Mesa runs again: the outbox sweep sends the job, and it is even delivered twice
    # (as the scheduler does, sweep after sweep: other tests left older jobs in this database)
    settings = get_settings()
    waited = max(settings.outbox_grace_seconds, settings.outbox_stale_seconds) + 1
    later = utcnow() + timedelta(seconds=waited)
    for _ in range(1000):
        await outbox.sweep(now=later)
        if (await OutboxJob.get(id=job.id)).enqueue_count > job.enqueue_count:
            break
    done = await processed(row_id=row.id, wait=120)
    email.process_inbound_mail.send(inbound_id=row.id)
    await asyncio.to_thread(broker.join, email.process_inbound_mail.queue_name, timeout=30_000)

    # Then the message became its ticket, once
    assert done.status is InboundStatus.TICKET_CREATED
    assert await Ticket.filter(guest_email="lucia@client.example").count() == 1
    assert await Message.filter(ticket_id=done.ticket_id).count() == 1
    assert (await parse_job(row.id, done=True)).status is OutboxStatus.DONE
    await drain()
