"""`mesa import-mail`: another helpdesk's mbox or maildir becomes tickets and replies, once."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.test_cli import mesa, rows

pytestmark = pytest.mark.slow


def _message(sender: str, subject: str, body: str, message_id: str, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "soporte@mesa.example"
    message["Subject"] = subject
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def test_an_mbox_and_a_maildir_are_imported_once_as_tickets_and_replies(tmp_path: Path) -> None:
    database = tmp_path / "var" / "mesa.sqlite3"
    assert mesa(database, "seed-demo").returncode == 0
    # Given an mbox with a request, its follow-up, and a message without a Message-ID
    box = mailbox.mbox(tmp_path / "old.mbox")
    box.add(_message("rosa@client.example", "Backup", "Necesito restaurar.", "<old-1@legacy>"))
    box.add(
        _message(
            "rosa@client.example", "Re: Backup", "Del martes.", "<old-2@legacy>",
            In_Reply_To="<old-1@legacy>",
        )
    )  # fmt: skip
    no_id = _message("sin-id@client.example", "Sin ID", "hola", "<x@x>")
    del no_id["Message-ID"]
    box.add(no_id)
    box.flush()
    # and a maildir with one more message
    folder = mailbox.Maildir(tmp_path / "old-maildir", create=True)
    folder.add(_message("pablo@client.example", "DNS", "No resuelve.", "<old-3@legacy>"))

    # When both are imported, then imported again
    first = mesa(database, "import-mail", str(tmp_path / "old.mbox"))
    second = mesa(database, "import-mail", str(tmp_path / "old.mbox"))
    maildir = mesa(database, "import-mail", str(tmp_path / "old-maildir"))

    # Then the first run made two tickets (one with the follow-up) and the second nothing
    assert first.returncode == 0, first.stderr
    assert "Imported 3 messages; 0 were already there." in first.stdout
    assert "Imported 0 messages; 3 were already there." in second.stdout
    assert "Imported 1 messages" in maildir.stdout
    tickets = rows(
        database,
        "SELECT guest_email, channel, (SELECT count(*) FROM message m WHERE m.ticket_id = t.id)"
        " FROM ticket t ORDER BY id",
    )
    assert tickets == [
        ("rosa@client.example", "EMAIL", 2),
        ("sin-id@client.example", "EMAIL", 1),
        ("pablo@client.example", "EMAIL", 1),
    ]
    # and history is not answered: no acknowledgement was recorded
    assert rows(database, "SELECT count(*) FROM notification") == [(0,)]


def test_import_mail_refuses_a_path_that_is_no_mailbox(tmp_path: Path) -> None:
    # When the path does not exist, or is a folder that is not a maildir
    (tmp_path / "plain").mkdir()
    missing = mesa(tmp_path / "db.sqlite3", "import-mail", str(tmp_path / "nothing.mbox"))
    plain = mesa(tmp_path / "db.sqlite3", "import-mail", str(tmp_path / "plain"))

    # Then each is a clear error and exit code 2
    assert (missing.returncode, plain.returncode) == (2, 2)
    assert "does not exist" in missing.stderr
    assert "not a maildir" in plain.stderr


def test_an_interrupted_import_is_finished_by_the_next_run(tmp_path: Path) -> None:
    database = tmp_path / "var" / "mesa.sqlite3"
    box = mailbox.mbox(tmp_path / "one.mbox")
    box.add(_message("eva@client.example", "Correo", "No envía.", "<one@legacy>"))
    box.flush()

    # When the import runs on a database with no department to put tickets in yet
    first = mesa(database, "import-mail", str(tmp_path / "one.mbox"))

    # Then it stops with a clear error, the message kept but not processed
    assert first.returncode == 2
    assert "No department exists to receive mail." in first.stderr
    assert rows(database, "SELECT status FROM inbound_mail") == [("RECEIVED",)]

    # When the catalogue exists and the import runs again
    assert mesa(database, "seed-demo").returncode == 0
    second = mesa(database, "import-mail", str(tmp_path / "one.mbox"))

    # Then it finishes that message, once
    assert "Imported 1 messages; 0 were already there." in second.stdout, second.stderr
    assert rows(database, "SELECT status FROM inbound_mail") == [("TICKET_CREATED",)]
    assert rows(database, "SELECT count(*) FROM ticket") == [(1,)]
