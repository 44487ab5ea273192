"""`mesa apply-config`: the catalogue as code, applied in one transaction, idempotent, with a
dry run, and a broken file refused with every problem and line named, on SQLite and
PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest

from tests.own_database import copy_migrated
from tests.services import Postgres
from tests.test_cli import ROOT

pytestmark = pytest.mark.slow


EXAMPLE = ROOT / "examples" / "helpdesk.toml"
SNAPSHOT = (
    "SELECT code, name, rank, description, calendar_id, monthly_price, currency, channels, "
    "channel_conditions, is_active FROM support_level ORDER BY code",
    "SELECT l.code, t.impact, t.clock, t.first_response_expected_minutes, "
    "t.first_response_due_minutes FROM sla_target t JOIN support_level l "
    "ON l.id = t.support_level_id ORDER BY l.code, t.impact",
    "SELECT name, timezone, weekly_hours, holiday_country FROM business_calendar ORDER BY name",
    "SELECT code, name, name_es, is_active FROM department ORDER BY code",
    "SELECT code, department_id, name, name_es, default_impact, is_active FROM category "
    "ORDER BY code",
    "SELECT count(*) FROM audit_entry",
    "SELECT key, field_type, department_id, category_id, is_required, visibility, options "
    "FROM custom_field ORDER BY key",
)


@pytest.fixture(params=["sqlite", "postgres"])
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite://{tmp_path / 'mesa.sqlite3'}"
    postgres: Postgres = request.getfixturevalue("postgres")
    return await postgres.create_database(f"config_{os.urandom(4).hex()}")


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An install's database, migrated already (a copy): that apply-config migrates an empty
    one is the first test's."""
    if request.param == "sqlite":
        copy_migrated(tmp_path / "mesa.sqlite3")
        return f"sqlite://{tmp_path / 'mesa.sqlite3'}"
    postgres: Postgres = request.getfixturevalue("postgres")
    return await postgres.prepared_database(f"config_{os.urandom(4).hex()}", "migrate")


def mesa(database_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MESA_")},
        "MESA_DATABASE_URL": database_url,
        "MESA_ENV": "production",
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


async def snapshot(database_url: str) -> list[list[tuple[object, ...]]]:
    """Everything the catalogue file manages, read straight from the database."""
    if database_url.startswith("sqlite://"):
        with sqlite3.connect(database_url.removeprefix("sqlite://")) as connection:
            return [connection.execute(sql).fetchall() for sql in SNAPSHOT]
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://"))
    try:
        return [[tuple(row) for row in await connection.fetch(sql)] for sql in SNAPSHOT]
    finally:
        await connection.close()


async def run(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(mesa, database_url, *args)


async def test_applying_the_example_twice_changes_nothing_the_second_time(
    empty_database_url: str,
) -> None:
    # when the example catalogue is applied to an empty database
    database_url = empty_database_url
    first = await run(database_url, "apply-config", str(EXAMPLE))
    after_first = await snapshot(database_url)

    # then it creates the seeds' catalogue, each change on a line
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[:5] == [
        "+ calendar Bogotá",
        "+ support level N1",
        "+ target N1 HIGH",
        "+ target N1 MEDIUM",
        "+ target N1 LOW",
    ]
    assert lines[-1] == f"Applied 34 change(s) from {EXAMPLE}."
    assert lines[-4:-1] == [
        "+ custom field dominio",
        "+ custom field ip_servidor",
        "+ custom field numero_factura",
    ]
    levels = after_first[0]
    assert [(row[0], str(row[5]), row[6]) for row in levels] == [
        ("N1", "0.00", "COP"),
        ("N2", "0.00", "COP"),
        ("N3", "120900.00", "COP"),
    ]
    assert all(row[4] is not None for row in levels)  # every level has the Bogotá calendar
    assert after_first[5] == [(34,)]  # one audit entry per change
    assert [(row[0], row[1], row[5]) for row in after_first[6]] == [
        ("dominio", "TEXT", "CUSTOMERS"),
        ("ip_servidor", "TEXT", "STAFF"),
        ("numero_factura", "TEXT", "CUSTOMERS"),
    ]

    # when it is applied again
    second = await run(database_url, "apply-config", str(EXAMPLE))

    # then nothing changes and it says so
    assert second.returncode == 0, second.stderr
    assert second.stdout == f"No change: the database already matches {EXAMPLE}.\n"
    assert await snapshot(database_url) == after_first


async def test_a_dry_run_prints_the_changes_and_makes_none(
    database_url: str, tmp_path: Path
) -> None:
    # given the example applied, and a file that renames a level and retires a category
    await run(database_url, "apply-config", str(EXAMPLE))
    before = await snapshot(database_url)
    edited = tmp_path / "edited.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('name = "Nivel 2"', 'name = "Nivel 2 Plus"')
    text = text.replace('default_impact = "LOW"\n', 'default_impact = "LOW"\nactive = false\n', 1)
    edited.write_text(text, encoding="utf-8")

    # when it is applied with --dry-run
    dry = await run(database_url, "apply-config", str(edited), "--dry-run")

    # then the two changes are listed and nothing changed
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "~ support level N2: name: 'Nivel 2' -> 'Nivel 2 Plus'",
        "~ category password_panel_access: is_active: True -> False",
        "Dry run: 2 change(s) would be made; nothing was changed.",
    ]
    assert await snapshot(database_url) == before

    # and applied for real, the same two changes are made and audited
    real = await run(database_url, "apply-config", str(edited))
    assert real.stdout.splitlines()[:2] == dry.stdout.splitlines()[:2]
    after = await snapshot(database_url)
    assert [row[1] for row in after[0]] == ["Nivel 1", "Nivel 2 Plus", "Nivel 3 Premium"]
    assert after[5] == [(36,)]


BROKEN = """\
[[calendars]]
name = "Madrid"
timezone = "Europe/Nowhere"
hours = { monday = ["09:00-18:00"], funday = ["10:00-11:00"] }

[[support_levels]]
code = "N1"
name = "Nivel 1 cambiado"
calendar = "Lima"
channels = { WEB = "ALWAYS", FAX = "ALWAYS" }
targets.HIGH = { clock = "ALWAYS", first_response = "5h..1h" }
colour = "red"

[[categories]]
code = "how_to"
department = "NOPE"
name = "X"
name_es = "X"
default_impact = "HUGE"
"""


async def test_a_broken_file_names_every_problem_and_line_and_changes_nothing(
    database_url: str, tmp_path: Path
) -> None:
    # given the example applied, and a file with many mistakes
    await run(database_url, "apply-config", str(EXAMPLE))
    before = await snapshot(database_url)
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")

    # when it is applied
    result = await run(database_url, "apply-config", str(broken))

    # then it exits non-zero naming each problem with its line, and nothing changed
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{broken}:3: unknown time zone `Europe/Nowhere`",
        f"{broken}:4: unknown weekday `funday` (use monday, tuesday, wednesday, thursday, "
        "friday, saturday, sunday)",
        f"{broken}:9: unknown calendar `Lima` (declare it in [[calendars]])",
        f"{broken}:10: unknown channel `FAX`",
        f"{broken}:11: the expected time (5h) is after the due time (1h)",
        f"{broken}:12: unknown key `colour` (known: active, calendar, channels, code, currency, "
        "description, monthly_price, name, rank, targets)",
        f"{broken}:16: unknown department `NOPE` (declare it in [[departments]])",
        f"{broken}:19: unknown impact `HUGE`",
        "8 problem(s); nothing was changed.",
    ]
    assert await snapshot(database_url) == before


async def test_a_file_that_is_not_toml_names_the_line(database_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "syntax.toml"
    broken.write_text('[[departments]]\ncode = "X"\nname = \n', encoding="utf-8")

    result = await run(database_url, "apply-config", str(broken))

    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"{broken}:3: Invalid value")


def test_seed_demo_loads_the_example_catalogue(tmp_path: Path) -> None:
    # given the demo data, loaded in development
    url = f"sqlite://{tmp_path / 'mesa.sqlite3'}"
    seeded = mesa(url, "seed-demo", MESA_ENV="development", MESA_DATA_DIR=str(tmp_path))
    assert seeded.returncode == 0, seeded.stderr

    # when the example file is applied over it
    result = mesa(url, "apply-config", str(EXAMPLE), MESA_DATA_DIR=str(tmp_path))

    # then there is nothing to change: the demo's catalogue is the file
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"No change: the database already matches {EXAMPLE}.\n"


FIELDS = """\
[[departments]]
code = "TECH"
name = "Technical Support"
name_es = "Soporte Técnico"

[[categories]]
code = "hosting"
department = "TECH"
name = "Hosting"
name_es = "Hosting"
default_impact = "LOW"

[[custom_fields]]
key = "plan"
type = "SELECT"
label_es = "Plan"
label_en = "Plan"
category = "hosting"
required = true
options = [{ key = "basico", label_es = "Básico", label_en = "Basic" }]

[[custom_fields]]
key = "Mal Nombre"
type = "COLOUR"
label_es = "X"
label_en = "X"
department = "NOPE"
options = []
"""


async def test_custom_fields_are_declared_in_the_file_and_bad_ones_named_by_line(
    database_url: str, tmp_path: Path
) -> None:
    # given a file with a good field and a bad one
    path = tmp_path / "fields.toml"
    path.write_text(FIELDS, encoding="utf-8")

    # when it is applied
    refused = await run(database_url, "apply-config", str(path))

    # then every problem of the bad one is named with its line, and nothing is applied
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[:4] == [
        f'{path}:23: `key` must be lower-case letters, digits and _, e.g. "dominio"',
        f"{path}:24: unknown field type `COLOUR`",
        f"{path}:27: unknown department `NOPE` (declare it in [[departments]])",
        f"{path}:28: only SELECT fields have `options`",
    ]
    assert refused.stdout == ""

    # and without the bad one it is applied, the category's department implied
    path.write_text(FIELDS.split('[[custom_fields]]\nkey = "Mal')[0], encoding="utf-8")
    applied = await run(database_url, "apply-config", str(path))
    assert applied.returncode == 0, applied.stderr
    [(key, kind, department, category, required, _, options)] = (await snapshot(database_url))[6]
    assert (key, kind, required) == ("plan", "SELECT", True)
    assert department is not None and category is not None
    assert "basico" in str(options)
