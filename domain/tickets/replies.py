"""Replies to a ticket: a customer's or an agent's public reply, an agent's internal note, a
requester's reply to an ended ticket (a follow-up ticket linked to it).

A public reply without files on PostgreSQL reads its ticket unlocked, with its row's version
(domain.identity.access.get_visible_ticket_versioned), and whom the reply goes to (a
requester's: who follows the ticket, read by the same statement as its row), and then
one statement, sent without BEGIN or COMMIT, writes the message, the ticket's move, its
events and its mails, only if the row is still at that version (domain.rows.naming_later):
the round trips of a transaction around a locked read, three of a reply's six, are left out.
When someone changed the row meanwhile, that statement writes nothing and the reply reads
again; after UNLOCKED_ATTEMPTS such reads it reads the row locked, as every other change does,
so a reply is never refused for a change made meanwhile. A reply that writes more than that
one statement (a first public message, a follow-up) locks the row at the version it read.
tests/test_reply_unlocked.py covers both.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.attachments.pipeline import accept_attachments
from domain.attachments.quarantine import IncomingFile
from domain.clock import utcnow
from domain.errors import InvalidTransition, NotAllowed
from domain.identity.access import (
    TICKETS_WRITE,
    TicketRef,
    get_visible_ticket_for_update_reading,
    get_visible_ticket_versioned,
    require_scope,
)
from domain.identity.viewer import Viewer
from domain.models import Channel, Message, Ticket, TicketStatus
from domain.rows import Along, changed_meanwhile, read_alongs
from domain.rows.drawn import Drawn
from domain.tickets import notices
from domain.tickets.actions import insert_ticket
from domain.tickets.changes import (
    add_message,
    clean_body,
    clean_subject,
    lock_at,
    message_written,
    new_message,
    transition,
    transition_writing,
)
from domain.tickets.drafts import TicketDraft
from domain.tickets.lifecycle import ENDED, Trigger
from domain.tickets.permissions import within_reopen_window
from domain.tickets.search import appending, index_if_missing, index_message
from domain.uow import UnitOfWork, unit_of_work, within_atomic
from domain.workspace.canned import render_for_ticket


@dataclass(frozen=True)
class Reply:
    ticket: Ticket
    message: Message


async def reply_to_ticket(
    *,
    viewer: Viewer | None,
    ticket_id: TicketRef,
    body: str,
    internal: bool = False,
    channel: Channel = Channel.WEB,
    attachments: Sequence[IncomingFile] = (),
    canned_response_id: int | None = None,
) -> Reply:
    """Add a reply or an internal note; a customer's reply past the reopen window opens a
    follow-up ticket linked to the old one. A canned response (staff) is rendered for the
    ticket and follows the message, if any."""
    viewer = require_scope(viewer, TICKETS_WRITE)
    if canned_response_id is None:
        body = clean_body(body)
    if internal and not viewer.is_staff:
        raise NotAllowed("Only support staff can add internal notes.", field="internal")
    if not internal and not attachments and canned_response_id is None and _unlocked():
        reply = await _reply_unlocked(viewer, ticket_id, body, channel)
        if reply is not None:
            return reply
    async with unit_of_work() as uow:
        # A requester's reply reads who follows the ticket with its row (on SQLite: the
        # statement that would carry it on PostgreSQL is its own there).
        reads = notices.watchers_with_row(uow.connection) if viewer.is_requester else ()
        ticket, found = await get_visible_ticket_for_update_reading(viewer, ticket_id, reads)
        if canned_response_id is not None:
            canned = await render_for_ticket(
                viewer=viewer, canned_response_id=canned_response_id, ticket=ticket
            )
            body = clean_body("\n\n".join(part for part in (body.strip(), canned) if part))
        if internal:
            if ticket.status is TicketStatus.MERGED:
                raise InvalidTransition("The ticket was merged into another ticket; reply there.")
            message = await add_message(uow, ticket, viewer, body, internal=True)
            await accept_attachments(uow, ticket, message, attachments, viewer)
            await notices.mentioned_in_note(uow, ticket, message, viewer)
            return Reply(ticket, message)
        watchers = notices.watchers_from_row(uow.connection, ticket.id, found)
        read = None if watchers is None else _Read(watchers, None)
        return await add_reply(
            uow, viewer, ticket, body, channel=channel, attachments=attachments, read=read
        )


# Reads of a reply's ticket unlocked, each found changed by its write, before the reply locks
# the row as it reads it.
UNLOCKED_ATTEMPTS = 2


def _unlocked() -> bool:
    """Whether a reply reads its ticket unlocked and writes in one statement: PostgreSQL's,
    unless it is one action of an `atomic()` whole, whose statements are not its own."""
    return Ticket._meta.db.capabilities.dialect == "postgres" and not within_atomic()


async def _reply_unlocked(
    viewer: Viewer, ticket_id: TicketRef, body: str, channel: Channel
) -> Reply | None:
    """A public reply without files (PostgreSQL): the ticket read unlocked with its row's
    version, and whom the reply goes to, then one statement writes the reply, the move, its
    events and its mails (no BEGIN, no COMMIT) if the row is still at that version. When it
    is not, that statement writes nothing and the reply reads again; after UNLOCKED_ATTEMPTS
    such reads, None: the caller locks the row as it reads it, as any other change does, so
    a reply is never refused for a change made meanwhile. (A reply that must write more than
    that statement locks the row at the version read first: domain.tickets.changes.)"""
    for _ in range(UNLOCKED_ATTEMPTS):
        try:
            async with unit_of_work() as uow:
                with uow.reads_first():
                    # A requester's reply reads who follows the ticket with its row.
                    reads = (notices.WATCHERS_OF_TICKET_ROW,) if viewer.is_requester else ()
                    ticket, version, found = await get_visible_ticket_versioned(
                        viewer, ticket_id, reads
                    )
                    read = await _replying_to(uow.connection, ticket, viewer, found)
                return await add_reply(
                    uow, viewer, ticket, body, channel=channel, version=version, read=read
                )
        except Exception as error:
            if not changed_meanwhile(error):
                raise
    return None


@dataclass(frozen=True)
class _Read:
    """Whom a reply goes to, read before its unit of work (see `add_reply`)."""

    watchers: Along | None
    addressees: notices.Addressees | None


async def _replying_to(
    connection: BaseDBAsyncClient, ticket: Ticket, viewer: Viewer, found: Sequence[Any]
) -> _Read:
    """Whom the reply goes to: a requester's, who follows the ticket (read with its row:
    `found`); an agent's, its addressees, read by one statement."""
    watchers = notices.watching(connection, ticket.id) if viewer.is_requester else None
    if watchers is not None and found:
        watchers.returned = list(found[0])
    addressees = notices.addressees(connection, ticket) if viewer.is_staff else None
    alongs = [watchers] if watchers is not None and watchers.returned is None else []
    alongs += addressees.alongs if addressees is not None else []
    await read_alongs(connection, alongs)
    return _Read(watchers, addressees)


async def add_reply(
    uow: UnitOfWork,
    viewer: Viewer,
    ticket: Ticket,
    body: str,
    *,
    channel: Channel,
    attachments: Sequence[IncomingFile] = (),
    tell_requester: bool = True,
    alert_staff: bool = True,
    version: str | None = None,
    read: _Read | None = None,
) -> Reply:
    """A public reply on a ticket locked in `uow`: moves its status, tells the requester of an
    agent's reply (unless it is history being imported); a requester's reply past the reopen
    window opens a linked follow-up. `version`: the ticket was read unlocked at that version
    of its row (`_reply_unlocked`), with `read`."""
    if ticket.status is TicketStatus.MERGED:
        raise InvalidTransition("The ticket was merged into another ticket; reply there.")
    if version is not None and (ticket.last_message_id is None or attachments):
        await lock_at(uow, ticket, version)  # more than one statement writes it: as if locked
        version = read = None
    if viewer.is_requester and ticket.status in ENDED and not within_reopen_window(ticket):
        await lock_at(uow, ticket, version)
        return await _open_follow_up(uow, viewer, ticket, body, channel, attachments)
    trigger = Trigger.AGENT_REPLY if viewer.is_staff else Trigger.CUSTOMER_REPLY
    if viewer.is_requester and ticket.status in ENDED:
        trigger = Trigger.REOPEN_BY_CUSTOMER
    changes: dict[str, Any] = {}  # datetimes or None
    if viewer.is_staff and ticket.first_responded_at is None:
        changes["first_responded_at"] = utcnow()
    if trigger is Trigger.REOPEN_BY_CUSTOMER:
        changes.update(resolved_at=None, closed_at=None)
    alerting = viewer.is_requester and alert_staff
    watchers: Along | None = None  # who follows the ticket, when read along the move
    addressees: notices.Addressees | None = None  # whom an agent's reply goes to, likewise
    if ticket.last_message_id is None:  # its first public message: its index row is made
        await transition(uow, ticket, trigger, viewer, **changes)
        message = await add_message(uow, ticket, viewer, body, channel=channel)
    else:
        # The message's row with the move, whose one update names it the last message too,
        # the message's search words and who follows the ticket, for the staff's alerts (on
        # PostgreSQL in one statement); the events keep their order (the status change, then
        # the message).
        message = new_message(ticket, viewer, body, channel=channel)
        words = appending(uow.connection, ticket.id, body, internal=False)
        if read is not None:  # read before the unit of work began
            watchers = read.watchers if alerting else None
            addressees = read.addressees if viewer.is_staff and tell_requester else None
            alongs = [words] if words is not None else []
        else:
            watchers = notices.watching(uow.connection, ticket.id) if alerting else None
            if viewer.is_staff and tell_requester:
                addressees = notices.addressees(uow.connection, ticket)
            alongs = [along for along in (words, watchers) if along is not None]
            alongs += addressees.alongs if addressees is not None else []
        await transition_writing(
            uow, ticket, trigger, viewer, message, alongs, version=version, **changes
        )
        await message_written(uow, ticket, viewer, message)
        if type(message.id) is Drawn:  # written by the last statement: its words with it
            uow.after_commit(functools.partial(index_if_missing, ticket.id, words))
        else:
            await index_message(uow.connection, ticket.id, body, internal=False, sent=words)
    await accept_attachments(uow, ticket, message, attachments, viewer)
    if viewer.is_staff and tell_requester:
        await notices.agent_replied(uow, ticket, message, viewer, addressees)
    if alerting:
        await notices.requester_replied(uow, ticket, message, viewer, watchers)
    return Reply(ticket, message)


async def _open_follow_up(
    uow: UnitOfWork,
    viewer: Viewer,
    old: Ticket,
    body: str,
    channel: Channel,
    attachments: Sequence[IncomingFile],
) -> Reply:
    await old.fetch_related("customer", "service", "department", "category")
    draft = TicketDraft(
        old.customer,
        old.service,
        old.department,
        old.category,
        clean_subject(f"Re: {old.subject}"),
        body,
        old.priority,
        old.impact,
        channel,
        guest_name=old.guest_name,
        guest_email=old.guest_email,
        guest_language=old.guest_language,
        follow_up_of=old,
        attachments=attachments,
    )
    ticket = await insert_ticket(uow, viewer, draft)
    message = (
        await Message.filter(ticket_id=ticket.id).using_db(uow.connection).order_by("id").first()
    )
    assert message is not None
    return Reply(ticket, message)
