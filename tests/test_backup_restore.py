"""`mesa backup` while Mesa runs, then `mesa restore` into an empty install: every ticket,
message, attachment and raw mail is back, byte-identical, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import hashlib
import mailbox
import sqlite3
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from tests import test_production_install as production
from tests.graphql_client import GraphQLClient
from tests.test_production_install import Install, call, new_install, step
from tests.uploads import ATTACHMENTS, REPLY_WITH_FILES, pdf, png, upload

pytestmark = pytest.mark.slow


# The production install's fixtures: an empty install of each kind, then set up and running.
install = production.install
running = production.running

ROWS = (
    "SELECT id, number, tracking_id, subject, status, customer_id FROM ticket ORDER BY id",
    "SELECT id, ticket_id, body, visibility FROM message ORDER BY id",
    "SELECT id, message_id, sha256, size, state FROM attachment ORDER BY id",
    "SELECT id, raw_path, content_hash, status FROM inbound_mail ORDER BY id",
    "SELECT email, role FROM staff ORDER BY id",
    "SELECT code FROM support_level ORDER BY id",
)


async def rows(target: Install) -> list[list[tuple[Any, ...]]]:
    url = target.env["MESA_DATABASE_URL"]
    if url.startswith("sqlite://"):
        with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
            return [connection.execute(sql).fetchall() for sql in ROWS]
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    try:
        return [[tuple(row) for row in await connection.fetch(sql)] for sql in ROWS]
    finally:
        await connection.close()


def files(target: Install) -> dict[str, str]:
    """sha256 of every stored attachment and raw mail, by path inside the data folder."""
    root = target.data_dir
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("attachments/blobs", "inbound")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def mbox_with_one_message(folder: Path) -> Path:
    path = folder / "old.mbox"
    box = mailbox.mbox(path)
    message = EmailMessage()
    message["From"] = "Laura <laura@cliente.example>"
    message["To"] = "soporte@mesa.example"
    message["Subject"] = "Factura duplicada"
    message["Message-ID"] = "<old-1@cliente.example>"
    message["Date"] = "Mon, 02 Feb 2026 10:00:00 -0500"
    message.set_content("Me llegó la factura dos veces.")
    message.add_attachment(
        b"%PDF-1.4 factura", maintype="application", subtype="pdf", filename="factura.pdf"
    )
    box.add(message)
    box.close()
    return path


async def settled(target: Install) -> list[list[tuple[Any, ...]]]:
    """The rows once the workers stored every attachment (the mail's too)."""
    for _ in range(600):
        found = await rows(target)
        if len(found[2]) == 3 and all(row[4] == "STORED" for row in found[2]):
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"attachments not stored: {found[2]}")


async def stored(gql: GraphQLClient, tracking_id: str, token: str, count: int) -> None:
    for _ in range(300):
        ticket = await call(gql, ATTACHMENTS, token, t=tracking_id)
        states = [a["state"] for a in ticket["attachments"]]
        if states.count("STORED") == count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"attachments not stored: {states}")


async def test_backup_then_restore_into_an_empty_install_brings_everything_back(
    request: pytest.FixtureRequest,
    install: Install,
    running: GraphQLClient,
    tmp_path: Path,
) -> None:
    gql = running
    # Given a customer's ticket with a reply carrying two files, and an imported mail
    admin = (
        await call(
            gql,
            'mutation { agentLogin(email: "rosa@soporte.example", '
            'password: "una-clave-de-admin-larga") { ... on LoginSuccess { token } } }',
        )
    )["token"]
    levels = await call(gql, "{ supportLevels { id code } }")
    customer = await call(
        gql,
        "mutation($input: CreateCustomerInput!) { createCustomer(input: $input) "
        "{ ... on CustomerSuccess { customer { id } } } }",
        admin,
        input={
            "clientNumber": "C-3001",
            "name": "Acme",
            "email": "acme@example.com",
            "password": "clave-de-acme-larga",
        },
    )
    await call(
        gql,
        "mutation($input: AddServiceInput!) { addService(input: $input) { __typename } }",
        admin,
        input={
            "customerId": customer["customer"]["id"],
            "name": "Hosting",
            "supportLevelId": levels[0]["id"],
        },
    )
    token = (
        await call(
            gql,
            'mutation { login(clientNumber: "C-3001", password: "clave-de-acme-larga") '
            "{ ... on LoginSuccess { token } } }",
        )
    )["token"]
    services = await call(gql, "{ services { id } }", token)
    categories = await call(gql, "{ categories { id } }")
    ticket = (
        await call(
            gql,
            "mutation($input: CreateTicketInput!) { createTicket(input: $input) "
            "{ ... on CreateTicketSuccess { ticket { id trackingId } } } }",
            token,
            input={
                "subject": "Copia de seguridad",
                "message": "Adjunto capturas.",
                "serviceId": services[0]["id"],
                "categoryId": categories[0]["id"],
            },
        )
    )["ticket"]
    reply = await upload(
        gql,
        REPLY_WITH_FILES,
        {"input": {"ticketId": ticket["id"], "message": "Aquí van."}},
        [("captura.png", png(31), "image/png"), ("informe.pdf", pdf("informe"), "application/pdf")],
        token=token,
    )
    assert reply.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess", reply.body
    await stored(gql, ticket["trackingId"], token, 2)
    await asyncio.to_thread(step, install, "import-mail", str(mbox_with_one_message(tmp_path)))
    before_rows = await settled(install)
    before_files = files(install)
    assert len(before_rows[2]) == 3 and len(before_rows[3]) == 1
    assert len(before_files) == 4  # three stored attachments (one from the mail), one raw mail

    # When it is backed up while running, and restored into an empty install
    archive = tmp_path / "mesa-backup.tar"
    backed_up = await asyncio.to_thread(step, install, "backup", str(archive))
    empty = await new_install(request, install.kind, tmp_path / "second")
    restored = await asyncio.to_thread(step, empty, "restore", str(archive))

    # Then every row and every file is back, byte for byte
    assert backed_up.startswith(f"Backed up the {install.kind} database and ")
    assert restored.startswith(f"Restored the {install.kind} database and ")
    assert await rows(empty) == before_rows
    assert files(empty) == before_files
