"""What an agent is told about, live: new tickets in their departments, customers replying on
their (or watched) tickets, mentions in internal notes, assignments to them and SLA alerts on
their tickets. Never their own actions. Each agent chooses the kinds (`AgentPreferences`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.clock import utcnow
from domain.errors import ValidationFailed
from domain.identity.access import get_visible_ticket, require_staff
from domain.identity.viewer import Viewer
from domain.live.events import LiveEvent
from domain.models import (
    AgentPreferences,
    AuthorKind,
    EventKind,
    Staff,
    Ticket,
    TicketWatcher,
)
from domain.tickets.first_message import is_first_message


class AgentNotificationKind(StrEnum):
    NEW_TICKET = "NEW_TICKET"
    CUSTOMER_REPLIED = "CUSTOMER_REPLIED"
    MENTIONED = "MENTIONED"
    ASSIGNED = "ASSIGNED"
    SLA_ALERT = "SLA_ALERT"


EVERY_KIND = tuple(AgentNotificationKind)
_MENTION = re.compile(r"(?<![\w.])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")
MENTIONS_MAX = 20
_REQUESTERS = frozenset({AuthorKind.CUSTOMER, AuthorKind.GUEST})


async def watch_ticket(*, viewer: Viewer | None, ticket_id: int, watching: bool) -> Ticket:
    """Follow (or stop following) a ticket the agent may see."""
    viewer = require_staff(viewer)
    ticket = await get_visible_ticket(viewer, ticket_id)
    if watching:
        await TicketWatcher.get_or_create(
            ticket_id=ticket.id, staff_id=viewer.staff_id, defaults={"created_at": utcnow()}
        )
    else:
        await TicketWatcher.filter(ticket_id=ticket.id, staff_id=viewer.staff_id).delete()
    return ticket


async def watchers_by_ticket(
    viewer: Viewer | None, ticket_ids: Sequence[int]
) -> dict[int, list[int]]:
    """Staff ids following each ticket; staff only."""
    grouped: dict[int, list[int]] = {ticket_id: [] for ticket_id in ticket_ids}
    if viewer is None or not viewer.is_staff or not ticket_ids:
        return grouped
    rows = (
        await TicketWatcher.filter(ticket_id__in=list(ticket_ids))
        .order_by("id")
        .values_list("ticket_id", "staff_id")
    )
    for ticket_id, staff_id in rows:
        grouped[ticket_id].append(staff_id)
    return grouped


@dataclass(frozen=True)
class Preferences:
    live: tuple[AgentNotificationKind, ...] = EVERY_KIND
    email: tuple[AgentNotificationKind, ...] = EVERY_KIND


def _kinds(values: Sequence[str] | None) -> tuple[AgentNotificationKind, ...]:
    return EVERY_KIND if values is None else tuple(k for k in EVERY_KIND if k.value in values)


async def all_preferences(viewer: Viewer) -> Preferences:
    """What the agent is told about, live and by email: every kind until they choose."""
    row = await AgentPreferences.get_or_none(staff_id=viewer.staff_id)
    if row is None:
        return Preferences()
    return Preferences(live=_kinds(row.live_kinds), email=_kinds(row.email_kinds))


async def preferences(viewer: Viewer) -> tuple[AgentNotificationKind, ...]:
    """The kinds the agent is told about live."""
    return (await all_preferences(viewer)).live


def wants_email(preferences: AgentPreferences | None, kind: AgentNotificationKind) -> bool:
    """Whether an agent with these preferences (None: never chose) wants `kind` by email."""
    return email_wanted(None if preferences is None else preferences.email_kinds, kind)


def email_wanted(email_kinds: Sequence[str] | None, kind: AgentNotificationKind) -> bool:
    """Whether an agent who chose these kinds by email (None: never chose) wants `kind`."""
    return kind in _kinds(email_kinds)


async def update_preferences(
    *,
    viewer: Viewer | None,
    live: Sequence[AgentNotificationKind] | None = None,
    email: Sequence[AgentNotificationKind] | None = None,
) -> Preferences:
    """Choose the kinds told live, by email, or both (a list left out stays as it was)."""
    viewer = require_staff(viewer)
    if viewer.staff_id is None:
        raise ValidationFailed("Only agents have notification preferences.", field="live")
    if live is None and email is None:
        raise ValidationFailed(
            "Give the kinds to be told live, by email, or both. / Indique los avisos en vivo, "
            "por correo o ambos.",
            field="live",
        )
    current = await all_preferences(viewer)
    chosen = {
        "live_kinds": [k.value for k in (current.live if live is None else _kinds(live))],
        "email_kinds": [k.value for k in (current.email if email is None else _kinds(email))],
    }
    await AgentPreferences.update_or_create(
        staff_id=viewer.staff_id, defaults={**chosen, "updated_at": utcnow()}
    )
    return await all_preferences(viewer)


def mentions(body: str) -> set[str]:
    """Who a note names: full addresses and bare names (the part before the @), folded."""
    return {name.casefold() for name in _MENTION.findall(body)[:MENTIONS_MAX]}


def mentioned(body: str, staff: Staff) -> bool:
    """`@ana@mesa.example` or `@ana` (the part of the email before the @)."""
    names = {staff.email.casefold(), staff.email.split("@")[0].casefold()}
    return any(name.casefold() in names for name in _MENTION.findall(body))


async def concern(viewer: Viewer, event: LiveEvent) -> AgentNotificationKind | None:
    """What the event is to this agent, if anything they asked to be told about."""
    if viewer.staff_id is None or event.actor_staff_id == viewer.staff_id:
        return None
    kind = await _kind(viewer, event)
    if kind is None or kind not in await preferences(viewer):
        return None
    return kind


async def _kind(viewer: Viewer, event: LiveEvent) -> AgentNotificationKind | None:
    me = viewer.staff_id
    if event.kind is EventKind.CREATED:
        return AgentNotificationKind.NEW_TICKET
    if event.kind is EventKind.ASSIGNED:
        after = event.after if isinstance(event.after, dict) else {}
        return AgentNotificationKind.ASSIGNED if after.get("assigneeId") == me else None
    if event.kind is EventKind.NOTE_ADDED and event.message is not None:
        staff = await Staff.get_or_none(id=me)
        if staff is not None and mentioned(event.message.body, staff):
            return AgentNotificationKind.MENTIONED
        return None
    replied = event.kind is EventKind.MESSAGE_ADDED and event.actor_kind in _REQUESTERS
    alert = event.kind in (EventKind.SLA_WARNING, EventKind.SLA_BREACHED)
    if not (replied or alert) or not await _assigned_or_watched(me, event.ticket_id):
        return None
    if replied:
        # A new ticket's first message is no reply, even when its event is delivered after
        # the ticket was assigned to the agent (NEW_TICKET told them of it).
        message = event.message.id if event.message is not None else None
        if await is_first_message(event.ticket_id, message):
            return None
        return AgentNotificationKind.CUSTOMER_REPLIED
    return AgentNotificationKind.SLA_ALERT


async def _assigned_or_watched(staff_id: int | None, ticket_id: int) -> bool:
    if await Ticket.filter(id=ticket_id, assignee_id=staff_id).exists():
        return True
    return await TicketWatcher.filter(ticket_id=ticket_id, staff_id=staff_id).exists()
