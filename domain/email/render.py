"""Notifications as emails: Jinja2 templates per kind and language, text and HTML parts,
our Message-ID and the threading headers of the ticket's conversation."""

from __future__ import annotations

import secrets
from email import policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from domain.clock import utcnow
from domain.config import get_settings
from domain.models import Language, NotificationKind

# A header RFC 3834 responders and our own inbound rules recognise as our loop marker.
LOOP_HEADER = "X-Loop"


class _Headers(HeaderRegistry):
    """The standard header registry, making the class of each header name once. Python's
    makes a new class (`type(...)`) for every header it parses: a third of building a
    notification, whose headers are always the same few names. Only those are kept."""

    KEPT = 64

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            made = super().__getitem__(name)
            if len(self._made) < self.KEPT:
                self._made[key] = made
        return made


# The default policy (what `EmailMessage()` uses), with that registry: the same headers,
# parsed and folded the same way (tests/test_email_policy.py).
POLICY = policy.default.clone(header_factory=_Headers())


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
    of domain.email.authentication), so it comes from `secrets`, not make_msgid's `random`."""
    return f"<{secrets.token_urlsafe(24)}.mesa@{mail_domain()}>"


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
    message.add_alternative(
        f'<!doctype html><html lang="{language.value}"><body>{html}</body></html>\n',
        subtype="html",
    )
    return message
