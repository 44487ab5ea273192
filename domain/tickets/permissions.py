"""What a viewer may do to a ticket now: the same rules the actions apply, asked in advance,
so a client shows only the buttons that work. Pure: no query, the ticket is already visible."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.clock import utcnow
from domain.config import get_settings
from domain.identity.access import TICKETS_WRITE
from domain.identity.viewer import Viewer
from domain.models import Ticket, TicketStatus
from domain.tickets.lifecycle import ENDED, Trigger, allows


@dataclass(frozen=True)
class TicketPermissions:
    reply: bool = False
    add_note: bool = False
    resolve: bool = False
    reopen: bool = False
    close: bool = False
    assign: bool = False
    triage: bool = False
    merge: bool = False
    mark_spam: bool = False
    unmark_spam: bool = False
    split: bool = False
    delete: bool = False
    rate: bool = False


NOTHING = TicketPermissions()


def within_reopen_window(ticket: Ticket) -> bool:
    """A requester may still reopen (or reply to) an ended ticket rather than follow it up."""
    ended_at = ticket.resolved_at or ticket.closed_at
    window = timedelta(days=get_settings().reopen_window_days)
    return ended_at is None or utcnow() - ended_at <= window


def ticket_permissions(viewer: Viewer | None, ticket: Ticket) -> TicketPermissions:
    """What `viewer`, who sees `ticket`, may do to it in its current state."""
    if viewer is None or (viewer.is_partner and not viewer.has_scope(TICKETS_WRITE)):
        return NOTHING
    status = ticket.status
    live = status not in (TicketStatus.MERGED, TicketStatus.SPAM)
    if viewer.is_requester:
        return TicketPermissions(
            reply=live,
            resolve=allows(status, Trigger.RESOLVE),
            reopen=status in ENDED and within_reopen_window(ticket),
            rate=(status in ENDED and not viewer.is_partner and get_settings().satisfaction_survey),
        )
    if not viewer.is_staff:
        return NOTHING
    # Agents take a ticket or hand back their own; supervisors and admins assign anyone's.
    assigns = viewer.sees_every_department or ticket.assignee_id in (None, viewer.staff_id)
    return TicketPermissions(
        reply=live,
        add_note=live,
        resolve=allows(status, Trigger.RESOLVE),
        reopen=allows(status, Trigger.REOPEN_BY_AGENT),
        close=allows(status, Trigger.CLOSE),
        assign=live and assigns,
        triage=live,
        merge=allows(status, Trigger.MERGE),
        mark_spam=live,
        unmark_spam=status is TicketStatus.SPAM,
        split=live,
        delete=viewer.is_admin,
    )
