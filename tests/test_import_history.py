"""`mesa import-mail` moves another helpdesk's history in (seed 004): each ticket and message
dated as sent, the old helpdesk's answers (sent from a support address) kept as agent
replies instead of dropped as loops, and no live SLA clock on history."""

from __future__ import annotations

import mailbox
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from tests.test_apply_config import EXAMPLE, mesa

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
    assert imported.stdout.strip().endswith("Imported 3 messages; 0 were already there.")

    # Then there is one (guest) ticket with three messages, in order, dated as sent
    with sqlite3.connect(database) as db:
        tickets = db.execute(
            "SELECT id, status, created_at, first_responded_at, sla_check_at, "
            "first_response_due_at, next_response_due_at FROM ticket"
        ).fetchall()
        messages = db.execute(
            "SELECT author_kind, author_name, body, created_at FROM message ORDER BY id"
        ).fetchall()
        statuses = db.execute("SELECT status FROM inbound_mail ORDER BY id").fetchall()
    [(_, status, created_at, first_responded_at, check_at, first_due, next_due)] = tickets
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
    assert status == "WAITING_ON_AGENT"  # its last known state: the customer spoke last
    assert statuses == [("TICKET_CREATED",), ("REPLY_ADDED",), ("REPLY_ADDED",)]

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
