"""Quarantine housekeeping: uploads an API process received but never attached (it crashed
mid-request) are deleted once they are old enough to be no request's any more."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from domain.attachments.quarantine import discard, quarantine_dir
from domain.config import get_settings
from domain.models import Attachment, AttachmentState

logger = logging.getLogger(__name__)


def _old_files(folder: Path, older_than: float) -> list[Path]:
    if not folder.exists():
        return []
    return [
        path for path in folder.iterdir() if path.is_file() and path.stat().st_mtime < older_than
    ]


async def sweep_quarantine(now: float | None = None) -> int:
    """Delete quarantine files older than the orphan age that no pending attachment names;
    returns how many were deleted."""
    settings = get_settings()
    now = time.time() if now is None else now
    older_than = now - settings.attachment_orphan_hours * 3600
    candidates = await asyncio.to_thread(_old_files, quarantine_dir(), older_than)
    if not candidates:
        return 0
    pending = set(
        await Attachment.filter(
            state=AttachmentState.PENDING, quarantine_name__in=[p.name for p in candidates]
        ).values_list("quarantine_name", flat=True)
    )
    orphans = [path for path in candidates if path.name not in pending]
    for path in orphans:
        await discard(path)
    if orphans:
        logger.warning("deleted %d orphaned quarantine files", len(orphans))
    return len(orphans)
