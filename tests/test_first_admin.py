"""`mesa create-admin`: the first administrator of an empty install, password on stdin."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from tests.own_database import copy_migrated
from tests.test_cli import ROOT, rows

pytestmark = pytest.mark.slow


PASSWORD = "correct-horse-battery"


@pytest.fixture
def empty_database_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "mesa.sqlite3"


@pytest.fixture
def database_path(empty_database_path: Path) -> Path:
    """An install's database, migrated already (a copy): that create-admin migrates an empty
    one is the first test's."""
    empty_database_path.parent.mkdir(parents=True)
    copy_migrated(empty_database_path)
    return empty_database_path


def create_admin(
    database_path: Path, *args: str, stdin: str = PASSWORD + "\n"
) -> subprocess.CompletedProcess[str]:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MESA_")},
        "MESA_DATABASE_URL": f"sqlite://{database_path}",
        "MESA_DATA_DIR": str(database_path.parent),
        "MESA_ENV": "production",
        "COLUMNS": "200",
    }
    return subprocess.run(
        [sys.executable, "-m", "mesa", "create-admin", *args],
        cwd=ROOT,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


ADMIN = ("--email", "Root@Example.org", "--name", "Rosa Root", "--password-stdin")


def test_create_admin_creates_an_administrator_from_the_password_on_stdin(
    empty_database_path: Path,
) -> None:
    # when, on an empty install in production
    database_path = empty_database_path
    result = create_admin(database_path, *ADMIN)

    # then the database is migrated and holds one active admin whose password is the line read
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Administrator root@example.org created; log in with agentLogin.\n"
    [(email, name, role, active, password_hash)] = rows(
        database_path, "SELECT email, name, role, is_active, password_hash FROM staff"
    )
    assert (email, name, role, active) == ("root@example.org", "Rosa Root", "ADMIN", 1)
    assert PasswordHasher().verify(str(password_hash), PASSWORD)


def test_create_admin_twice_changes_nothing(database_path: Path) -> None:
    # given an admin
    create_admin(database_path, *ADMIN)
    before = rows(database_path, "SELECT * FROM staff")

    # when the same command runs again, even with another password
    again = create_admin(database_path, *ADMIN, stdin="another-strong-password\n")

    # then it succeeds and leaves the admin (and its password) alone
    assert again.returncode == 0, again.stderr
    assert again.stdout == "Administrator root@example.org already exists; nothing changed.\n"
    assert rows(database_path, "SELECT * FROM staff") == before


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "Choose a password of 10 to 200 characters."),
        ("aaaaaaaaaaaaaa", "This password is too easy to guess"),
        ("1234567890", "This password is too easy to guess"),
        ("Password123", "This password is too easy to guess"),
        ("", "Choose a password of 10 to 200 characters."),
    ],
)
def test_create_admin_refuses_a_weak_password_and_creates_nothing(
    database_path: Path, password: str, reason: str
) -> None:
    result = create_admin(database_path, *ADMIN, stdin=password + "\n")

    assert result.returncode == 2
    assert reason in result.stderr
    assert "contraseña" in result.stderr
    assert rows(database_path, "SELECT count(*) FROM staff") == [(0,)]


def test_create_admin_refuses_a_bad_email_and_a_password_on_the_command_line(
    database_path: Path,
) -> None:
    bad_email = create_admin(database_path, "--email", "root", "--name", "Rosa", "--password-stdin")
    no_stdin = create_admin(database_path, "--email", "root@example.org", "--name", "Rosa")

    assert bad_email.returncode == 2
    assert "Give a valid email address." in bad_email.stderr
    assert no_stdin.returncode == 2
    assert "--password-stdin" in no_stdin.stderr
    assert rows(database_path, "SELECT count(*) FROM staff") == [(0,)]


def test_create_admin_does_not_promote_an_existing_agent(database_path: Path) -> None:
    # given an agent with that email
    create_admin(database_path, *ADMIN)
    with sqlite3.connect(database_path) as connection:
        connection.execute("UPDATE staff SET role = 'AGENT'")

    # when create-admin names them
    result = create_admin(database_path, *ADMIN)

    # then it is refused: roles change through the API, where the change is recorded
    assert result.returncode == 2
    assert "not an active administrator" in result.stderr
    assert rows(database_path, "SELECT role FROM staff") == [("AGENT",)]
