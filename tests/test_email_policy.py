"""Notifications are built with domain.email.render.POLICY, the default email policy with a
header registry that makes each header name's class once: the same message, byte for byte,
as the default policy builds."""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from domain.email.render import POLICY, build_message
from domain.models import Language, NotificationKind

# Text a notification's headers carry: names with accents, quotes and commas, long subjects
# that fold, addresses.
words = st.text(
    alphabet=st.sampled_from(list("abcñáéíóúüÁÉ ,;:\"'()<>@.-_=?¿¡ xyz0123456789")),
    min_size=0,
    max_size=120,
)


def _outcome(chosen: Any, headers: list[tuple[str, str]], text: str) -> bytes | tuple[str, str]:
    """The message's bytes, or the error building it raised (a generated display name such
    as `":;` makes the From header a group, which the standard library cannot set under
    either policy): the two policies must agree on either."""
    try:
        return _built(chosen, headers, text)
    except Exception as error:
        return type(error).__name__, str(error)


def _built(chosen: Any, headers: list[tuple[str, str]], text: str) -> bytes:
    message = EmailMessage(policy=chosen)
    for name, value in headers:
        message[name] = value
    message.set_content(text)
    message.add_alternative(f"<p>{text}</p>\n", subtype="html")
    message.set_boundary("==mesa-test==")  # else drawn at random when written
    return message.as_bytes()


@settings(max_examples=150, deadline=None)
@given(name=words, subject=words, body=words, language=st.sampled_from(["es", "en"]))
@example(name='":;', subject="", body="", language="es")
def test_a_message_is_the_same_under_both_policies(
    name: str, subject: str, body: str, language: str
) -> None:
    headers = [
        ("From", f'"{name}" <soporte@example.com>'),
        ("To", "ana@example.com"),
        ("Subject", subject),
        ("Date", "Sat, 05 Dec 2026 02:00:00 +0000"),
        ("Message-ID", "<abc.mesa@example.com>"),
        ("In-Reply-To", "<x@y>"),
        ("References", "<a@b> <x@y>"),
        ("Auto-Submitted", "auto-generated"),
        ("X-Auto-Response-Suppress", "All"),
        ("X-Loop", "soporte@example.com"),
        ("Content-Language", language),
        ("X-Mesa-Notification", "7"),
    ]
    # twice with ours: the second takes the headers it parsed and folded the first time
    ours = [_outcome(POLICY, headers, body) for _ in range(2)]
    assert ours == [_outcome(policy.default, headers, body)] * 2


def test_a_notification_is_written_as_the_default_policy_writes_it() -> None:
    built = [
        build_message(
            kind=NotificationKind.TICKET_CREATED,
            language=Language.ES,
            payload={"number": n, "tracking_id": "ABC-DEF-GHIJ", "subject": "Caída", "name": "Ana"},
            recipient="ana@example.com",
            message_id=f"<{n}.mesa@example.com>",
            references=["<a@b>"],
            notification_id=n,
        )
        for n in (1, 2)
    ]
    for message in built:
        # its headers as our policy folds them (kept from the first message for the second)
        # and as the default policy folds them, from scratch
        assert message.as_bytes() == message.as_bytes(policy=policy.default)
        # its boundary named when it was built, as Python's generator draws one
        boundary = message.get_boundary()
        assert boundary is not None
        assert re.fullmatch(r"={15}\d{19}==", boundary), boundary
        assert message.as_bytes().count(f"--{boundary}".encode()) == 3
    assert built[0].get_boundary() != built[1].get_boundary()


def test_notifications_are_built_with_the_kept_classes() -> None:
    message = build_message(
        kind=NotificationKind.TICKET_CREATED,
        language=Language.ES,
        payload={"number": 1, "tracking_id": "ABC-DEF-GHIJ", "subject": "Factura", "name": "Ana"},
        recipient="ana@example.com",
        message_id="<x.mesa@example.com>",
        references=["<a@b>"],
        notification_id=5,
    )
    assert message.policy is POLICY
    again = EmailMessage(policy=POLICY)
    again["Subject"] = "Otra"
    # One class per header name, shared by every message built since.
    assert type(again["Subject"]) is type(message["Subject"])
