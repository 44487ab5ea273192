"""The `mesa` command in real subprocesses against a database of its own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "mesa.sqlite3"


def mesa(database_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MESA_")},
        "MESA_DATABASE_URL": f"sqlite://{database_path}",
        "MESA_DATA_DIR": str(database_path.parent),
        "COLUMNS": "200",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "mesa", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def rows(database_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database_path) as connection:
        return connection.execute(sql).fetchall()


def test_migrate_creates_the_database(database_path: Path) -> None:
    # when
    result = mesa(database_path, "migrate")

    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Database sqlite://{database_path} is up to date.\n"
    assert rows(database_path, "SELECT count(*) FROM support_level") == [(0,)]


def test_seed_demo_loads_the_demo_data_once(database_path: Path) -> None:
    # when the demo data is seeded twice
    first = mesa(database_path, "seed-demo")
    second = mesa(database_path, "seed-demo")

    # then the first run loads it and the second leaves the database alone
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Demo data loaded.")
    assert "supervisor@mesa.example" in first.stdout
    assert second.returncode == 0, second.stderr
    assert second.stdout == "The database already has data; demo data not loaded.\n"
    assert rows(database_path, "SELECT code, name, rank FROM support_level ORDER BY rank") == [
        ("N1", "Nivel 1", 1),
        ("N2", "Nivel 2", 2),
        ("N3", "Nivel 3 Premium", 3),
    ]
    assert rows(database_path, "SELECT code FROM department ORDER BY id") == [
        ("TECH",),
        ("BILLING",),
        ("GENERAL",),
    ]
    assert rows(
        database_path, "SELECT default_impact, count(*) FROM category GROUP BY 1 ORDER BY 1"
    ) == [("HIGH", 4), ("LOW", 4), ("MEDIUM", 7)]
    assert rows(
        database_path,
        "SELECT c.client_number, s.name, l.code FROM customer c "
        "JOIN service s ON s.customer_id = c.id JOIN support_level l ON l.id = s.support_level_id "
        "ORDER BY c.client_number",
    ) == [
        ("C-1001", "Hosting Plan Básico", "N1"),
        ("C-1002", "VPS Estándar", "N2"),
        ("C-1003", "Dedicated Server Premium", "N3"),
    ]
    assert rows(database_path, "SELECT email, role FROM staff ORDER BY id") == [
        ("agent@mesa.example", "AGENT"),
        ("billing@mesa.example", "AGENT"),
        ("supervisor@mesa.example", "SUPERVISOR"),
        ("admin@mesa.example", "ADMIN"),
    ]
    assert rows(
        database_path,
        "SELECT l.code, t.impact, t.clock, t.first_response_expected_minutes, "
        "t.first_response_due_minutes FROM sla_target t "
        "JOIN support_level l ON l.id = t.support_level_id WHERE l.code = 'N1' ORDER BY t.id",
    ) == [
        ("N1", "HIGH", "ALWAYS", 60, 60),
        ("N1", "MEDIUM", "BUSINESS_HOURS", 180, 300),
        ("N1", "LOW", "BUSINESS_HOURS", 300, 360),
    ]


def test_seed_demo_refuses_to_run_in_production(database_path: Path) -> None:
    result = mesa(database_path, "seed-demo", MESA_ENV="production")

    assert result.returncode == 2
    assert "never loaded in production" in result.stderr
    assert not database_path.exists()


def test_export_schema_prints_the_sdl_of_the_api() -> None:
    from api.schema import schema

    # when
    result = mesa(Path("/nonexistent/mesa.sqlite3"), "export-schema", "--stdout")

    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout == schema.as_str() + "\n"


def test_export_schema_writes_the_file_it_is_given(tmp_path: Path) -> None:
    from api.schema import schema

    output = tmp_path / "schema.graphql"

    result = mesa(tmp_path / "mesa.sqlite3", "export-schema", "--output", str(output))

    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8") == schema.as_str() + "\n"


@pytest.mark.parametrize("command", ["worker", "scheduler"])
def test_distributed_commands_refuse_to_run_embedded(database_path: Path, command: str) -> None:
    result = mesa(database_path, command)

    assert result.returncode == 2
    assert f"mesa {command} needs MESA_REDIS_URL" in result.stderr
