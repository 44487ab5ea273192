"""The attachment actor: check a quarantined upload and store it, or reject it."""

from __future__ import annotations

from domain.attachments import pipeline
from workers.outbox import outbox_actor


@outbox_actor(max_retries=10, time_limit=60_000)  # within the documented 60 s bound
async def store_attachment(*, attachment_id: int) -> None:
    """Sniff, hash and store one attachment; safe to run again after a crash."""
    await pipeline.store_attachment(attachment_id)


assert store_attachment.actor_name == pipeline.STORE_ACTOR
