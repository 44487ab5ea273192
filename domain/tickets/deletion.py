"""Deleting a ticket for good (admins): its messages, events, attachments, tags, custom field
values, watchers, satisfaction rating, guest passes and rating links, mails about it, the raw
mail it came from and its time rule plans and runs, in one transaction recorded in the audit
log; the files on disk go after the commit (an outbox job), each stored file only once no
other attachment shares it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from domain.attachments.quarantine import discard, quarantine_dir
from domain.attachments.storage import get_storage
from domain.catalog import audit
from domain.email.inbound import inbound_folder
from domain.identity.access import TicketRef, get_visible_ticket_for_update, require_admin
from domain.identity.viewer import Viewer
from domain.models import (
    Article,
    Attachment,
    AttachmentState,
    AuthToken,
    InboundMail,
    Message,
    Notification,
    Ticket,
    TicketContact,
    TicketEvent,
    TicketFieldValue,
    TicketRating,
    TicketTag,
    TicketWatcher,
    TimeRulePlan,
    TimeRuleRun,
)
from domain.tickets.search import unindex_ticket
from domain.uow import unit_of_work

logger = logging.getLogger(__name__)

DELETE_FILES_ACTOR = "delete_ticket_files"


@dataclass(frozen=True)
class DeletedTicket:
    ticket_id: int
    number: int
    tracking_id: str


async def delete_ticket(*, viewer: Viewer | None, ticket_id: TicketRef) -> DeletedTicket:
    """Delete a ticket and everything of it (admins only); the audit log keeps who deleted
    which ticket, with its subject, requester and how much went with it."""
    viewer = require_admin(viewer)
    async with unit_of_work() as uow:
        connection = uow.connection
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        pk = ticket.id
        files = await Attachment.filter(ticket_id=pk).using_db(connection).all()
        raw_paths = [
            str(path)
            for path in await InboundMail.filter(ticket_id=pk)
            .using_db(connection)
            .values_list("raw_path", flat=True)
            if path
        ]
        messages = await Message.filter(ticket_id=pk).using_db(connection).count()
        before = {
            "number": ticket.number,
            "trackingId": ticket.tracking_id,
            "subject": ticket.subject,
            "status": ticket.status.value,
            "customerId": ticket.customer_id,
            "guestEmail": ticket.guest_email,
            "departmentId": ticket.department_id,
            "messages": messages,
            "attachments": len(files),
        }
        # Other tickets and articles that point at it keep standing, without the link.
        for column in ("merged_into_id", "follow_up_of_id", "split_from_id"):
            await Ticket.filter(**{column: pk}).using_db(connection).update(**{column: None})
        await Article.filter(source_ticket_id=pk).using_db(connection).update(source_ticket_id=None)
        for model in (
            TicketTag,
            TicketFieldValue,
            TicketWatcher,
            TicketContact,
            TicketRating,
            Attachment,
            TicketEvent,
            Message,
            AuthToken,
            Notification,
            InboundMail,
            TimeRulePlan,
            TimeRuleRun,
        ):
            await model.filter(ticket_id=pk).using_db(connection).delete()
        await unindex_ticket(connection, pk)
        await Ticket.filter(id=pk).using_db(connection).delete()
        await audit.record(
            connection,
            actor=viewer,
            action="ticket.delete",
            entity="ticket",
            entity_id=pk,
            before=before,
            after=None,
        )
        blobs = sorted({f.sha256 for f in files if f.sha256})
        pending = sorted(f.quarantine_name for f in files if f.state is AttachmentState.PENDING)
        if blobs or pending or raw_paths:
            await uow.add_job(DELETE_FILES_ACTOR, blobs=blobs, quarantine=pending, raw=raw_paths)
    return DeletedTicket(pk, ticket.number, ticket.tracking_id)


async def delete_ticket_files(
    *, blobs: Sequence[str], quarantine: Sequence[str], raw: Sequence[str]
) -> int:
    """Remove a deleted ticket's files: stored ones no remaining attachment shares, its
    uploads still in quarantine, and its raw mail. Idempotent; returns how many went."""
    removed = 0
    storage = get_storage()
    for key in blobs:
        if await Attachment.filter(sha256=key).exists():
            continue  # an identical file of another ticket shares the stored copy
        removed += int(await storage.delete(key))
    for name in quarantine:
        path = quarantine_dir() / name
        if await asyncio.to_thread(path.exists):
            await discard(path)
            removed += 1
    folder = inbound_folder().resolve()
    for relative in raw:
        path = (folder / relative).resolve()
        if not path.is_relative_to(folder):
            logger.error("not deleting %s: outside the inbound folder", path)
            continue
        with contextlib.suppress(FileNotFoundError):
            await asyncio.to_thread(path.unlink)
            removed += 1
    return removed
