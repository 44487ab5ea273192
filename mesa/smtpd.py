"""`mesa smtpd`: the SMTP listener for the support addresses (aiosmtpd on the app's loop).

A message is answered 250 only once it is stored for good: the raw bytes fsynced on disk
and its row plus parse job committed (domain.email.inbound.store_inbound). Anything that
stops that answers 451, so the sending server keeps the message and tries again.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from domain.config import get_settings
from domain.email.inbound import store_inbound
from domain.logs import request_id

logger = logging.getLogger(__name__)


class SupportMailHandler:
    """aiosmtpd handler: recipients must be support addresses; DATA is stored durably."""

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address.strip().lower() not in get_settings().support_address_list:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content or b""
        raw = content if isinstance(content, bytes) else content.encode("utf-8", "surrogateescape")
        sender = (envelope.mail_from or "").strip().strip("<>")
        # As a delivering MTA does: the envelope sender becomes Return-Path ("<>" for bounces).
        raw = f"Return-Path: <{sender}>\r\n".encode("ascii", "replace") + raw
        # The id the parse job (and its log lines in the worker) carries back to this session.
        token = request_id.set(f"smtp-{uuid.uuid4().hex}")
        try:
            row = await store_inbound(raw, envelope_from=sender, envelope_to=envelope.rcpt_tos)
            logger.info("message from %r stored as %s", sender, row.id)
        except Exception:
            # Not stored: say so, so the sender's server retries later; nothing is lost.
            logger.exception("could not store a message from %r", sender)
            return "451 4.3.0 Could not store the message, try again later"
        finally:
            request_id.reset(token)
        return f"250 2.0.0 Message accepted as {row.id}"


def smtp_protocol(**options: Any) -> SMTP:
    settings = get_settings()
    return SMTP(
        SupportMailHandler(),
        data_size_limit=settings.mail_max_bytes,
        enable_SMTPUTF8=True,
        hostname=options.get("hostname"),
        ident="Mesa ESMTP",
    )


async def start_smtp_server(host: str, port: int) -> asyncio.Server:
    """Listen on host:port on the running loop (where the ORM lives)."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(smtp_protocol, host=host, port=port)
    logger.info("SMTP listening on %s:%d for %s", host, port, get_settings().support_addresses)
    return server
