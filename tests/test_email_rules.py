"""The loop rules (RFC 3834) and the parser's reading of addresses and threads, as pure
functions on real message bytes."""

from __future__ import annotations

import pytest

from domain.email.loops import classify
from domain.email.parsing import parse_message, without_quote

OWN = {"soporte@mesa.example"}


def _raw(*headers: str, body: str = "hola") -> bytes:
    return ("\r\n".join(headers) + "\r\n\r\n" + body + "\r\n").encode()


@pytest.mark.parametrize(
    ("headers", "dropped"),
    [
        (("From: soporte@mesa.example",), "our own addresses"),
        (("From: a@x.example", "X-Loop: soporte@mesa.example"), "X-Loop"),
        (("Return-Path: <>", "From: a@x.example"), "bounce"),
        (("From: MAILER-DAEMON@mx.example",), "bounce"),
        (("From: a@x.example", "Content-Type: multipart/report; report-type=x"), "bounce"),
        (("From: a@x.example", "Auto-Submitted: auto-replied"), "out of office"),
        (("From: a@x.example", "X-Autoreply: yes"), "out of office"),
        (("Subject: nobody",), "no sender"),
    ],
)
def test_robots_and_our_own_mail_are_dropped(headers: tuple[str, ...], dropped: str) -> None:
    verdict = classify(parse_message(_raw(*headers)), own_addresses=OWN)
    assert verdict.drop is not None and dropped in verdict.drop
    assert verdict.silent is not None


@pytest.mark.parametrize(
    ("headers", "silent"),
    [
        (("From: a@x.example", "Auto-Submitted: auto-generated"), "Auto-Submitted"),
        (("From: a@x.example", "Precedence: junk"), "Precedence"),
        (("From: a@x.example", "List-Unsubscribe: <mailto:u@x.example>"), "mailing list"),
        (("From: No_Reply@x.example",), "no-reply"),
        (("From: a@x.example", "X-Auto-Response-Suppress: All"), "Suppress"),
    ],
)
def test_bulk_and_automatic_mail_is_kept_but_never_answered(
    headers: tuple[str, ...], silent: str
) -> None:
    verdict = classify(parse_message(_raw(*headers)), own_addresses=OWN)
    assert verdict.drop is None
    assert verdict.silent is not None and silent in verdict.silent


def test_a_person_writing_is_answered() -> None:
    mail = parse_message(_raw("From: Ana <ANA@X.example>", "Auto-Submitted: no"))
    verdict = classify(mail, own_addresses=OWN)
    assert (verdict.drop, verdict.silent) == (None, None)
    assert (mail.sender, mail.sender_name) == ("ana@x.example", "Ana")


def test_threads_are_read_nearest_first_and_the_tag_from_the_subject() -> None:
    mail = parse_message(
        _raw(
            "From: a@x.example",
            "Subject: Re: [#ACD-EFG-HJKM] =?utf-8?q?Caf=C3=A9?=",
            "In-Reply-To: <c@mesa.example>",
            "References: <a@x.example> <b@mesa.example>\r\n <c@mesa.example>",
        )
    )
    assert mail.subject == "Re: [#ACD-EFG-HJKM] Café"
    assert mail.tracking_id_in_subject == "ACD-EFG-HJKM"
    assert mail.thread_ids == [
        "<c@mesa.example>",
        "<c@mesa.example>",
        "<b@mesa.example>",
        "<a@x.example>",
    ]


def test_a_reply_keeps_what_is_above_the_quote() -> None:
    text = "Gracias, funciona.\n\nOn Mon, 23 Nov 2026, Mesa wrote:\n> Hola\n> Prueba"
    assert without_quote(text) == "Gracias, funciona."
    assert without_quote("> solo cita") == "> solo cita"
