"""Notifications as emails: Jinja2 templates per kind and language, text and HTML parts,
our Message-ID and the threading headers of the ticket's conversation."""

from __future__ import annotations

import secrets
import sys
import time
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, parseaddr
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from domain.clock import utcnow
from domain.config import get_settings
from domain.models import Language, NotificationKind

# A header RFC 3834 responders and our own inbound rules recognise as our loop marker.
LOOP_HEADER = "X-Loop"


# Headers whose text is the same in every notification, or one of a few (the sender,
# RFC 3834's, the language, the parts' types and encodings; not the multipart's type, which
# names its random boundary). Parsed once and folded once each, where Python's registry parses
# every header's text again by its grammar for every message, and its policy folds it again:
# most of what building and writing a notification cost.
_REPEATED = frozenset(
    {
        "from",
        "auto-submitted",
        "x-auto-response-suppress",
        LOOP_HEADER.lower(),
        "content-language",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
    }
)
_KEPT_HEADERS = 256


class _Headers(HeaderRegistry):
    """The standard header registry, making the class of each header name once (Python's makes
    a new class, `type(...)`, for every header it parses: a third of building a notification,
    whose headers are always the same few names; only those are kept), and each header of
    `_REPEATED` once per text. A header is an immutable str that a message stores as it is
    (`EmailPolicy.header_store_parse`), so one parsed header serves every message."""

    KEPT = 64

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type[BaseHeader]] = {}
        self.parsed: dict[tuple[str, str], BaseHeader] = {}
        self.kept: dict[int, BaseHeader] = {}  # the parsed headers, by identity

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            made = super().__getitem__(name)
            if len(self._made) < self.KEPT:
                self._made[key] = made
        return made

    def __call__(self, name: str, value: Any) -> BaseHeader:
        if type(value) is not str or name.lower() not in _REPEATED or "boundary=" in value:
            return super().__call__(name, value)
        key = (name, value)
        parsed = self.parsed.get(key)
        if parsed is None:
            parsed = super().__call__(name, value)
            if len(self.parsed) < _KEPT_HEADERS:  # no lock, no eviction: bounded
                self.parsed[key] = parsed
                self.kept[id(parsed)] = parsed
        return parsed


class _Policy(EmailPolicy):
    """The default policy with that registry, writing each header it parsed once (`_Headers`)
    folded once per policy setting."""

    def fold_binary(self, name: str, value: str) -> bytes:
        headers = self.header_factory
        if not isinstance(headers, _Headers) or id(value) not in headers.kept:
            return super().fold_binary(name, value)
        settings = (
            self.max_line_length,
            self.linesep,
            self.utf8,
            self.cte_type,
            self.refold_source,
        )
        key = (id(value), name, settings)
        folded = _folded.get(key)
        if folded is None:
            folded = super().fold_binary(name, value)
            if len(_folded) < _KEPT_HEADERS * 4:
                _folded[key] = folded
        return folded


_folded: dict[tuple[Any, ...], bytes] = {}

# The default policy (what `EmailMessage()` uses), with that registry and folding: the same
# headers, parsed and folded the same way (tests/test_email_policy.py).
POLICY = _Policy(header_factory=_Headers())


def _environment(*, html: bool) -> Environment:
    return Environment(
        loader=PackageLoader("domain.email", "templates"),
        autoescape=html,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        # The templates ship with the code: not looked at again (a stat per template and
        # notification) once compiled.
        auto_reload=False,
    )


@lru_cache(maxsize=2)
def _env(html: bool) -> Environment:
    return _environment(html=html)


def _template(kind: NotificationKind, language: Language, *, html: bool) -> Template:
    return _env(html).get_template(f"{kind.value.lower()}.{language.value}.jinja")


def _block(template: Template, name: str, values: dict[str, Any]) -> str:
    return "".join(template.blocks[name](template.new_context(values)))


def sender_address() -> str:
    return _address_in(get_settings().mail_from)


@lru_cache(maxsize=8)
def _address_in(header: str) -> str:
    """The address of a From header (parsed once per setting: every notification asks)."""
    return parseaddr(header)[1].lower()


def mail_domain() -> str:
    return sender_address().rpartition("@")[2] or "mesa.invalid"


def new_message_id() -> str:
    """A fresh Message-ID in our domain, recorded before sending so replies thread. Its
    random part is secret (a reply quoting it shows the sender got our mail: the reply token
    of domain.email.authentication), so it comes from `secrets`, not make_msgid's `random`.

    It opens with the moment it was made, as make_msgid's and most mail servers' do: the
    microseconds since the epoch in 11 digits of base32hex (whose order is the numbers'),
    never less than the last one this process made, so the ids sort in the order they were
    made. The notification's index on its Message-ID then takes new ids at its end: with
    the random part first, a new ticket's four notifications wrote four pages of it at
    random places (on SQLite, 4 of the 53 pages its commit wrote). Short enough that the
    header is not folded for a domain of up to 19 characters."""
    global _last_moment
    moment = _last_moment = max(time.time_ns() // 1000, _last_moment + 1)
    digits = []
    for _ in range(11):
        moment, digit = divmod(moment, 32)
        digits.append(_BASE32HEX[digit])
    return f"<{''.join(reversed(digits))}.{secrets.token_urlsafe(24)}@{mail_domain()}>"


_BASE32HEX = "0123456789abcdefghijklmnopqrstuv"  # RFC 4648's extended hex alphabet, lower case
_last_moment = 0  # of the last Message-ID this process made (new_message_id)


def render_parts(
    kind: NotificationKind, language: Language, payload: dict[str, Any]
) -> tuple[str, str, str]:
    """(subject, text, html) of a notification in the recipient's language."""
    values = {"panel_url": get_settings().panel_url, **payload}
    text = _template(kind, language, html=False)
    html = _template(kind, language, html=True)
    subject = " ".join(_block(text, "subject", values).split())
    return subject, _block(text, "text", values).strip() + "\n", _block(html, "html", values)


def build_message(
    *,
    kind: NotificationKind,
    language: Language,
    payload: dict[str, Any],
    recipient: str,
    message_id: str,
    references: list[str],
    notification_id: int,
) -> EmailMessage:
    """The full email: text and HTML alternatives, threading and RFC 3834 headers."""
    subject, text, html = render_parts(kind, language, payload)
    message = EmailMessage(policy=POLICY)
    message["From"] = get_settings().mail_from
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id
    if references:
        message["In-Reply-To"] = references[-1]
        message["References"] = " ".join(references)
    # RFC 3834: an automatic message; responders must not answer it.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message[LOOP_HEADER] = sender_address()
    message["Content-Language"] = language.value
    message["X-Mesa-Notification"] = str(notification_id)
    message.set_content(text)
    page = f'<!doctype html><html lang="{language.value}"><body>{html}</body></html>\n'
    message.add_alternative(page, subtype="html")
    # The parts' boundary, named now: left to the generator, it is drawn when the message is
    # written, checked against the parts by a regular expression compiled for it, and set by
    # rewriting the type's parameters: a third of writing a notification.
    boundary = _boundary()
    while boundary in text or boundary in page:
        boundary = _boundary()
    message.replace_header("Content-Type", f'multipart/alternative; boundary="{boundary}"')
    return message


def _boundary() -> str:
    """A boundary as Python's generator draws one (63 random bits), from `secrets`."""
    return f"{'=' * 15}{secrets.randbelow(sys.maxsize):019d}=="
