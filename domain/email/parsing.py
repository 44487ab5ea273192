"""Reading a received message safely: whatever its encoding, structure or size, parsing
returns what it could read and never raises; HTML is sanitised before anything keeps it.

Headers are read from their raw text and decoded here: the header classes of
`policy.default` raise on some malformed input, so the message is loaded with `compat32`,
which keeps every header as text. The MIME tree is walked iteratively, with depth and part
limits, so no nesting exhausts the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.errors import HeaderParseError, MessageError
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from html.parser import HTMLParser

import nh3

from domain.tickets.tracking import ALPHABET

MAX_DEPTH = 20
MAX_PARTS = 500
SUBJECT_MAX = 200
MESSAGE_ID = re.compile(r"<[^<>\s]{1,250}>")
SUBJECT_TAG = re.compile(rf"\[#([{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}-[{ALPHABET}]{{4}})\]")
# What a mail client puts above the quoted message it answers.
QUOTE_HEADERS = re.compile(
    r"^(On .{0,200} wrote:|El .{0,200} escribió:|-{2,} ?(Original Message|Mensaje original) ?-{2,}"
    r"|From: .{0,200}|De: .{0,200})\s*$",
    re.MULTILINE | re.IGNORECASE,
)
_DECODING_ERRORS = (LookupError, UnicodeError, HeaderParseError, ValueError, TypeError, IndexError)


@dataclass(frozen=True)
class Attachment:
    """A file that came with the message, as declared by the sender (not trusted)."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedMail:
    message_id: str | None
    sender: str  # lower-cased address, "" when none could be read
    sender_name: str
    subject: str
    text: str  # plain-text rendering of the body
    html: str | None  # sanitised: no script, no handler, no active content
    in_reply_to: list[str]
    references: list[str]
    # Lower-cased header name -> raw values, for the loop rules.
    headers: dict[str, list[str]] = field(default_factory=dict)
    content_type: str = "text/plain"
    language: str | None = None

    def header(self, name: str) -> str:
        values = self.headers.get(name.lower())
        return values[0].strip() if values else ""

    @property
    def thread_ids(self) -> list[str]:
        """Message-IDs this message answers, nearest first."""
        return [*self.in_reply_to, *reversed(self.references)]

    @property
    def tracking_id_in_subject(self) -> str | None:
        found = SUBJECT_TAG.search(self.subject)
        return found.group(1) if found else None


UNREADABLE = (
    "(mensaje ilegible: demasiado anidado; el original se conserva / "
    "unreadable message: nested too deeply; the original is kept)"
)


def _load(raw: bytes) -> Message | None:
    """The message tree; None when the standard parser's recursion gives up on its nesting
    (thousands of levels), and only the headers can be read."""
    try:
        return message_from_bytes(raw, policy=policy.compat32)
    except RecursionError:
        return None


def _headers_only(raw: bytes) -> Message:
    return BytesHeaderParser(policy=policy.compat32).parsebytes(raw)


def decode_text(value: str) -> str:
    """A header's text with RFC 2047 encoded words decoded; undecodable bytes replaced, and
    NUL (raw or encoded, `=?utf-8?q?a=00b?=`) dropped: no stored text may hold it."""
    try:
        text = str(make_header(decode_header(value)))
    except _DECODING_ERRORS:
        text = value.encode("utf-8", "replace").decode("utf-8", "replace")
    return text.replace("\x00", "")


def _unescape(text: str) -> str:
    """Raw 8-bit header bytes (kept as surrogates by the parser) as UTF-8, else Latin-1."""
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _raw_headers(message: Message) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        text = _unescape(value if isinstance(value, str) else str(value))
        headers.setdefault(_unescape(str(name)).lower(), []).append(" ".join(text.split()))
    return headers


def _sender(headers: dict[str, list[str]]) -> tuple[str, str]:
    for header in ("from", "sender", "reply-to", "return-path"):
        for value in headers.get(header, []):
            for name, address in getaddresses([value]):
                address = address.strip().lower()
                if "@" in address and " " not in address and len(address) <= 254:
                    return address, decode_text(name).strip()[:200]
    return "", ""


def _ids(headers: dict[str, list[str]], name: str) -> list[str]:
    return [found for value in headers.get(name, []) for found in MESSAGE_ID.findall(value)]


def _parts(message: Message) -> list[Message]:
    """Leaf parts, depth-first in order, without recursion and within the limits."""
    leaves: list[Message] = []
    stack: list[tuple[Message, int]] = [(message, 0)]
    seen = 0
    while stack and seen < MAX_PARTS:
        part, depth = stack.pop()
        seen += 1
        payload = part.get_payload()
        # A forwarded message stays whole: it is an attachment, not this message's body.
        forwarded = part.get_content_maintype() == "message"
        if part.is_multipart() and isinstance(payload, list) and not forwarded:
            if depth < MAX_DEPTH:
                stack.extend(
                    (child, depth + 1) for child in reversed(payload) if isinstance(child, Message)
                )
            continue
        leaves.append(part)
    return leaves


def _decoded(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except _DECODING_ERRORS:
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    return raw.encode("utf-8", "replace") if isinstance(raw, str) else b""


def _text_of(part: Message) -> str:
    data = _decoded(part)
    try:
        charset = part.get_content_charset() or "utf-8"
        return data.decode(charset, "replace")
    except _DECODING_ERRORS:
        return data.decode("utf-8", "replace")


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except _DECODING_ERRORS:
        return "attachment"
    return decode_text(_unescape(name))[:255] if name else None


def _is_attachment(part: Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    if disposition == "attachment":
        return True
    if part.get_content_maintype() == "message":
        return True
    return _filename(part) is not None and part.get_content_type() not in (
        "text/plain",
        "text/html",
    )


def attachments(raw: bytes) -> list[Attachment]:
    """The files of a stored message, for the attachment pipeline: filename, declared
    content type, bytes. Never raises."""
    found: list[Attachment] = []
    message = _load(raw)
    if message is None:
        return found
    for part in _parts(message):
        if not _is_attachment(part):
            continue
        content_type = part.get_content_type()
        if part.get_content_maintype() == "message":
            inner = part.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            data = first.as_bytes() if isinstance(first, Message) else _decoded(part)
            filename = _filename(part) or "message.eml"
        else:
            data = _decoded(part)
            filename = _filename(part) or "attachment"
        found.append(Attachment(filename=filename, content_type=content_type, data=data))
    return found


class _TextRendering(HTMLParser):
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.chunks.append("\n")
        if tag == "li":
            self.chunks.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def sanitise_html(html: str) -> str:
    """Only inert markup: scripts, styles, event handlers and javascript: links removed."""
    return nh3.clean(html.replace("\x00", ""))


def html_to_text(html: str) -> str:
    """A readable plain-text rendering of (already sanitised) HTML."""
    rendering = _TextRendering()
    rendering.feed(html)
    rendering.close()
    return tidy_text("".join(rendering.chunks))


def tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\x00", "").split("\n")]
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return tidy.strip()


def without_quote(text: str) -> str:
    """A reply without the message it quotes below (kept whole when that leaves nothing)."""
    found = QUOTE_HEADERS.search(text)
    kept = text[: found.start()] if found else text
    kept = "\n".join(line for line in kept.split("\n") if not line.startswith(">"))
    kept = tidy_text(kept)
    return kept or text


def parse_message(raw: bytes) -> ParsedMail:
    """What Mesa needs of a message; never raises, whatever the bytes."""
    loaded = _load(raw)
    message = loaded if loaded is not None else _headers_only(raw)
    headers = _raw_headers(message)
    sender, sender_name = _sender(headers)
    subject = " ".join(decode_text(headers.get("subject", [""])[0]).split())[:SUBJECT_MAX]
    text: str | None = None if loaded is not None else UNREADABLE
    html: str | None = None
    for part in _parts(loaded) if loaded is not None else []:
        if _is_attachment(part):
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and text is None:
            text = tidy_text(_text_of(part))
        elif kind == "text/html" and html is None:
            html = sanitise_html(_text_of(part))
    if not text and html:
        text = html_to_text(html)
    message_ids = _ids(headers, "message-id")
    language = (headers.get("content-language") or [""])[0][:2].lower() or None
    return ParsedMail(
        message_id=message_ids[0] if message_ids else None,
        sender=sender,
        sender_name=sender_name,
        subject=subject,
        text=text or "",
        html=html,
        in_reply_to=_ids(headers, "in-reply-to"),
        references=_ids(headers, "references"),
        headers=headers,
        content_type=message.get_content_type(),
        language=language,
    )


__all__ = [
    "Attachment",
    "MessageError",
    "ParsedMail",
    "attachments",
    "html_to_text",
    "parse_message",
    "sanitise_html",
]
