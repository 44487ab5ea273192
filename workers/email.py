"""Email actors: parse a stored inbound message into a ticket or a reply."""

from __future__ import annotations

import logging

from domain.email.inbound import process_inbound
from workers.outbox import outbox_actor

logger = logging.getLogger(__name__)


@outbox_actor(max_retries=10, time_limit=60_000, min_backoff=1_000, max_backoff=600_000)
async def process_inbound_mail(*, inbound_id: int) -> None:
    """Turn a received message into a ticket or a reply; a no-op once it was processed."""
    status = await process_inbound(inbound_id)
    if status is not None:
        logger.info("inbound mail %s: %s", inbound_id, status.value)
