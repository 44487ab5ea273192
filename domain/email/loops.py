"""Never answer a robot (RFC 3834): which received mail is dropped, which gets no
automatic answer, and how many automatic answers one address gets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.clock import utcnow
from domain.config import get_settings
from domain.email.parsing import ParsedMail
from domain.models import AUTOMATIC_ANSWER_ROWS, Notification
from domain.uow import UnitOfWork

NO_REPLY_NAMES = ("noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply")
BOUNCE_NAMES = ("mailer-daemon", "postmaster")
LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post", "list-help", "list-owner")
AUTO_REPLY_MARKERS = ("x-autoreply", "x-autorespond", "x-autoresponder")


@dataclass(frozen=True)
class Verdict:
    """`drop`: nothing is made of the message (why). `silent`: no automatic answer (why)."""

    drop: str | None = None
    silent: str | None = None


def classify(mail: ParsedMail, *, own_addresses: set[str]) -> Verdict:
    """Apply the loop rules to a parsed message; pure, no I/O."""
    drop = _drop_reason(mail, own_addresses)
    if drop is not None:
        return Verdict(drop=drop, silent=drop)
    return Verdict(silent=_silent_reason(mail))


def _drop_reason(mail: ParsedMail, own: set[str]) -> str | None:
    if not mail.sender:
        return "no sender address"
    local = mail.sender.partition("@")[0]
    if mail.sender in own:
        return "sent from one of our own addresses"
    loop = " ".join(mail.headers.get("x-loop", [])).lower()
    if any(address in loop for address in own):
        return "X-Loop: our own mail came back"
    return_path = mail.headers.get("return-path")
    if return_path is not None and return_path[0].strip() in ("<>", ""):
        return "empty Return-Path: a bounce"
    if local in BOUNCE_NAMES or mail.content_type == "multipart/report":
        return "a delivery report (bounce)"
    auto = mail.header("auto-submitted").split(";")[0].strip().lower()
    if auto == "auto-replied" or any(marker in mail.headers for marker in AUTO_REPLY_MARKERS):
        return "an automatic reply (out of office)"
    return None


def _silent_reason(mail: ParsedMail) -> str | None:
    auto = mail.header("auto-submitted").split(";")[0].strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedence = mail.header("precedence").lower()
    if precedence in ("bulk", "list", "junk"):
        return f"Precedence: {precedence}"
    if any(header in mail.headers for header in LIST_HEADERS):
        return "sent through a mailing list"
    local = mail.sender.partition("@")[0]
    if any(name in local for name in NO_REPLY_NAMES):
        return "a no-reply address"
    if "all" in mail.header("x-auto-response-suppress").lower():
        return "X-Auto-Response-Suppress"
    return None


async def may_answer_automatically(uow: UnitOfWork, recipient: str) -> bool:
    """Whether the address is still under its hourly number of automatic answers."""
    limit = get_settings().auto_reply_limit_per_hour
    since = utcnow() - timedelta(hours=1)
    connection = uow.connection
    created_at = Notification._meta.fields_map["created_at"].to_db_value(since, Notification)
    rows = await connection.execute_query_dict(
        automatic_answers_sent(connection.capabilities.dialect), [recipient, created_at]
    )
    return int(rows[0]["sent"]) < limit


def automatic_answers_sent(dialect: str) -> str:
    """How many automatic answers an address (the first parameter) got since a moment (the
    second): written out, with the condition of the notification's index on them as the
    index has it, so that both databases read the index (see domain.models.indexes)."""
    first, second = ("$1", "$2") if dialect == "postgres" else ("?", "?")
    return (
        f"SELECT COUNT(*) AS sent FROM notification WHERE recipient = {first}"
        f" AND {AUTOMATIC_ANSWER_ROWS} AND created_at >= {second}"
    )
