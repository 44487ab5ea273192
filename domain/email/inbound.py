"""Mail in: each message is stored durably (the raw bytes on disk, fsynced, and a row with
its outbox job in one transaction) before the SMTP answer; a worker then turns it into a
ticket or a reply, once, however often the job runs."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from uuid import uuid4

from domain.attachments.pipeline import accept_attachment
from domain.clock import utcnow
from domain.config import EmailReplies, get_settings
from domain.email import copies, history, loops, senders
from domain.email.authentication import add_unverified_note, is_authentic
from domain.email.notifications import notify
from domain.email.parsing import (
    MESSAGE_ID,
    SUBJECT_TAG,
    Attachment,
    ParsedMail,
    attachments,
    parse_message,
    without_quote,
)
from domain.email.render import sender_address
from domain.email.threading import find_ticket
from domain.errors import DomainError, FileTooLarge
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import (
    Channel,
    Customer,
    Department,
    Impact,
    InboundMail,
    InboundSource,
    InboundStatus,
    Language,
    Message,
    NotificationKind,
    Service,
    Ticket,
    TicketStatus,
)
from domain.tickets.actions import insert_ticket
from domain.tickets.changes import BODY_MAX
from domain.tickets.drafts import TicketDraft
from domain.tickets.notices import requester_of
from domain.tickets.replies import add_reply
from domain.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

INBOUND_ACTOR = "process_inbound_mail"
NO_SUBJECT = "(sin asunto / no subject)"
NO_CONTENT = "(sin contenido / no content)"
TRUNCATED = (
    "\n\n[…] (mensaje recortado; el original completo se conserva / "
    "message cut; the full original is kept)"
)


def inbound_folder() -> Path:
    return get_settings().data_dir / "inbound"


def _write_durably(path: Path, raw: bytes) -> None:
    """Write, fsync the file, rename into place, fsync the folder: it survives a crash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as file:
        file.write(raw)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID from the header block alone (cheap: the body is not parsed)."""
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw)
    found = MESSAGE_ID.search(str(headers.get("Message-ID") or ""))
    return found.group(0) if found else None


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


async def store_inbound(
    raw: bytes,
    *,
    envelope_from: str,
    envelope_to: list[str],
    source: InboundSource = InboundSource.SMTP,
    may_answer: bool = True,
) -> InboundMail:
    """Keep a received message for good, with the job that will parse it (sent on commit)."""
    now = utcnow()
    relative = Path(f"{now:%Y/%m/%d}") / f"{uuid4().hex}.eml"
    path = inbound_folder() / relative
    await asyncio.to_thread(_write_durably, path, raw)
    try:
        return await _record_inbound(
            raw, relative, now, envelope_from, envelope_to, source, may_answer
        )
    except Exception:
        # Not committed (unit_of_work swallows what fails after its commit): no row names the
        # file and the sender is told to retry, so the file goes. What a crash right here
        # leaves, the retention sweep deletes (domain.retention).
        await asyncio.to_thread(path.unlink, True)
        raise


async def _record_inbound(
    raw: bytes,
    relative: Path,
    now: datetime,
    envelope_from: str,
    envelope_to: list[str],
    source: InboundSource,
    may_answer: bool,
) -> InboundMail:
    async with unit_of_work() as uow:
        row = await InboundMail.create(
            message_id=header_message_id(raw),
            content_hash=content_hash(raw),
            source=source,
            envelope_from=envelope_from[:254],
            envelope_to=[address[:254] for address in envelope_to],
            raw_path=str(relative),
            size=len(raw),
            may_answer=may_answer,
            received_at=now,
            using_db=uow.connection,
        )
        await uow.add_job(INBOUND_ACTOR, inbound_id=row.id)
    return row


def raw_message_path(row: InboundMail) -> Path:
    return inbound_folder() / row.raw_path


@dataclass(frozen=True)
class Outcome:
    status: InboundStatus
    reason: str
    ticket_id: int | None = None
    # The ticket message the mail became: where its attachments belong.
    message_pk: int | None = None


async def process_inbound(inbound_id: int) -> InboundStatus | None:
    """Make a stored message a ticket or a reply; None when it was already processed."""
    row = await InboundMail.get_or_none(id=inbound_id)
    if row is None or row.status is not InboundStatus.RECEIVED:
        return None
    raw = await asyncio.to_thread(raw_message_path(row).read_bytes)
    # Parsing a large message is CPU work: off the event loop the API shares.
    mail = await asyncio.to_thread(parse_message, raw)
    async with unit_of_work() as uow:
        # The claim: a concurrent run of the same job waits on this row, then finds it taken.
        claimed = (
            await InboundMail.filter(
                id=inbound_id, status=InboundStatus.RECEIVED, processed_at=None
            )
            .using_db(uow.connection)
            .update(processed_at=utcnow())
        )
        if claimed != 1:
            return None
        started = utcnow()
        outcome = await _act(uow, row, mail)
        if outcome.ticket_id is not None and outcome.message_pk is not None:
            await _attach(uow, raw, outcome.ticket_id, outcome.message_pk)
        if row.source is InboundSource.IMPORT and outcome.ticket_id is not None:
            await history.date_as_sent(
                uow,
                ticket_id=outcome.ticket_id,
                message_id=outcome.message_pk,
                created=outcome.status is InboundStatus.TICKET_CREATED,
                since=started,
                sent=history.sent_at(mail),
            )
        await (
            InboundMail.filter(id=inbound_id)
            .using_db(uow.connection)
            .update(
                status=outcome.status,
                outcome=outcome.reason,
                ticket_id=outcome.ticket_id,
                sender=mail.sender[:254] or None,
                subject=mail.subject[:200] or None,
                html=mail.html,
            )
        )
    return outcome.status


async def _attach(uow: UnitOfWork, raw: bytes, ticket_id: int, message_pk: int) -> None:
    """Hand the mail's files to the attachment pipeline (validated and stored by a worker).
    A file over the limits is left out; it stays in the raw message, which is kept."""
    files = await asyncio.to_thread(attachments, raw)
    if not files:
        return
    ticket = await Ticket.get(id=ticket_id, using_db=uow.connection)
    message = await Message.get(id=message_pk, using_db=uow.connection)
    for file in files:
        try:
            await accept_attachment(
                uow,
                ticket=ticket,
                message=message,
                name=file.filename,
                declared_type=file.content_type,
                source=file.data,
            )
        except FileTooLarge:
            logger.warning(
                "mail attachment %r over the limits, kept only in the raw message", file.filename
            )


def own_addresses() -> set[str]:
    return {*get_settings().support_address_list, sender_address()}


async def _act(uow: UnitOfWork, row: InboundMail, mail: ParsedMail) -> Outcome:
    if (
        mail.message_id
        and await InboundMail.filter(message_id=mail.message_id, id__lt=row.id)
        .using_db(uow.connection)
        .exists()
    ):
        return Outcome(InboundStatus.DUPLICATE, f"Message-ID {mail.message_id} already received")
    if row.source is InboundSource.SMTP:
        block = await _blocked(uow, row, mail)
        if block is not None:
            return block
    verdict = loops.classify(mail, own_addresses=own_addresses())
    if row.source is InboundSource.IMPORT and history.from_support(mail):
        return await _old_answer(uow, mail)
    if verdict.drop is not None:
        return Outcome(InboundStatus.IGNORED, verdict.drop)
    answer = (
        row.may_answer
        and verdict.silent is None
        and await loops.may_answer_automatically(uow, mail.sender)
    )
    ticket = await find_ticket(uow, mail)
    if ticket is not None and ticket.status is TicketStatus.SPAM:
        # Kept out of the desk like the ticket itself (the raw message stays, as retention says).
        return Outcome(InboundStatus.IGNORED, f"a reply on ticket {ticket.number}, marked spam")
    if ticket is not None:
        # An imported mailbox is the operator's own history: its replies need no signature.
        vouched = row.source is InboundSource.IMPORT
        return await _continue(uow, ticket, mail, answer=answer, vouched=vouched)
    return await _open(uow, mail, answer=answer, history=row.source is InboundSource.IMPORT)


async def _blocked(uow: UnitOfWork, row: InboundMail, mail: ParsedMail) -> Outcome | None:
    """Mail from a blocked address or domain (its From or its envelope sender) is dropped
    here, before any ticket: recorded with the block's reason, logged, never answered (a
    bounce would go to a sender who is most likely forged)."""
    for address in (mail.sender, row.envelope_from):
        block = await senders.blocked(address, uow.connection)
        if block is not None:
            reason = f"sender {address} blocked ({block.address}): {block.reason}"
            logger.info("inbound mail %s dropped: %s", row.id, reason)
            return Outcome(InboundStatus.BLOCKED, reason[:1000])
    return None


async def _old_answer(uow: UnitOfWork, mail: ParsedMail) -> Outcome:
    """An answer the old helpdesk sent from a support address, found among imported mail."""
    ticket = await find_ticket(uow, mail, from_support=True)
    if ticket is None:
        return Outcome(InboundStatus.IGNORED, "our own answer to no known ticket")
    reply = await history.add_answer(uow, ticket, mail, _body(without_quote(mail.text)))
    return Outcome(
        InboundStatus.REPLY_ADDED,
        f"the old helpdesk's answer on ticket {ticket.number}",
        reply.ticket.id,
        reply.message.id,
    )


def _body(text: str) -> str:
    body = text.replace("\x00", "").strip() or NO_CONTENT
    if len(body) > BODY_MAX:
        body = body[: BODY_MAX - len(TRUNCATED)] + TRUNCATED
    return body


async def _requester(uow: UnitOfWork, ticket: Ticket, mail: ParsedMail) -> Viewer:
    """Who wrote the reply: the requester, or one of the people they copied, who speaks on
    the requester's side of the conversation under their own name."""
    contact = await copies.contact_on(uow, ticket, mail.sender)
    if contact is not None:
        return Viewer(
            kind=ViewerKind.GUEST,
            name=(contact.name or mail.sender_name or contact.email)[:200],
            ticket_id=ticket.id,
        )
    if ticket.customer_id is not None:
        customer = await Customer.get(id=ticket.customer_id, using_db=uow.connection)
        return Viewer(
            kind=ViewerKind.CUSTOMER,
            name=customer.name,
            language=customer.language,
            customer_id=customer.id,
        )
    return Viewer(
        kind=ViewerKind.GUEST,
        name=ticket.guest_name or mail.sender_name or mail.sender,
        ticket_id=ticket.id,
    )


async def _continue(
    uow: UnitOfWork, ticket: Ticket, mail: ParsedMail, *, answer: bool, vouched: bool = False
) -> Outcome:
    if get_settings().email_replies is EmailReplies.PANEL:
        contact = await requester_of(uow, ticket)
        if answer and contact is not None:
            await notify(
                uow,
                recipient=contact.email,
                language=contact.language,
                kind=NotificationKind.EMAIL_REPLY_REFUSED,
                payload={
                    "name": contact.name,
                    "tracking_id": ticket.tracking_id,
                    "number": ticket.number,
                    "subject": ticket.subject,
                    "in_reply_to": mail.message_id or "",
                },
                ticket_id=ticket.id,
            )
        return Outcome(InboundStatus.REPLY_REFUSED, "email replies are not accepted", ticket.id)
    if not vouched and not await is_authentic(uow, ticket, mail):
        return await _keep_unverified(uow, ticket, mail)
    viewer = await _requester(uow, ticket, mail)
    try:
        reply = await add_reply(
            uow,
            viewer,
            ticket,
            _body(without_quote(mail.text)),
            channel=Channel.EMAIL,
            alert_staff=not vouched,  # vouched: imported history, told to nobody
        )
        await copies.record_copies(uow, reply.ticket, mail, own=own_addresses())
    except DomainError as error:
        # The ticket cannot take it (merged away, changed meanwhile): a new ticket keeps it.
        opened = await _open(uow, mail, answer=answer, history=vouched)
        return Outcome(
            opened.status, f"{error.message} {opened.reason}", opened.ticket_id, opened.message_pk
        )
    return Outcome(
        InboundStatus.REPLY_ADDED,
        f"reply on ticket {ticket.number}",
        reply.ticket.id,
        reply.message.id,
    )


async def _keep_unverified(uow: UnitOfWork, ticket: Ticket, mail: ParsedMail) -> Outcome:
    message = await add_unverified_note(uow, ticket, mail, _body(without_quote(mail.text)))
    return Outcome(
        InboundStatus.REPLY_ADDED,
        f"unverified reply kept as an internal note on ticket {ticket.number}",
        ticket.id,
        message.id,
    )


async def _department() -> Department:
    department = await Department.get_or_none(code=get_settings().email_department)
    if department is None:
        department = await Department.all().order_by("id").first()
    if department is None:
        raise DomainError("No department exists to receive mail.")
    return department


async def _open(
    uow: UnitOfWork, mail: ParsedMail, *, answer: bool, history: bool = False
) -> Outcome:
    customer = (
        await Customer.filter(email__iexact=mail.sender, is_active=True)
        .using_db(uow.connection)
        .order_by("id")
        .first()
    )
    service = None
    if customer is not None:
        service = (
            await Service.filter(customer_id=customer.id, is_active=True)
            .using_db(uow.connection)
            .order_by("id")
            .first()
        )
        viewer = Viewer(
            kind=ViewerKind.CUSTOMER,
            name=customer.name,
            language=customer.language,
            customer_id=customer.id,
        )
    else:
        name = mail.sender_name or mail.sender.partition("@")[0]
        viewer = Viewer(kind=ViewerKind.GUEST, name=name[:200], language=Language.ES)
    # A stranger's copy of another ticket's tag must not point at that ticket.
    subject = " ".join(SUBJECT_TAG.sub("", mail.subject).split())[:200] or NO_SUBJECT
    draft = TicketDraft(
        customer=customer,
        service=service,
        department=await _department(),
        category=None,
        subject=subject,
        body=_body(mail.text),
        priority=Impact.MEDIUM,
        impact=Impact.MEDIUM,
        channel=Channel.EMAIL,
        guest_name=None if customer else viewer.name,
        guest_email=None if customer else mail.sender,
        acknowledge=answer,
        in_reply_to=mail.message_id,
        alert_staff=not history,
    )
    ticket = await insert_ticket(uow, viewer, draft)
    await copies.record_copies(uow, ticket, mail, own=own_addresses())
    kind = "customer" if customer else "guest"
    return Outcome(
        InboundStatus.TICKET_CREATED,
        f"new {kind} ticket {ticket.number}",
        ticket.id,
        ticket.last_message_id,
    )


async def attachments_of(inbound_id: int) -> list[Attachment]:
    """The files that came with a stored message (read from its raw bytes on disk)."""
    row = await InboundMail.get(id=inbound_id)
    if not row.raw_path:
        return []  # past its retention (domain.retention): the raw message is gone
    raw = await asyncio.to_thread(raw_message_path(row).read_bytes)
    return await asyncio.to_thread(attachments, raw)
