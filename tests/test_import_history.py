"""`mesa import-mail` moves another helpdesk's history in (seed 004): each ticket and message
dated as sent, the old helpdesk's answers (sent from a support address) kept as agent
replies instead of dropped as loops, and no live SLA clock on history."""

from __future__ import annotations

import mailbox
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from tests.test_apply_config import EXAMPLE, mesa

pytestmark = pytest.mark.slow


QUESTION_AT = "Mon, 02 Feb 2026 09:15:00 -0500"
ANSWER_AT = "Mon, 02 Feb 2026 11:40:00 -0500"
THANKS_AT = "Tue, 03 Feb 2026 08:05:00 -0500"


def message(
    sender: str, subject: str, body: str, date: str, message_id: str, in_reply_to: str | None = None
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "cliente@ferreteria.example" if "soporte" in sender else "soporte@mesa.example"
    mail["Subject"] = subject
    mail["Date"] = date
    mail["Message-ID"] = message_id
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
        mail["References"] = in_reply_to
    mail.set_content(body)
    return mail


def old_mailbox(folder: Path) -> Path:
    path = folder / "old-helpdesk.mbox"
    box = mailbox.mbox(path)
    box.add(
        message(
            "Cliente <cliente@ferreteria.example>",
            "No puedo entrar al panel",
            "Desde ayer el panel rechaza mi clave.",
            QUESTION_AT,
            "<q1@ferreteria.example>",
        )
    )
    box.add(
        message(
            "Soporte <soporte@mesa.example>",
            "Re: No puedo entrar al panel",
            "Restablecimos su acceso; pruebe de nuevo.",
            ANSWER_AT,
            "<a1@mesa.example>",
            "<q1@ferreteria.example>",
        )
    )
    box.add(
        message(
            "Cliente <cliente@ferreteria.example>",
            "Re: No puedo entrar al panel",
            "Ya funciona, ¡gracias!",
            THANKS_AT,
            "<t1@ferreteria.example>",
            "<a1@mesa.example>",
        )
    )
    box.close()
    return path


def when(value: object) -> datetime:
    return datetime.fromisoformat(str(value))


def test_an_old_helpdesks_conversation_is_one_ticket_dated_as_sent(tmp_path: Path) -> None:
    # Given a new install with the catalogue
    database = tmp_path / "mesa.sqlite3"
    url = f"sqlite://{database}"
    env = {"MESA_DATA_DIR": str(tmp_path), "MESA_ENV": "production"}
    assert mesa(url, "apply-config", str(EXAMPLE), **env).returncode == 0

    # When the old helpdesk's mailbox is imported: question, answer, thanks
    imported = mesa(url, "import-mail", str(old_mailbox(tmp_path)), **env)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 3 messages; 0 were already there." in imported.stdout
    assert imported.stdout.strip().endswith(
        "Tickets: 1 closed (answered, then quiet for 7 days), 0 open."
    )

    # Then there is one (guest) ticket with three messages, in order, dated as sent
    with sqlite3.connect(database) as db:
        tickets = db.execute(
            "SELECT id, status, created_at, first_responded_at, sla_check_at, "
            "first_response_due_at, next_response_due_at, closed_at FROM ticket"
        ).fetchall()
        messages = db.execute(
            "SELECT author_kind, author_name, body, created_at FROM message ORDER BY id"
        ).fetchall()
        statuses = db.execute("SELECT status FROM inbound_mail ORDER BY id").fetchall()
        events = db.execute("SELECT kind, created_at FROM ticket_event ORDER BY id").fetchall()
    [(_, status, created_at, first_responded_at, check_at, first_due, next_due, closed_at)] = (
        tickets
    )
    assert [(kind, body) for kind, _, body, _ in messages] == [
        ("GUEST", "Desde ayer el panel rechaza mi clave."),
        ("AGENT", "Restablecimos su acceso; pruebe de nuevo."),
        ("GUEST", "Ya funciona, ¡gracias!"),
    ]
    assert messages[1][1] == "Soporte"
    assert [when(m[3]) for m in messages] == [
        when("2026-02-02T09:15:00-05:00"),
        when("2026-02-02T11:40:00-05:00"),
        when("2026-02-03T08:05:00-05:00"),
    ]
    assert when(created_at) == when("2026-02-02T09:15:00-05:00")
    assert when(first_responded_at) == when("2026-02-02T11:40:00-05:00")
    # its last known state: answered, and quiet for longer than the auto-close period since
    assert status == "CLOSED"
    assert when(closed_at) == when("2026-02-03T08:05:00-05:00")
    assert statuses == [("TICKET_CREATED",), ("REPLY_ADDED",), ("REPLY_ADDED",)]
    # and its history dated as sent too, from its creation to its closing
    assert events[0][0] == "CREATED" and events[-1][0] == "STATUS_CHANGED"
    assert when(events[0][1]) == when("2026-02-02T09:15:00-05:00")
    assert all(when(at) <= when("2026-02-03T08:05:00-05:00") for _, at in events), events

    # and no live SLA clock: nothing for the SLA sweep to alert on, nothing mailed for history
    assert (check_at, first_due, next_due) == (None, None, None)
    sweep = subprocess.run(
        [sys.executable, "-c", SWEEP],
        env={**mesa_env(url), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert sweep.returncode == 0, sweep.stderr
    with sqlite3.connect(database) as db:
        alerts = db.execute(
            "SELECT count(*) FROM ticket_event WHERE kind IN ('SLA_WARNING', 'SLA_BREACHED')"
        ).fetchall()
        mailed = db.execute("SELECT kind FROM notification").fetchall()
    assert alerts == [(0,)]
    assert mailed == []


SWEEP = """
import asyncio
from domain import db
from domain.sla.marking import sweep_sla

async def main():
    await db.connect()
    try:
        await sweep_sla()
    finally:
        await db.close()

asyncio.run(main())
"""


def mesa_env(url: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("MESA_")},
        "MESA_DATABASE_URL": url,
    }


def rfc2822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(BOGOTA))


def test_imported_tickets_end_in_their_last_known_state(tmp_path: Path) -> None:
    # Given a new install with the catalogue (resolved tickets close after 7 days)
    database = tmp_path / "mesa.sqlite3"
    url = f"sqlite://{database}"
    env = {"MESA_DATA_DIR": str(tmp_path), "MESA_ENV": "production"}
    assert mesa(url, "apply-config", str(EXAMPLE), **env).returncode == 0
    now = datetime.now(UTC)

    # and the old helpdesk's mailbox:
    path = old_mailbox(tmp_path)  # A: question, answer, thanks, in February
    box = mailbox.mbox(path)
    # B: a question sent ten minutes ago, not answered yet
    asked = now - timedelta(minutes=10)
    box.add(
        message(CLIENT_B, "Factura duplicada", "Me cobraron dos veces.", rfc2822(asked), "<b1@x>")
    )
    # C: a question from two months ago nobody answered
    forgotten = now - timedelta(days=60)
    box.add(
        message(
            CLIENT_C, "Copia de seguridad", "¿Pueden restaurarla?", rfc2822(forgotten), "<c1@x>"
        )
    )
    # D: a question answered two days ago (the customer may still reply)
    box.add(
        message(
            CLIENT_D, "DNS", "No resuelve mi dominio.", rfc2822(now - timedelta(days=3)), "<d1@x>"
        )
    )
    box.add(
        message(
            "Soporte <soporte@mesa.example>",
            "Re: DNS",
            "Corregimos el registro; espere la propagación.",
            rfc2822(now - timedelta(days=2)),
            "<d2@mesa.example>",
            "<d1@x>",
        )
    )
    box.close()

    # When it is imported
    imported = mesa(url, "import-mail", str(path), **env)
    assert imported.returncode == 0, imported.stderr
    assert "Tickets: 1 closed (answered, then quiet for 7 days), 3 open." in imported.stdout

    # Then each ticket is in the state its history left it in
    states = tickets_by_subject(database)
    a, b, c, d = (
        states[s]
        for s in ("No puedo entrar al panel", "Factura duplicada", "Copia de seguridad", "DNS")
    )
    # A: answered, then quiet for longer than the auto-close period: closed, no clock
    assert (a["status"], a["sla_due_at"], a["sla_check_at"]) == ("CLOSED", None, None)
    # B: open, and owed its first response from when the customer wrote
    assert b["status"] == "NEW"
    assert when(b["created_at"]) == asked.replace(microsecond=0)
    assert now < when(b["first_response_expected_at"]) < when(b["first_response_due_at"])
    assert b["sla_due_at"] == b["first_response_due_at"]
    assert b["sla_check_at"] == b["first_response_expected_at"]  # the live warning ahead
    # C: open, overdue since long before the import, recorded as such without an alert
    assert c["status"] == "NEW"
    assert when(c["first_response_due_at"]) < now
    assert (c["sla_warned_for"], c["sla_breached_for"]) == (
        c["first_response_expected_at"],
        c["first_response_due_at"],
    )
    assert c["sla_check_at"] is None or when(c["sla_check_at"]) > now
    # D: support spoke last, recently: waiting on the customer, clock paused
    assert (d["status"], d["sla_check_at"]) == ("WAITING_ON_CUSTOMER", None)

    # and the SLA sweep raises nothing for history, nor is anybody mailed
    sweep = subprocess.run(
        [sys.executable, "-c", SWEEP],
        env={**mesa_env(url), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert sweep.returncode == 0, sweep.stderr
    with sqlite3.connect(database) as db:
        alerts = db.execute(
            "SELECT count(*) FROM ticket_event WHERE kind IN ('SLA_WARNING', 'SLA_BREACHED')"
        ).fetchall()
        mailed = db.execute("SELECT kind FROM notification").fetchall()
        closing = db.execute(
            "SELECT created_at FROM ticket_event WHERE ticket_id = ? AND kind = 'STATUS_CHANGED' "
            "AND after LIKE '%CLOSED%'",
            (a["id"],),
        ).fetchall()
    assert alerts == [(0,)]
    assert mailed == []
    assert [when(at) for (at,) in closing] == [when("2026-02-03T08:05:00-05:00")]

    # and importing it again changes nothing
    again = mesa(url, "import-mail", str(path), **env)
    assert "Imported 0 messages; 7 were already there." in again.stdout
    assert tickets_by_subject(database) == states


CLIENT_B = "Beatriz <beatriz@panaderia.example>"
CLIENT_C = "Carlos <carlos@taller.example>"
CLIENT_D = "Diana <diana@libreria.example>"
BOGOTA = timezone(timedelta(hours=-5))


def tickets_by_subject(database: Path) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(
            "SELECT id, subject, status, created_at, first_response_expected_at, "
            "first_response_due_at, sla_due_at, sla_check_at, sla_warned_for, sla_breached_for "
            "FROM ticket"
        ).fetchall()
    return {row["subject"]: dict(row) for row in rows}
