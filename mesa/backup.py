"""`mesa backup` and `mesa restore`: the database and the data folder in one tar file.

The database is copied first (SQLite's online backup API, or pg_dump), then the data folder
(stored attachments, raw inbound mail, the mail outbox). Stored files are named by their
content and never rewritten, so every file a copied row refers to is in the archive; a file
written after the database copy is an unreferenced extra, harmless on restore."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.progress import Progress

from domain.config import get_settings

FORMAT = "mesa-backup/1"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
DATA = "data"


class BackupFailed(Exception):
    """A backup or restore could not be made; the message says why."""


@dataclass(frozen=True)
class Archive:
    database: str  # "sqlite" or "postgres"
    files: int
    data_bytes: int


def _database() -> tuple[str, str]:
    url = get_settings().database_url
    if url.startswith("sqlite://"):
        return "sqlite", url.removeprefix("sqlite://").split("?", 1)[0]
    if url.startswith(("postgres://", "postgresql://")):
        return "postgres", "postgresql://" + url.split("://", 1)[1]
    raise BackupFailed(f"Unsupported database URL for backups: {url.split(':', 1)[0]}")


def _data_files(skip: set[Path]) -> list[Path]:
    root = get_settings().data_dir
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and path.resolve() not in skip and not path.name.endswith(".tmp")
    )


def _run(argv: list[str]) -> None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise BackupFailed(f"{argv[0]} is not installed (PostgreSQL client tools).") from None
    if done.returncode != 0:
        raise BackupFailed(f"{argv[0]} failed: {done.stderr.strip()[-2000:]}")


def backup(target: Path, progress: Progress) -> Archive:
    """Write the database and the data folder to `target` (a tar file), the database first."""
    kind, location = _database()
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / (SQLITE_FILE if kind == "sqlite" else PG_FILE)
        task = progress.add_task("Database", total=None)
        if kind == "sqlite":
            if not Path(location).is_file():
                raise BackupFailed(f"No database at {location}.")
            source = sqlite3.connect(location)
            copy = sqlite3.connect(dump)
            try:
                source.backup(copy)  # a consistent snapshot while the API keeps writing
            finally:
                copy.close()
                source.close()
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), location])
        progress.update(task, total=1, completed=1)
        skip = {target.resolve()}
        if kind == "sqlite":
            skip |= {Path(location + suffix).resolve() for suffix in ("", "-wal", "-shm")}
        files = _data_files(skip)
        root = get_settings().data_dir
        size = sum(path.stat().st_size for path in files)
        task = progress.add_task("Files", total=size or None)
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            manifest = {
                "format": FORMAT,
                "database": kind,
                "created_at": datetime.now(UTC).isoformat(),
                "files": len(files),
            }
            manifest_file = Path(work) / MANIFEST
            manifest_file.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            archive.add(manifest_file, MANIFEST)
            archive.add(dump, dump.name)
            for path in files:
                archive.add(path, f"{DATA}/{path.relative_to(root).as_posix()}")
                progress.advance(task, path.stat().st_size)
        partial.replace(target)  # never a half-written archive under the real name
    return Archive(kind, len(files), size)


def restore(source: Path, progress: Progress) -> Archive:
    """Put an archive's database and files into this install (stop every Mesa process first)."""
    kind, location = _database()
    try:
        archive = tarfile.open(source, "r")  # noqa: SIM115 - closed by the `with` below
    except (OSError, tarfile.TarError) as error:
        raise BackupFailed(f"Cannot read {source}: {error}") from None
    with archive, tempfile.TemporaryDirectory() as work:
        try:
            manifest_file = archive.extractfile(MANIFEST)
            manifest = json.load(manifest_file) if manifest_file is not None else {}
        except (KeyError, ValueError):
            raise BackupFailed(f"{source} is not a Mesa backup.") from None
        if manifest.get("format") != FORMAT:
            raise BackupFailed(f"{source} is not a Mesa backup this version can read.")
        if manifest.get("database") != kind:
            raise BackupFailed(
                f"The backup holds a {manifest.get('database')} database; this install uses {kind}."
            )
        members = [m for m in archive.getmembers() if m.name.startswith(f"{DATA}/") and m.isfile()]
        task = progress.add_task("Database", total=None)
        dump_name = SQLITE_FILE if kind == "sqlite" else PG_FILE
        archive.extract(dump_name, work, filter="data")
        dump = Path(work) / dump_name
        if kind == "sqlite":
            Path(location).parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(location + suffix).unlink(missing_ok=True)
            shutil.copyfile(dump, location)
        else:
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    location,
                    str(dump),
                ]
            )
        progress.update(task, total=1, completed=1)
        size = sum(member.size for member in members)
        task = progress.add_task("Files", total=size or None)
        root = get_settings().data_dir
        root.mkdir(parents=True, exist_ok=True)
        for member in members:
            member.name = member.name.removeprefix(f"{DATA}/")
            # The "data" filter refuses absolute paths, links out of the folder and devices.
            archive.extract(member, root, filter="data")
            progress.advance(task, member.size)
    return Archive(kind, len(members), size)
