"""Setting up and operating an install from the command line: the first administrator, the
catalogue file, backups."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from domain import db
from domain.catalog.apply_config import Change, apply_catalogue
from domain.catalog.config_file import Catalogue, ConfigInvalid, parse_catalogue
from domain.errors import DomainError
from domain.identity.first_admin import FirstAdmin, ensure_admin
from domain.models import Language

console = Console()
errors = Console(stderr=True)


async def _create_admin(email: str, name: str, password: str, language: str) -> FirstAdmin:
    await db.migrate()
    await db.connect()
    try:
        return await ensure_admin(
            email=email, name=name, password=password, language=Language(language)
        )
    finally:
        await db.close()


def create_admin(
    email: Annotated[str, typer.Option(help="The administrator's login.")],
    name: Annotated[str, typer.Option(help="The name shown to colleagues and customers.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    language: Annotated[str, typer.Option(help="es or en: the language of their mail.")] = "es",
) -> None:
    """Create an administrator (nothing changes when one with this email exists)."""
    if not password_stdin:
        errors.print(
            "[red]Pass the password on standard input with --password-stdin[/red] "
            "(a password on the command line ends up in the shell history and `ps`)."
        )
        raise typer.Exit(code=2)
    if language not in ("es", "en"):
        errors.print("[red]--language is es or en.[/red]")
        raise typer.Exit(code=2)
    # One line, as `docker login --password-stdin` reads it: the final newline is not part of it.
    password = sys.stdin.read().removesuffix("\n").removesuffix("\r")
    try:
        result = asyncio.run(_create_admin(email, name, password, language))
    except DomainError as error:
        errors.print(f"[red]{error.message}[/red]")
        raise typer.Exit(code=2) from None
    if result.created:
        console.print(f"Administrator {result.staff.email} created; log in with agentLogin.")
    else:
        console.print(f"Administrator {result.staff.email} already exists; nothing changed.")


async def _apply_config(catalogue: Catalogue, dry_run: bool) -> list[Change]:
    await db.migrate()
    await db.connect()
    try:
        return await apply_catalogue(catalogue, dry_run=dry_run)
    finally:
        await db.close()


def apply_config(
    path: Annotated[Path, typer.Argument(help="A catalogue file, e.g. examples/helpdesk.toml.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would change; change nothing.")
    ] = False,
) -> None:
    """Apply a catalogue file (calendars, support levels, departments, categories) in one
    transaction; running it again changes nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        errors.print(f"[red]Cannot read {path}: {error}[/red]")
        raise typer.Exit(code=2) from None
    try:
        catalogue = parse_catalogue(text)
    except ConfigInvalid as invalid:
        for problem in invalid.problems:
            errors.print(f"{path}:{problem.line}: {problem.message}", markup=False, soft_wrap=True)
        errors.print(f"[red]{len(invalid.problems)} problem(s); nothing was changed.[/red]")
        raise typer.Exit(code=1) from None
    changes = asyncio.run(_apply_config(catalogue, dry_run))
    for change in changes:
        console.print(str(change), markup=False, highlight=False)
    if not changes:
        console.print(f"No change: the database already matches {path}.")
    elif dry_run:
        console.print(f"Dry run: {len(changes)} change(s) would be made; nothing was changed.")
    else:
        console.print(f"Applied {len(changes)} change(s) from {path}.")


def backup_command(
    path: Annotated[Path, typer.Argument(help="The tar file to write.")],
) -> None:
    """Back up the database and the data folder (attachments, raw mail) into one tar file,
    while Mesa runs."""
    from rich.progress import Progress

    from mesa.backup import BackupFailed, backup

    try:
        with Progress(console=errors) as progress:
            archive = backup(path, progress)
    except BackupFailed as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(code=2) from None
    console.print(
        f"Backed up the {archive.database} database and {archive.files} files "
        f"({archive.data_bytes} bytes) to {path}."
    )


def restore_command(
    path: Annotated[Path, typer.Argument(help="A tar file written by mesa backup.")],
) -> None:
    """Replace this install's database and files with a backup's (stop Mesa first)."""
    from rich.progress import Progress

    from mesa.backup import BackupFailed, restore

    try:
        with Progress(console=errors) as progress:
            archive = restore(path, progress)
    except BackupFailed as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(code=2) from None
    asyncio.run(db.migrate())  # a backup of an older version catches up
    console.print(
        f"Restored the {archive.database} database and {archive.files} files from {path}."
    )
