"""Live ticket events: the snapshot published after a commit, who may receive it, and the
replay of what a reconnecting client missed, read back from the event table."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import orjson

from domain.frozen_init import fast_init
from domain.identity.access import may_see_internal, visible_tickets
from domain.identity.viewer import Viewer
from domain.models import (
    AuthorKind,
    Channel,
    Customer,
    EventKind,
    Message,
    Staff,
    Ticket,
    TicketEvent,
)

SLA_KINDS = frozenset({EventKind.SLA_WARNING, EventKind.SLA_BREACHED})
REPLAY_PAGE = 500


@fast_init
@dataclass(frozen=True)
class LiveMessage:
    id: int
    body: str
    author_kind: AuthorKind
    author_name: str
    internal: bool
    channel: Channel
    created_at: datetime


@fast_init
@dataclass(frozen=True)
class LiveEvent:
    """A committed ticket event with what delivering it needs, so fan-out reads nothing."""

    id: int
    ticket_id: int
    kind: EventKind
    actor_kind: AuthorKind
    actor_name: str
    internal: bool
    created_at: datetime
    customer_id: int | None
    # The ticket's department, and for a move also the one it left: both queues hear it.
    department_ids: tuple[int, ...]
    actor_staff_id: int | None = None
    actor_customer_id: int | None = None
    before: Any = None
    after: Any = None
    message: LiveMessage | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    position: int = 0  # commit order (domain.live.positions); 0 until it commits

    @property
    def topics(self) -> tuple[str, ...]:
        """The hub's index keys this event is delivered under."""
        queues = tuple(queue_topic(department) for department in self.department_ids)
        sla = (SLA_TOPIC,) if self.kind in SLA_KINDS else ()
        return (ticket_topic(self.ticket_id), ALL_QUEUES_TOPIC, *queues, *sla)

    def to_json(self) -> str:
        # orjson writes the dataclasses, enums and moments itself: 2 us where the standard
        # library's asdict and dumps took 60 (every event of a write, distributed).
        try:
            return orjson.dumps(
                {"type": "ticket_event", **self.__dict__},
                default=_encode,
                option=orjson.OPT_NON_STR_KEYS,
            ).decode()
        except TypeError:  # a lone surrogate, which orjson refuses and json escapes
            envelope = {"type": "ticket_event", **asdict(self)}
            return json.dumps(envelope, default=_encode, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LiveEvent:
        message = data.pop("message")
        return cls(
            **{
                **data,
                "kind": EventKind(data["kind"]),
                "actor_kind": AuthorKind(data["actor_kind"]),
                "created_at": datetime.fromisoformat(data["created_at"]),
                "department_ids": tuple(data["department_ids"]),
                "message": None if message is None else _message_from_dict(message),
            }
        )


@dataclass(frozen=True)
class AnnouncementNotice:
    """An announcement was published or ended: subscribers fetch it as they may see it."""

    id: int
    change: str  # PUBLISHED or ENDED

    @property
    def topics(self) -> tuple[str, ...]:
        return (ANNOUNCEMENTS_TOPIC,)

    def to_json(self) -> str:
        return json.dumps({"type": "announcement", "id": self.id, "change": self.change})


@dataclass(frozen=True)
class PresenceNotice:
    """An agent on a ticket's page, typing or not, or leaving it (domain.live.presence):
    relayed to the other agents there, never stored."""

    ticket_id: int
    staff_id: int
    name: str
    viewing: bool  # False: left the page
    typing: bool | None  # None: as it was (a heartbeat of the page)
    hello: bool = False  # just arrived: the others there answer with their own notice

    @property
    def id(self) -> int:
        return 0

    @property
    def topics(self) -> tuple[str, ...]:
        return (presence_topic(self.ticket_id),)

    def to_json(self) -> str:
        return json.dumps({"type": "presence", **asdict(self)})


Live = LiveEvent | AnnouncementNotice | PresenceNotice


def lives_to_json(events: Sequence[Live]) -> str:
    """One published message for `events` (a commit's, or those of the commits the bus
    gathered): a single one as itself (as every release writes it), several as a JSON array
    of them, so they cost the bus one message to send and one to read back in every
    process."""
    if len(events) == 1:
        return events[0].to_json()
    return "[" + ",".join(event.to_json() for event in events) + "]"


def parse_published(raw: str | bytes) -> Any:
    """A published message's JSON value (ValueError if it is not JSON)."""
    try:
        return orjson.loads(raw)  # a fifth of the standard library's time (every event, back)
    except orjson.JSONDecodeError:
        return json.loads(raw)  # what orjson refuses and `to_json` may write: a lone surrogate


def live_from_json(raw: str | bytes) -> Live:
    """A published event back into its object (ValueError, TypeError or KeyError if it is
    not one of ours)."""
    return live_from_data(parse_published(raw))


def live_from_data(data: Any) -> Live:
    """One published event's JSON value back into its object (ValueError, TypeError or
    KeyError if it is not one of ours)."""
    kind = data.pop("type")
    if kind == "ticket_event":
        return LiveEvent.from_dict(data)
    if kind == "announcement":
        return AnnouncementNotice(id=int(data["id"]), change=str(data["change"]))
    if kind == "presence":
        return PresenceNotice(
            ticket_id=int(data["ticket_id"]),
            staff_id=int(data["staff_id"]),
            name=str(data["name"])[:200],
            viewing=bool(data["viewing"]),
            typing=None if data.get("typing") is None else bool(data["typing"]),
            hello=bool(data.get("hello", False)),
        )
    raise ValueError(f"unknown live message type {kind!r}")


ALL_QUEUES_TOPIC = "queue:*"
SLA_TOPIC = "sla"
ANNOUNCEMENTS_TOPIC = "announcements"


def presence_topic(ticket_id: int) -> str:
    return f"presence:{ticket_id}"


def ticket_topic(ticket_id: int) -> str:
    return f"ticket:{ticket_id}"


def queue_topic(department_id: int) -> str:
    return f"queue:{department_id}"


def _encode(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot publish {type(value).__name__}")


def _message_from_dict(data: dict[str, Any]) -> LiveMessage:
    return LiveMessage(
        **{
            **data,
            "author_kind": AuthorKind(data["author_kind"]),
            "channel": Channel(data["channel"]),
            "created_at": datetime.fromisoformat(data["created_at"]),
        }
    )


def actor_name(event: TicketEvent, viewer_name: str) -> str:
    """The name history shows for the actor: staff and customers by name, Mesa for itself."""
    if event.actor_staff_id is not None or event.actor_customer_id is not None:
        return viewer_name
    return "Mesa" if event.actor_kind is AuthorKind.SYSTEM else ""


def live_message(message: Message | None) -> LiveMessage | None:
    if message is None:
        return None
    return LiveMessage(
        id=message.id,
        body=message.body,
        author_kind=message.author_kind,
        author_name=message.author_name,
        internal=message.is_internal,
        channel=message.channel,
        created_at=message.created_at,
    )


def live_event(
    event: TicketEvent,
    *,
    department_id: int,
    customer_id: int | None,
    actor: str,
    message: Message | None,
) -> LiveEvent:
    departments = [department_id]
    if event.kind is EventKind.DEPARTMENT_CHANGED:
        for side in (event.before, event.after):
            moved = side.get("departmentId") if isinstance(side, dict) else None
            if isinstance(moved, int) and moved not in departments:
                departments.append(moved)
    return LiveEvent(
        id=event.id,
        ticket_id=event.ticket_id,
        kind=event.kind,
        actor_kind=event.actor_kind,
        actor_name=actor,
        internal=event.internal,
        created_at=event.created_at,
        customer_id=customer_id,
        department_ids=tuple(departments),
        actor_staff_id=event.actor_staff_id,
        actor_customer_id=event.actor_customer_id,
        before=event.before,
        after=event.after,
        message=live_message(message),
        position=event.position or 0,
    )


async def may_receive(viewer: Viewer, event: LiveEvent) -> bool:
    """Whether the viewer, as it is now, may receive the event: internal events reach staff
    only, and the ticket must be one the viewer may see."""
    if event.internal and not may_see_internal(viewer):
        return False
    if viewer.is_customer:
        return event.customer_id is not None and event.customer_id == viewer.customer_id
    if viewer.is_guest:
        return event.ticket_id == viewer.ticket_id
    if viewer.is_staff:
        return any(viewer.works_in(department) for department in event.department_ids)
    if viewer.is_partner:
        return await visible_tickets(viewer).filter(id=event.ticket_id).exists()
    return False


async def replay(
    viewer: Viewer,
    *,
    after_position: int,
    ticket_id: int | None = None,
    department_ids: Iterable[int] | None = None,
    kinds: Iterable[EventKind] | None = None,
    limit: int = REPLAY_PAGE,
) -> list[LiveEvent]:
    """The next page of stored events after a position, in commit order, of one ticket or
    some departments; the caller still applies `may_receive` to each, as to live ones."""
    query = TicketEvent.filter(position__gt=after_position)
    if ticket_id is not None:
        query = query.filter(ticket_id=ticket_id)
    if department_ids is not None:
        query = query.filter(ticket__department_id__in=list(department_ids))
    if kinds is not None:
        query = query.filter(kind__in=list(kinds))
    if not may_see_internal(viewer):
        query = query.filter(internal=False)
    rows = await query.order_by("position").limit(limit)
    return await snapshots(rows)


async def snapshots(rows: Sequence[TicketEvent]) -> list[LiveEvent]:
    """Live snapshots of stored events: one query per related table, whatever the page."""
    if not rows:
        return []
    tickets = {
        t.id: t
        for t in await Ticket.filter(id__in={row.ticket_id for row in rows}).only(
            "id", "department_id", "customer_id"
        )
    }
    message_ids = {row.message_id for row in rows if row.message_id is not None}
    messages = {m.id: m for m in await Message.filter(id__in=message_ids)} if message_ids else {}
    staff_names = await _names(Staff, {row.actor_staff_id for row in rows})
    customer_names = await _names(Customer, {row.actor_customer_id for row in rows})
    snapshots = []
    for row in rows:
        ticket = tickets[row.ticket_id]
        if row.actor_staff_id is not None:
            name = staff_names.get(row.actor_staff_id, "")
        else:
            name = customer_names.get(row.actor_customer_id or 0, "")
        snapshots.append(
            live_event(
                row,
                department_id=ticket.department_id,
                customer_id=ticket.customer_id,
                actor=actor_name(row, name),
                message=messages.get(row.message_id or 0),
            )
        )
    return snapshots


async def _names(model: type[Staff] | type[Customer], ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = await model.filter(id__in=wanted).values_list("id", "name")
    return {int(pk): str(name) for pk, name in rows}
