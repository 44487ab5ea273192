"""`mesa import-mail PATH`: bring an mbox or a maildir (another helpdesk's history) in as
tickets and replies; idempotent by Message-ID, or by content when a message has none. Once
every message is in, each ticket it wrote to is settled in its last known state
(domain.email.history.settle_imported: answered and quiet ones closed)."""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress
from tortoise.expressions import Q

from domain.email.history import settle_imported
from domain.email.inbound import content_hash, header_message_id, process_inbound, store_inbound
from domain.models import InboundMail, InboundSource, InboundStatus, TicketStatus


@dataclass
class ImportReport:
    imported: int = 0
    skipped: int = 0
    closed: int = 0
    open: int = 0


def open_mailbox(path: Path) -> mailbox.Mailbox[mailbox.Message]:
    """A maildir (a folder with cur/ and new/) or an mbox file; ValueError otherwise."""
    if path.is_dir():
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            raise ValueError(f"{path} is a folder but not a maildir (no cur/ or new/).")
        return mailbox.Maildir(path, factory=None, create=False)
    if path.is_file():
        return mailbox.mbox(path, factory=None, create=False)
    raise ValueError(f"{path} does not exist.")


def _raw_messages(box: mailbox.Mailbox[mailbox.Message]) -> Iterator[bytes]:
    for key in box.iterkeys():
        yield box.get_bytes(key)


async def already_received(raw: bytes) -> InboundMail | None:
    message_id = header_message_id(raw)
    same = Q(content_hash=content_hash(raw))
    if message_id is not None:
        same |= Q(message_id=message_id)
    return await InboundMail.filter(same).order_by("id").first()


async def import_mail(path: Path, *, answer: bool, progress: Progress) -> ImportReport:
    """Store and process each message not imported or received before."""
    box = open_mailbox(path)
    report = ImportReport()
    task = progress.add_task(f"Importing {path.name}", total=len(box))
    written: list[int] = []  # the rows this run processed
    for raw in _raw_messages(box):
        earlier = await already_received(raw)
        if earlier is not None and earlier.status is not InboundStatus.RECEIVED:
            report.skipped += 1
        elif earlier is not None:
            # Stored by an interrupted run but not processed yet: finish it now.
            await process_inbound(earlier.id)
            written.append(earlier.id)
            report.imported += 1
        else:
            row = await store_inbound(
                raw,
                envelope_from="",
                envelope_to=[],
                source=InboundSource.IMPORT,
                may_answer=answer,
            )
            # Processed here, in order, so replies find the tickets earlier messages opened;
            # the row's outbox job then finds it done.
            await process_inbound(row.id)
            written.append(row.id)
            report.imported += 1
        progress.advance(task)
    await _settle(written, report, progress)
    return report


async def _settle(written: list[int], report: ImportReport, progress: Progress) -> None:
    """Each ticket this run wrote to, in its last known state (the whole thread is in now)."""
    ticket_ids = await (
        InboundMail.filter(id__in=written, ticket_id__isnull=False)
        .distinct()
        .values_list("ticket_id", flat=True)
    )
    touched = sorted({int(str(found)) for found in ticket_ids})
    if not touched:
        return
    task = progress.add_task("Settling imported tickets", total=len(touched))
    for ticket_id in touched:
        status = await settle_imported(ticket_id=ticket_id)
        if status is TicketStatus.CLOSED:
            report.closed += 1
        elif status is not None:
            report.open += 1
        progress.advance(task)
