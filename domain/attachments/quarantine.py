"""The quarantine: files received but not yet checked, one per upload, never served."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from dataclasses import dataclass
from pathlib import Path

import aiofiles
import aiofiles.os

from domain.config import get_settings

COPY_CHUNK_BYTES = 1024 * 1024


def quarantine_dir() -> Path:
    return get_settings().data_dir / "attachments" / "quarantine"


def new_quarantine_path() -> Path:
    """A fresh, unguessable file name in the quarantine (the folder is created)."""
    folder = quarantine_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{uuid.uuid4().hex}.upload"


@dataclass
class IncomingFile:
    """A received file waiting to be attached: `name` and `declared_type` are the sender's
    claims, untrusted. Until `claimed` (its attachment row committed) the receiver owns
    `path` and deletes it when done."""

    name: str
    declared_type: str
    path: Path
    size: int
    claimed: bool = False

    async def discard(self) -> None:
        """Delete the quarantined file unless an attachment row took it."""
        if not self.claimed:
            await discard(self.path)


async def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        await aiofiles.os.remove(path)


async def quarantine_bytes(data: bytes, *, name: str, declared_type: str = "") -> IncomingFile:
    """Put bytes a producer holds (an email part) into quarantine."""
    path = new_quarantine_path()
    async with aiofiles.open(path, "wb") as stream:
        await stream.write(data)
    return IncomingFile(name=name, declared_type=declared_type, path=path, size=len(data))


async def quarantine_copy(source: Path, *, name: str, declared_type: str = "") -> IncomingFile:
    """Copy a file a producer owns into quarantine; the producer keeps its own file."""
    path = new_quarantine_path()
    size = 0
    try:
        async with aiofiles.open(source, "rb") as reader, aiofiles.open(path, "wb") as writer:
            while chunk := await reader.read(COPY_CHUNK_BYTES):
                size += len(chunk)
                await writer.write(chunk)
    except BaseException:
        await asyncio.shield(discard(path))
        raise
    return IncomingFile(name=name, declared_type=declared_type, path=path, size=size)
