"""Retention: raw mail no row names (a store that failed: the sender retries) is deleted, and
finished work past its retention setting goes; nothing still due or needed is touched."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from domain.clock import utcnow
from domain.config import get_settings
from domain.email.inbound import inbound_folder, raw_message_path, store_inbound
from domain.models import (
    InboundMail,
    InboundStatus,
    Language,
    Notification,
    NotificationKind,
    OutboxJob,
    OutboxStatus,
)
from domain.retention import sweep_retention

SENDER = "retention@client.example"
RAW = f"From: {SENDER}\r\nSubject: hola\r\nMessage-ID: <r1@client.example>\r\n\r\nhi\r\n".encode()


def _aged(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


async def test_raw_mail_no_row_names_is_deleted_once_old(in_process_server: str) -> None:
    # Given a raw file a failed store left (no row), one just written, and a stored message
    folder = inbound_folder() / "2026" / "01" / "02"
    folder.mkdir(parents=True, exist_ok=True)
    orphan, fresh = folder / "orphan.eml", folder / "fresh.eml"
    orphan.write_bytes(RAW)
    fresh.write_bytes(RAW)
    _aged(orphan, get_settings().inbound_orphan_hours + 1)
    stored = await store_inbound(RAW, envelope_from=SENDER, envelope_to=[])
    _aged(raw_message_path(stored), 48)

    # When the retention sweep runs
    swept = await sweep_retention()

    # Then only the old orphan is gone
    assert swept.orphan_mail_files >= 1
    assert not orphan.exists()
    assert fresh.exists() and raw_message_path(stored).exists()
    await _settle([stored.id])


async def test_finished_work_past_its_retention_is_deleted(in_process_server: str) -> None:
    settings, now = get_settings(), utcnow()
    long_ago = now - timedelta(days=max(settings.retention_notification_days, 400) + 1)
    # Given old finished jobs, notifications and processed mail, and old work still due
    done = await OutboxJob.create(
        actor_name="x", status=OutboxStatus.DONE, created_at=long_ago, done_at=long_ago
    )
    failed = await OutboxJob.create(
        actor_name="x", status=OutboxStatus.FAILED, created_at=long_ago, done_at=long_ago
    )
    pending = await OutboxJob.create(actor_name="x", created_at=long_ago)
    sent = await Notification.create(
        recipient="old@client.example",
        language=Language.ES,
        kind=NotificationKind.TRACKING_IDS,
        sent_at=long_ago,
    )
    unsent = await Notification.create(
        recipient="old@client.example", language=Language.ES, kind=NotificationKind.TRACKING_IDS
    )
    processed = await store_inbound(RAW, envelope_from=SENDER, envelope_to=[])
    await InboundMail.filter(id=processed.id).update(
        status=InboundStatus.IGNORED, processed_at=long_ago
    )
    waiting = await store_inbound(RAW, envelope_from=SENDER, envelope_to=[])
    processed_file = raw_message_path(processed)

    # When the retention sweep runs
    await sweep_retention()

    # Then what is finished and old is gone, and everything else stays
    assert not await OutboxJob.filter(id=done.id).exists()
    assert await OutboxJob.filter(id__in=[failed.id, pending.id]).count() == 2
    assert not await Notification.filter(id=sent.id).exists()
    assert await Notification.filter(id=unsent.id).exists()
    assert not processed_file.exists()
    assert (await InboundMail.get(id=processed.id)).raw_path == ""
    assert raw_message_path(waiting).exists()
    await _settle([waiting.id])


async def _settle(inbound_ids: list[int]) -> None:
    """No later test's workers parse these messages: they were only here to be kept."""
    await InboundMail.filter(id__in=inbound_ids).update(status=InboundStatus.IGNORED)
    jobs = await OutboxJob.filter(actor_name="process_inbound_mail")
    ours = [job.id for job in jobs if job.kwargs.get("inbound_id") in inbound_ids]
    await OutboxJob.filter(id__in=ours).update(status=OutboxStatus.DONE, done_at=utcnow())
