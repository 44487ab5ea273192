"""Upgrading to the ticket search index indexes the tickets written before it existed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


MIGRATE_TO = """
import asyncio, sys
from tortoise import Tortoise
from tortoise.migrations.api.migrate import migrate
from domain.db import tortoise_config

async def main():
    try:
        await migrate(config=tortoise_config(sys.argv[1]), app_labels=["models"],
                      target="models." + sys.argv[2])
    finally:
        await Tortoise.close_connections()

asyncio.run(main())
"""


def test_tickets_written_before_the_index_are_found_after_the_upgrade(tmp_path: Path) -> None:
    # Given a database at the migration before the index, holding a ticket and a note
    path = tmp_path / "old.sqlite3"
    url = f"sqlite://{path}"
    subprocess.run([sys.executable, "-c", MIGRATE_TO, url, "0013_views"], check=True)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO department (id, code, name, name_es) VALUES (1, 'TECH', 'Tech', 'Tec')"
        )
        connection.execute(
            "INSERT INTO ticket (id, number, tracking_id, department_id, subject, priority,"
            " impact, status, channel, created_at, updated_at, sla_pauses, guest_name,"
            " guest_email) VALUES (7, 41, 'ABC-DEF-GHJK', 1, 'Certificado vencido', 'LOW', 'LOW',"
            " 'NEW', 'EMAIL', '2026-11-01 10:00:00+00:00', '2026-11-01 10:00:00+00:00', '[]',"
            " 'Lucía', 'lucia@example.com')"
        )
        connection.executemany(
            "INSERT INTO message (ticket_id, author_kind, author_name, visibility, channel,"
            " body, created_at) VALUES (7, ?, '', ?, 'EMAIL', ?, '2026-11-01 10:00:00+00:00')",
            [
                ("GUEST", "PUBLIC", "El navegador avisa que el sitio no es seguro."),
                ("AGENT", "INTERNAL", "Renovar con el proveedor zqinterno."),
            ],
        )

    # When it is upgraded the way an operator does
    env = {**os.environ, "MESA_DATABASE_URL": url}
    mesa = Path(sys.executable).parent / "mesa"
    subprocess.run([str(mesa), "migrate"], check=True, env=env, capture_output=True)

    # Then the index holds the old ticket: words in both languages' stems, its references
    with sqlite3.connect(path) as connection:

        def rows(match: str) -> list[int]:
            query = "SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?"
            return [row[0] for row in connection.execute(query, [match])]

        assert rows("public_text : certific") == [7]
        assert rows("public_text : navegador") == [7]
        assert rows("public_text : lucia") == [7]
        assert rows("public_text : abcdef") == [7]
        assert rows("public_text : 41") == [7]
        assert rows("internal_text : zqintern") == [7]
        assert rows("public_text : zqintern") == []
