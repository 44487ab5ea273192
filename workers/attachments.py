"""The attachment actor: check a quarantined upload and store it, or reject it."""

from __future__ import annotations

from domain.attachments import pipeline
from domain.tickets import deletion
from workers.outbox import outbox_actor


@outbox_actor(max_retries=10, time_limit=60_000)  # within the documented 60 s bound
async def store_attachment(*, attachment_id: int) -> None:
    """Sniff, hash and store one attachment; safe to run again after a crash."""
    await pipeline.store_attachment(attachment_id)


assert store_attachment.actor_name == pipeline.STORE_ACTOR


@outbox_actor(max_retries=10, time_limit=60_000)
async def delete_ticket_files(*, blobs: list[str], quarantine: list[str], raw: list[str]) -> None:
    """Remove the files of a deleted ticket that nothing else shares; safe to run again."""
    await deletion.delete_ticket_files(blobs=blobs, quarantine=quarantine, raw=raw)


assert delete_ticket_files.actor_name == deletion.DELETE_FILES_ACTOR
