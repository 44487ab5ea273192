"""Housekeeping the scheduler runs every `retention_sweep_seconds`:

- raw inbound mail files no `inbound_mail` row names (the row's transaction failed, e.g.
  PostgreSQL was down, so the sender was answered 451 and sends the message again) are
  deleted once `inbound_orphan_hours` old;
- finished outbox jobs (DONE) older than `retention_outbox_days` are deleted (FAILED ones
  stay for admins; PENDING and ENQUEUED ones are still due);
- sent notifications older than `retention_notification_days` are deleted (replies to them
  still thread by the `[#tracking-id]` subject tag, but no longer by their Message-ID);
- the raw files of processed inbound mail older than `retention_raw_mail_days` are deleted;
  their rows stay (Message-IDs keep threading and de-duplicating), with `raw_path` emptied;
- guests' tickets held for an address confirmation that never came (domain.tickets.held)
  are deleted once their link expired (`guest_confirmation_hours` after they were sent).
- the satisfaction survey's rating links are deleted once expired (domain.satisfaction);
- delivered webhook deliveries (and their attempts) older than `retention_outbox_days` are
  deleted (FAILED ones stay, to be re-sent).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from domain.clock import utcnow
from domain.config import get_settings
from domain.email.inbound import inbound_folder
from domain.models import (
    InboundMail,
    InboundStatus,
    Notification,
    OutboxJob,
    OutboxStatus,
    WebhookDelivery,
    WebhookDeliveryStatus,
)
from domain.satisfaction.survey import delete_expired_links
from domain.tickets.held import delete_expired_held_tickets

logger = logging.getLogger(__name__)
BATCH = 500


@dataclass(frozen=True)
class Swept:
    orphan_mail_files: int = 0
    outbox_jobs: int = 0
    notifications: int = 0
    raw_mail_files: int = 0
    unconfirmed_tickets: int = 0
    webhook_deliveries: int = 0
    rating_links: int = 0


def _old_mail_files(folder: Path, older_than: float) -> list[Path]:
    if not folder.exists():
        return []
    return [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix in (".eml", ".partial")
        and path.stat().st_mtime < older_than
    ]


async def delete_orphan_mail_files(now: float | None = None) -> int:
    """Raw mail files no row names, older than the orphan age (a failed store left them)."""
    settings = get_settings()
    older_than = (time.time() if now is None else now) - settings.inbound_orphan_hours * 3600
    folder = inbound_folder()
    candidates = await asyncio.to_thread(_old_mail_files, folder, older_than)
    deleted = 0
    for start in range(0, len(candidates), BATCH):
        batch = candidates[start : start + BATCH]
        names = {str(path.relative_to(folder)): path for path in batch}
        known = set(
            await InboundMail.filter(raw_path__in=list(names)).values_list("raw_path", flat=True)
        )
        for relative, path in names.items():
            if relative not in known:
                await asyncio.to_thread(path.unlink, True)
                deleted += 1
    if deleted:
        logger.warning("deleted %d raw mail files no row names", deleted)
    return deleted


async def delete_old_raw_mail(now: datetime) -> int:
    cutoff = now - timedelta(days=get_settings().retention_raw_mail_days)
    rows = await (
        InboundMail.filter(processed_at__lt=cutoff, raw_path__not="")
        .exclude(status=InboundStatus.RECEIVED)
        .limit(BATCH * 10)
        .values_list("id", "raw_path")
    )
    for row_id, raw_path in rows:
        await asyncio.to_thread((inbound_folder() / str(raw_path)).unlink, True)
        await InboundMail.filter(id=row_id).update(raw_path="")
    return len(rows)


async def sweep_retention(now: datetime | None = None) -> Swept:
    """One pass of every retention rule; returns what each deleted."""
    settings = get_settings()
    now = now or utcnow()
    swept = Swept(
        orphan_mail_files=await delete_orphan_mail_files(),
        outbox_jobs=await OutboxJob.filter(
            status=OutboxStatus.DONE,
            done_at__lt=now - timedelta(days=settings.retention_outbox_days),
        ).delete(),
        notifications=await Notification.filter(
            sent_at__lt=now - timedelta(days=settings.retention_notification_days)
        ).delete(),
        raw_mail_files=await delete_old_raw_mail(now),
        unconfirmed_tickets=await delete_expired_held_tickets(now),
        webhook_deliveries=await WebhookDelivery.filter(
            status=WebhookDeliveryStatus.DELIVERED,
            delivered_at__lt=now - timedelta(days=settings.retention_outbox_days),
        ).delete(),
        rating_links=await delete_expired_links(now),
    )
    if swept != Swept():
        logger.info("retention sweep: %s", swept)
    return swept
