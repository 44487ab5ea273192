"""Where stored attachments live: a small interface keyed by sha256, the local file system
(under the data dir) by default. Identical files share one stored copy."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

import aiofiles

from domain.config import get_settings

CHUNK_BYTES = 256 * 1024
_KEY = re.compile(r"[0-9a-f]{64}")


class AttachmentStorage(Protocol):
    async def put(self, key: str, source: Path) -> bool:
        """Store the file at `source` under `key` (its sha256); atomic and idempotent.
        Returns False when the key was already stored (deduplicated)."""
        ...

    async def size(self, key: str) -> int | None:
        """The stored size, None when the key is not stored."""
        ...

    def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        """The bytes from `start` up to `end` (exclusive, None: the end), in chunks."""
        ...

    async def delete(self, key: str) -> bool:
        """Remove the stored file; False when it was not stored. The caller checks that no
        attachment names the key any more (identical files share it)."""
        ...


class LocalStorage:
    """Files at `<root>/<k[:2]>/<k[2:4]>/<k>`, written to `<root>/.tmp` then renamed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a sha256 key: {key!r}")
        return self.root / key[:2] / key[2:4] / key

    async def put(self, key: str, source: Path) -> bool:
        target = self.path_of(key)
        if await asyncio.to_thread(target.exists):
            return False
        # One temp name per source: a retry of a killed store rewrites the same temp file,
        # and two different uploads of the same content never write into one another's.
        temp = self.root / ".tmp" / f"{key}.{source.name}"
        await asyncio.to_thread(_copy_then_rename, source, temp, target)
        return True

    async def size(self, key: str) -> int | None:
        try:
            stat = await asyncio.to_thread(self.path_of(key).stat)
        except FileNotFoundError:
            return None
        return stat.st_size

    async def delete(self, key: str) -> bool:
        try:
            await asyncio.to_thread(self.path_of(key).unlink)
        except FileNotFoundError:
            return False
        return True

    async def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        async with aiofiles.open(self.path_of(key), "rb") as stream:
            await stream.seek(start)
            left = None if end is None else end - start
            while left is None or left > 0:
                chunk = await stream.read(CHUNK_BYTES if left is None else min(CHUNK_BYTES, left))
                if not chunk:
                    return
                if left is not None:
                    left -= len(chunk)
                yield chunk


def _copy_then_rename(source: Path, temp: Path, target: Path) -> None:
    temp.parent.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with source.open("rb") as reader, temp.open("wb") as writer:
            shutil.copyfileobj(reader, writer, CHUNK_BYTES * 4)
            writer.flush()
            os.fsync(writer.fileno())
        # Atomic: readers see no file or the whole file; a concurrent identical put is fine.
        os.replace(temp, target)
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)  # the rename itself survives a crash
        finally:
            os.close(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


_storage: AttachmentStorage | None = None


def get_storage() -> AttachmentStorage:
    """The configured storage: the local file system under the data dir by default."""
    return _storage or LocalStorage(get_settings().data_dir / "attachments" / "blobs")


def set_storage(storage: AttachmentStorage | None) -> None:
    global _storage
    _storage = storage
