"""Shared steps of ticket actions: validation, status transitions and event records."""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any

from domain.clock import utcnow
from domain.errors import Conflict, ValidationFailed
from domain.identity.viewer import Viewer
from domain.live.events import LiveEvent, actor_name, live_event
from domain.models import (
    AuthorKind,
    Channel,
    EventKind,
    Message,
    MessageVisibility,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from domain.rows import (
    Along,
    ChangedMeanwhile,
    changed_only,
    indexed_values,
    insert_all,
    naming_later,
    update_where,
    update_where_naming,
    update_where_unread,
)
from domain.sla.deadlines import deadlines_after
from domain.tickets import notices
from domain.tickets.lifecycle import Trigger, next_status
from domain.tickets.search import index_message, index_ticket
from domain.uow import UnitOfWork

SUBJECT_MAX = 200
BODY_MAX = 50_000

# Events customers never see: triage, assignment and tags are the desk's internal business.
INTERNAL_EVENTS = frozenset(
    {
        EventKind.NOTE_ADDED,
        EventKind.ASSIGNED,
        EventKind.IMPACT_CHANGED,
        EventKind.DEPARTMENT_CHANGED,
        EventKind.CATEGORY_CHANGED,
        EventKind.SLA_WARNING,
        EventKind.SLA_BREACHED,
        EventKind.CONTACT_LOGGED,
        EventKind.TAGS_CHANGED,
        EventKind.TRIGGER_APPLIED,
        EventKind.TIME_RULE_APPLIED,
    }
)

# The automation trigger run applying its actions in this task, if any: the events it
# records name it, so the triggers they fire in turn know how deep the chain is.
caused_by_run: ContextVar[int | None] = ContextVar("caused_by_run", default=None)


def clean_subject(subject: str) -> str:
    subject = " ".join(subject.replace("\x00", "").split())
    if not subject:
        raise ValidationFailed("The subject cannot be empty.", field="subject")
    if len(subject) > SUBJECT_MAX:
        raise ValidationFailed(
            f"The subject is longer than {SUBJECT_MAX} characters.", field="subject"
        )
    return subject


def clean_body(body: str, *, field: str = "message") -> str:
    body = body.strip().replace("\x00", "")
    if not body:
        raise ValidationFailed("The message cannot be empty.", field=field)
    if len(body) > BODY_MAX:
        raise ValidationFailed(f"The message is longer than {BODY_MAX} characters.", field=field)
    return body


def author_kind(viewer: Viewer) -> AuthorKind:
    if viewer.is_customer:
        return AuthorKind.CUSTOMER
    if viewer.is_staff:
        return AuthorKind.AGENT
    if viewer.is_guest:
        return AuthorKind.GUEST
    if viewer.is_partner:
        return AuthorKind.PARTNER
    return AuthorKind.SYSTEM


async def record_event(
    uow: UnitOfWork,
    ticket: Ticket,
    kind: EventKind,
    viewer: Viewer,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    message: Message | None = None,
    internal: bool | None = None,
) -> None:
    """Record one history entry; before/after map each changed field to its value. It is
    written with the unit of work's last statement (UnitOfWork.add_event) and published to
    live subscribers once the unit of work commits: a caller that needs the row now (its
    id) uses `record_event_now`.

    `internal` overrides the kind's default (an internal note's attachment is internal)."""
    event = _event(ticket, kind, viewer, before, after, message, internal)
    uow.add_event(event, _live(event, ticket, viewer, message))


async def record_event_now(
    uow: UnitOfWork, ticket: Ticket, kind: EventKind, viewer: Viewer, **details: Any
) -> TicketEvent:
    """`record_event`, with the row inserted now (after the events recorded before it)."""
    await record_event(uow, ticket, kind, viewer, **details)
    event, _ = uow.pending_events[-1]
    await uow.flush_events()
    return event


def _event(
    ticket: Ticket,
    kind: EventKind,
    viewer: Viewer,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    message: Message | None,
    internal: bool | None,
) -> TicketEvent:
    return TicketEvent(
        ticket_id=ticket.id,
        kind=kind,
        actor_kind=author_kind(viewer),
        actor_customer_id=viewer.customer_id,
        actor_staff_id=viewer.staff_id,
        before=before,
        after=after,
        message_id=message.id if message is not None else None,
        internal=kind in INTERNAL_EVENTS if internal is None else internal,
        created_at=utcnow(),
        caused_by_run_id=caused_by_run.get(),
    )


def _live(event: TicketEvent, ticket: Ticket, viewer: Viewer, message: Message | None) -> LiveEvent:
    return live_event(
        event,
        department_id=ticket.department_id,
        customer_id=ticket.customer_id,
        actor=actor_name(event, viewer.name),
        message=message,
    )


async def add_message(
    uow: UnitOfWork,
    ticket: Ticket,
    viewer: Viewer,
    body: str,
    *,
    internal: bool = False,
    channel: Channel = Channel.WEB,
    event: EventKind | None = None,
    event_after: dict[str, Any] | None = None,
    unverified: bool = False,
) -> Message:
    """A message on the ticket, with its event."""
    first_public = ticket.last_message_id is None  # a new ticket: its index row is still to make
    message = await write_message(
        uow, ticket, viewer, body, internal=internal, channel=channel, unverified=unverified
    )
    await message_written(uow, ticket, viewer, message, event=event, event_after=event_after)
    if not internal:
        await update_where_unread(
            uow.connection,
            Ticket,
            {"id": ticket.id},
            {"last_message_id": message.id, "updated_at": message.created_at},
        )
        ticket.last_message_id = message.id
        ticket.updated_at = message.created_at
    if first_public:
        await index_ticket(uow.connection, ticket.id)
    else:
        await index_message(uow.connection, ticket.id, body, internal=internal)
    return message


async def write_message(
    uow: UnitOfWork,
    ticket: Ticket,
    viewer: Viewer,
    body: str,
    *,
    internal: bool = False,
    channel: Channel = Channel.WEB,
    unverified: bool = False,
) -> Message:
    """The message's row alone; `add_message` is the whole of adding one. A caller that
    writes the row itself updates the ticket in its own statement (`last_message_id`), then
    calls `message_written` and indexes it."""
    message = new_message(
        ticket, viewer, body, internal=internal, channel=channel, unverified=unverified
    )
    await insert_all(uow.connection, [message])
    return message


def new_message(
    ticket: Ticket,
    viewer: Viewer,
    body: str,
    *,
    internal: bool = False,
    channel: Channel = Channel.WEB,
    unverified: bool = False,
) -> Message:
    """A message's row by `viewer` on `ticket`, not written yet (`write_message` writes it;
    a new ticket's first message is written with the ticket's row)."""
    message = Message(
        unverified=unverified,
        author_kind=author_kind(viewer),
        author_customer_id=viewer.customer_id,
        author_staff_id=viewer.staff_id,
        author_name=viewer.name,
        visibility=MessageVisibility.INTERNAL if internal else MessageVisibility.PUBLIC,
        channel=channel,
        body=body,
        created_at=utcnow(),
    )
    # Set, not passed: the model refuses a missing ticket, and a new ticket's id comes with
    # the statement that writes both rows.
    message.ticket_id = ticket.id
    return message


async def message_written(
    uow: UnitOfWork,
    ticket: Ticket,
    viewer: Viewer,
    message: Message,
    *,
    event: EventKind | None = None,
    event_after: dict[str, Any] | None = None,
) -> None:
    """The event of a message just written."""
    internal = message.visibility is MessageVisibility.INTERNAL
    kind = event or (EventKind.NOTE_ADDED if internal else EventKind.MESSAGE_ADDED)
    await record_event(uow, ticket, kind, viewer, after=event_after, message=message)


async def lock_at(uow: UnitOfWork, ticket: Ticket, version: str | None) -> None:
    """Lock the ticket's row read unlocked at `version` (none: read locked already), as the
    read would have: the row's version must still be the one read."""
    if version is None:
        return
    rows = await uow.connection.execute_query_dict(
        'SELECT 1 FROM "ticket" WHERE "id" = $1 AND xmin::text = $2 FOR UPDATE',
        [ticket.id, version],
    )
    if not rows:
        raise ChangedMeanwhile("The ticket changed since it was read.")


async def transition(
    uow: UnitOfWork,
    ticket: Ticket,
    trigger: Trigger,
    viewer: Viewer,
    **changes: Any,
) -> TicketStatus:
    """Move the ticket along the state machine with a conditional update, and record it.
    The update carries the deadlines the move gives (computed first, in memory)."""
    return await _move(uow, ticket, trigger, viewer, changes, None)


async def transition_writing(
    uow: UnitOfWork,
    ticket: Ticket,
    trigger: Trigger,
    viewer: Viewer,
    message: Message,
    alongs: Sequence[Along] = (),
    *,
    version: str | None = None,
    **changes: Any,
) -> TicketStatus:
    """`transition`, writing a new message (`new_message`) that the move's update names the
    ticket's last message: on PostgreSQL in the update's own statement, one round trip fewer,
    with `alongs` too (domain.rows.update_where_naming). `version`: the ticket was read
    unlocked, with its row's version (domain.identity.access.get_visible_ticket_versioned),
    and the unit of work writes nothing but its events and mails after this: the update goes
    with its last statement, written only if the row is still at that version (else that
    statement fails: domain.rows.changed_meanwhile), or, where it cannot, the row is locked
    now at that version."""
    return await _move(uow, ticket, trigger, viewer, changes, message, alongs, version)


async def _move(
    uow: UnitOfWork,
    ticket: Ticket,
    trigger: Trigger,
    viewer: Viewer,
    changes: dict[str, Any],
    written: Message | None,
    alongs: Sequence[Along] = (),
    version: str | None = None,
) -> TicketStatus:
    before = ticket.status
    after = next_status(before, trigger)
    now = utcnow()
    # The ticket is read locked in `uow`, or at the version its update checks: its row holds
    # these, and the update leaves out the indexed columns the move keeps as they are.
    was = indexed_values(ticket)
    moved = {"status": after, "updated_at": now, **changes}
    for name, value in moved.items():
        setattr(ticket, name, value)
    columns = changed_only(was, {**moved, **await deadlines_after(ticket, before)})
    match = {"id": ticket.id, "status": before}
    later = None
    if version is not None and written is not None:
        later = naming_later(
            uow.connection,
            Ticket,
            match,
            columns,
            written,
            "last_message_id",
            version,
            alongs,
            ticket,
        )
    if later is not None:
        await uow.write_last(later)
        updated = 1
    elif written is None:
        await lock_at(uow, ticket, version)
        updated = await update_where(uow.connection, Ticket, match, columns)
    else:
        await lock_at(uow, ticket, version)
        updated = await update_where_naming(
            uow.connection, Ticket, match, columns, written, "last_message_id", alongs
        )
        ticket.last_message_id = written.id
    if updated != 1:
        raise Conflict("The ticket changed meanwhile. Reload it and try again.")
    if after is not before:
        await record_event(
            uow,
            ticket,
            EventKind.STATUS_CHANGED,
            viewer,
            before={"status": before.value},
            after={"status": after.value},
        )
    await notices.status_changed(uow, ticket, before, after, viewer)
    return after
