"""The attachment pipeline: accept a quarantined file onto a message (PENDING), then the
worker checks and stores it (STORED or REJECTED), recording a ticket event each time."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from domain.attachments import filetypes
from domain.attachments.naming import safe_display_name, with_extension
from domain.attachments.quarantine import (
    IncomingFile,
    discard,
    quarantine_bytes,
    quarantine_copy,
    quarantine_dir,
)
from domain.attachments.storage import get_storage
from domain.clock import utcnow
from domain.config import get_settings
from domain.errors import FileTooLarge, NotFound, ValidationFailed
from domain.identity.access import may_see_internal, visible_tickets
from domain.identity.viewer import SYSTEM, Viewer
from domain.models import (
    Attachment,
    AttachmentRejection,
    AttachmentState,
    EventKind,
    Message,
    Ticket,
)
from domain.tickets.changes import record_event
from domain.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

STORE_ACTOR = "store_attachment"
HASH_CHUNK_BYTES = 1024 * 1024


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def file_too_large(max_bytes: int) -> FileTooLarge:
    return FileTooLarge(
        f"Cada archivo puede pesar hasta {_mib(max_bytes)}. / "
        f"Each file can be at most {_mib(max_bytes)}.",
        max_bytes=max_bytes,
    )


def ticket_too_large(max_bytes: int) -> FileTooLarge:
    return FileTooLarge(
        f"Los adjuntos de un ticket pueden sumar hasta {_mib(max_bytes)}. / "
        f"A ticket's attachments can add up to {_mib(max_bytes)}.",
        max_bytes=max_bytes,
    )


async def _ticket_bytes(uow: UnitOfWork, ticket_id: int) -> int:
    """Bytes the ticket's files take or will take (rejected ones are not kept)."""
    rows = await (
        Attachment.filter(ticket_id=ticket_id)
        .exclude(state=AttachmentState.REJECTED)
        .using_db(uow.connection)
        .only("id", "size")
    )
    return sum(row.size for row in rows)


async def accept_attachments(
    uow: UnitOfWork,
    ticket: Ticket,
    message: Message,
    files: Sequence[IncomingFile],
    viewer: Viewer = SYSTEM,
) -> list[Attachment]:
    """Attach quarantined files to a message in the caller's transaction, each PENDING
    with a storage job; size limits are checked first, so a refusal attaches nothing."""
    if not files:
        return []
    settings = get_settings()
    if len(files) > settings.attachment_max_files:
        raise ValidationFailed(
            f"Se pueden adjuntar hasta {settings.attachment_max_files} archivos por mensaje. / "
            f"Up to {settings.attachment_max_files} files can be attached to a message.",
            field="attachments",
        )
    for incoming in files:
        if incoming.size > settings.attachment_max_file_bytes:
            raise file_too_large(settings.attachment_max_file_bytes)
    added = sum(incoming.size for incoming in files)
    if await _ticket_bytes(uow, ticket.id) + added > settings.attachment_max_ticket_bytes:
        raise ticket_too_large(settings.attachment_max_ticket_bytes)
    return [await _accept(uow, ticket, message, incoming, viewer) for incoming in files]


async def _accept(
    uow: UnitOfWork, ticket: Ticket, message: Message, incoming: IncomingFile, viewer: Viewer
) -> Attachment:
    if incoming.path.parent != quarantine_dir():
        raise ValueError(f"{incoming.path} is not in the quarantine")
    attachment = await Attachment.create(
        ticket_id=ticket.id,
        message_id=message.id,
        name=safe_display_name(incoming.name),
        declared_type=incoming.declared_type[:255],
        size=incoming.size,
        quarantine_name=incoming.path.name,
        created_at=utcnow(),
        using_db=uow.connection,
    )
    await uow.add_job(STORE_ACTOR, attachment_id=attachment.id)
    await _record_change(uow, ticket, attachment, viewer, internal=message.is_internal)

    async def claim() -> None:
        incoming.claimed = True

    uow.after_commit(claim)
    return attachment


async def accept_attachment(
    uow: UnitOfWork,
    *,
    ticket: Ticket,
    message: Message,
    name: str,
    declared_type: str,
    source: Path | bytes,
    viewer: Viewer = SYSTEM,
) -> Attachment:
    """For other producers (email): attach a file they hold on disk or in memory. Their
    own file is copied, never moved. Raises FileTooLarge past the limits."""
    settings = get_settings()
    if isinstance(source, bytes):
        size = len(source)
    else:
        size = (await asyncio.to_thread(source.stat)).st_size
    if size > settings.attachment_max_file_bytes:
        raise file_too_large(settings.attachment_max_file_bytes)
    if isinstance(source, bytes):
        incoming = await quarantine_bytes(source, name=name, declared_type=declared_type)
    else:
        incoming = await quarantine_copy(source, name=name, declared_type=declared_type)
    # The copy is deleted if this transaction does not commit.
    try:
        (attachment,) = await accept_attachments(uow, ticket, message, [incoming], viewer)
    except BaseException:
        await incoming.discard()
        raise
    return attachment


async def _record_change(
    uow: UnitOfWork,
    ticket: Ticket,
    attachment: Attachment,
    viewer: Viewer,
    *,
    internal: bool,
    before: AttachmentState | None = None,
) -> None:
    after = {"attachmentId": attachment.id, "name": attachment.name, "state": attachment.state}
    if attachment.rejection is not None:
        after["reason"] = rejection_message(attachment)
    await record_event(
        uow,
        ticket,
        EventKind.ATTACHMENT_CHANGED,
        viewer,
        before=None if before is None else {"attachmentId": attachment.id, "state": before},
        after=after,
        message=None,
        internal=internal,
    )


def rejection_message(attachment: Attachment) -> str | None:
    """Why a file was refused, for the uploader, in Spanish and English."""
    detail = f" ({attachment.rejection_detail})" if attachment.rejection_detail else ""
    match attachment.rejection:
        case None:
            return None
        case AttachmentRejection.TYPE_NOT_ALLOWED:
            return (
                f"Este tipo de archivo no se admite{detail}. / "
                f"This type of file is not accepted{detail}."
            )
        case AttachmentRejection.UNRECOGNISED_TYPE:
            return (
                "No se reconoce el tipo de archivo; se admiten imágenes, PDF, texto, documentos "
                "de oficina y archivos comprimidos. / The type of file is not recognised; "
                "images, PDF, text, office documents and archives are accepted."
            )
        case AttachmentRejection.EMPTY:
            return "El archivo está vacío. / The file is empty."
        case AttachmentRejection.LOST:
            return (
                "El archivo no se pudo procesar; vuelva a adjuntarlo. / "
                "The file could not be processed; please attach it again."
            )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


async def store_attachment(attachment_id: int) -> AttachmentState | None:
    """Check a pending attachment and store it, or reject it with its reason. Idempotent:
    a run after a crash stores under the same sha256 key, so one copy exists; a finished
    attachment is left as it is (its quarantine leftover is removed)."""
    attachment = await Attachment.get_or_none(id=attachment_id)
    if attachment is None:
        return None
    source = quarantine_dir() / attachment.quarantine_name
    if attachment.state is not AttachmentState.PENDING:
        await discard(source)
        return attachment.state
    if not await asyncio.to_thread(source.exists):
        logger.error("attachment %s lost its quarantined file %s", attachment.id, source)
        verdict = filetypes.Verdict(None, AttachmentRejection.LOST)
    else:
        verdict = await asyncio.to_thread(filetypes.sniff, source, attachment.name)
    changes: dict[str, object]
    if verdict.file_type is None:
        changes = {
            "state": AttachmentState.REJECTED,
            "rejection": verdict.rejection,
            "rejection_detail": verdict.detail,
        }
    else:
        sha256 = await asyncio.to_thread(_sha256, source)
        await get_storage().put(sha256, source)
        file_type = verdict.file_type
        changes = {
            "state": AttachmentState.STORED,
            "sha256": sha256,
            "content_type": file_type.content_type,
            "name": with_extension(attachment.name, file_type.extensions, file_type.canonical),
        }
    await _decide(attachment, changes)
    await discard(source)
    return AttachmentState(str(changes["state"]))


async def _decide(attachment: Attachment, changes: dict[str, object]) -> None:
    async with unit_of_work() as uow:
        decided = await (
            Attachment.filter(id=attachment.id, state=AttachmentState.PENDING)
            .using_db(uow.connection)
            .update(decided_at=utcnow(), **changes)
        )
        if decided != 1:
            return  # another run decided it first
        for field, value in changes.items():
            setattr(attachment, field, value)
        ticket = await Ticket.get(id=attachment.ticket_id, using_db=uow.connection)
        message = await Message.get(id=attachment.message_id, using_db=uow.connection)
        await _record_change(
            uow,
            ticket,
            attachment,
            SYSTEM,
            internal=message.is_internal,
            before=AttachmentState.PENDING,
        )


@dataclass(frozen=True)
class Download:
    name: str
    content_type: str
    size: int
    sha256: str


async def open_attachment(viewer: Viewer | None, attachment_id: int) -> Download:
    """A stored attachment the viewer may read: its ticket is visible to them, and an
    internal note's files only to staff. Anything else is NotFound (no existence oracle)."""
    attachment = await Attachment.get_or_none(id=attachment_id, state=AttachmentState.STORED)
    missing = NotFound("Attachment not found.")
    if attachment is None or attachment.sha256 is None or attachment.content_type is None:
        raise missing
    if not await visible_tickets(viewer).filter(id=attachment.ticket_id).exists():
        raise missing
    message = await Message.get(id=attachment.message_id)
    if message.is_internal and not may_see_internal(viewer):
        raise missing
    size = await get_storage().size(attachment.sha256)
    if size is None:
        logger.error("attachment %s: stored file %s is missing", attachment.id, attachment.sha256)
        raise missing
    return Download(attachment.name, attachment.content_type, size, attachment.sha256)
