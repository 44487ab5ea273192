"""Ticket types: the ticket, its thread and its history."""
# mypy: disable-error-code="empty-body"
# (fields declared with api.core.relations.relation have no body of their own)

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Self

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.attachments.types import Attachment
from api.catalog.types import Category, Department
from api.core.columns import Columns, from_columns
from api.core.context import Info
from api.core.enums import AuthorKind, Channel, EventKind, Impact, TicketStatus
from api.core.ids import encode_id
from api.core.relations import relation
from api.custom_fields.types import TicketCustomFieldValue
from api.kb.types import Article
from api.people.types import Customer, Service, Staff
from api.satisfaction.types import TicketSatisfaction
from api.sla.types import TicketSla, sla_of_ticket
from domain import models
from domain.identity.access import may_see_ticket
from domain.identity.away import is_away
from domain.live import LiveEvent
from domain.tickets.permissions import ticket_permissions


@strawberry.type(description="Someone on a ticket's email conversation besides its requester.")
class TicketContact:
    email: str
    name: str
    added_at: datetime


@strawberry.type(description="A reply in a ticket's thread, or an internal note (staff only).")
class Message(relay.Node):
    id: relay.NodeID[int]
    body: str
    author_kind: AuthorKind
    author_name: str
    internal: bool
    channel: Channel
    created_at: datetime
    unverified: bool = strawberry.field(
        default=False,
        description="An email whose sender could not be verified (internal, for agents): "
        "not the requester's own words.",
    )

    @strawberry.field(description="Files attached to this message.")
    @relation("attachments_by_message_id", by="id", build=Attachment.from_model, many=True)
    async def attachments(self, info: Info) -> list[Attachment]: ...

    COLUMNS: ClassVar[Columns] = Columns(
        "body",
        "author_kind",
        "author_name",
        "channel",
        "created_at",
        internal=("visibility", models.Message.internal_visibility),
        unverified=("unverified", bool),
    )

    @classmethod
    @from_columns
    def from_model(cls, row: models.Message) -> Self:
        return cls.COLUMNS.build(cls, row)


@strawberry.type(description="One change to a ticket: who, what, before, after, when.")
class TicketEvent(relay.Node):
    id: relay.NodeID[int]
    kind: EventKind
    actor_kind: AuthorKind
    before: JSON | None
    after: JSON | None
    internal: bool
    created_at: datetime
    ticket_pk: strawberry.Private[int]
    actor_staff_pk: strawberry.Private[int | None]
    actor_customer_pk: strawberry.Private[int | None]
    message_pk: strawberry.Private[int | None]
    # Live events arrive with these resolved once for every subscriber: no query per event.
    known_actor_name: strawberry.Private[str | None] = None
    known_message: strawberry.Private[Message | None] = None

    @strawberry.field(description="The ticket that changed.")
    def ticket_id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Ticket", self.ticket_pk))

    @strawberry.field(description="The ticket that changed, as the viewer may see it now.")
    async def ticket(self, info: Info) -> Ticket | None:
        row = await info.context.loaders.ticket_by_id.load(self.ticket_pk)
        if row is None or not may_see_ticket(info.context.viewer, row):
            return None
        return Ticket.from_model(row)

    @strawberry.field
    async def actor_name(self, info: Info) -> str:
        if self.known_actor_name is not None:
            return self.known_actor_name
        loaders = info.context.loaders
        if self.actor_staff_pk is not None:
            staff = await loaders.staff_by_id.load(self.actor_staff_pk)
            return staff.name if staff else ""
        if self.actor_customer_pk is not None:
            customer = await loaders.customer_by_id.load(self.actor_customer_pk)
            return customer.name if customer else ""
        return "Mesa" if self.actor_kind is models.AuthorKind.SYSTEM else ""

    @strawberry.field
    async def message(self, info: Info) -> Message | None:
        if self.known_message is not None:
            known = self.known_message
            return None if known.internal and not _sees_internal(info) else known
        if self.message_pk is None:
            return None
        row = await info.context.loaders.message_by_id.load(self.message_pk)
        if row is None or (row.is_internal and not _sees_internal(info)):
            return None
        return Message.from_model(row)

    @classmethod
    def from_model(cls, row: models.TicketEvent) -> Self:
        return cls(
            id=row.id,
            kind=row.kind,
            actor_kind=row.actor_kind,
            before=row.before,
            after=row.after,
            internal=row.internal,
            created_at=row.created_at,
            ticket_pk=row.ticket_id,
            actor_staff_pk=row.actor_staff_id,
            actor_customer_pk=row.actor_customer_id,
            message_pk=row.message_id,
        )

    @classmethod
    def from_live(cls, event: LiveEvent) -> Self:
        message = event.message
        return cls(
            id=event.id,
            kind=event.kind,
            actor_kind=event.actor_kind,
            before=event.before,
            after=event.after,
            internal=event.internal,
            created_at=event.created_at,
            ticket_pk=event.ticket_id,
            actor_staff_pk=event.actor_staff_id,
            actor_customer_pk=event.actor_customer_id,
            message_pk=message.id if message else None,
            known_actor_name=event.actor_name,
            known_message=None
            if message is None
            else Message(
                id=message.id,
                body=message.body,
                author_kind=message.author_kind,
                author_name=message.author_name,
                internal=message.internal,
                channel=message.channel,
                created_at=message.created_at,
            ),
        )


def _sees_internal(info: Info) -> bool:
    viewer = info.context.viewer
    return viewer is not None and viewer.is_staff


@strawberry.type(description="What the viewer may do to a ticket now: show only these buttons.")
class TicketViewerCan:
    reply: bool
    add_note: bool = strawberry.field(description="Add an internal note (staff).")
    resolve: bool
    reopen: bool
    close: bool
    assign: bool
    triage: bool
    merge: bool = strawberry.field(description="Merge this ticket into another one.")
    mark_spam: bool = strawberry.field(default=False, description="Mark it spam (staff).")
    unmark_spam: bool = strawberry.field(default=False, description="Take it out of spam.")
    split: bool = strawberry.field(default=False, description="Split a message off (staff).")
    delete: bool = strawberry.field(default=False, description="Delete it for good (admins).")
    rate: bool = strawberry.field(
        default=False,
        description="Rate it (rateTicket), as its customer or guest once it is resolved or "
        "closed; a rating changes only until its satisfaction.changeableUntil.",
    )


@strawberry.type(description="A support case, from creation to closure.")
class Ticket(relay.Node):
    id: relay.NodeID[int]
    number: int
    tracking_id: str
    subject: str
    status: TicketStatus
    impact: Impact
    priority: Impact = strawberry.field(description="The priority the customer proposed.")
    channel: Channel
    guest_name: str | None
    guest_email: str | None
    created_at: datetime
    updated_at: datetime
    first_responded_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    row: strawberry.Private[models.Ticket]
    # The fields above from their columns (api.core.columns); the plan of a ticket list
    # selects these, the relations' keys, and every column when a selection needs a resolver.
    COLUMNS: ClassVar[Columns] = Columns(
        "number",
        "tracking_id",
        "subject",
        "status",
        "impact",
        "priority",
        "channel",
        "guest_name",
        "guest_email",
        "created_at",
        "updated_at",
        "first_responded_at",
        "resolved_at",
        "closed_at",
    )

    # Relations: declared once (api.core.relations), fetched per page by compiled queries.
    @strawberry.field
    @relation("customer_by_id", row="customer_id", build=Customer.from_model)
    async def customer(self, info: Info) -> Customer | None: ...

    @strawberry.field
    @relation("service_by_id", row="service_id", build=Service.from_model)
    async def service(self, info: Info) -> Service | None: ...

    @strawberry.field
    @relation("department_by_id", row="department_id", build=Department.from_model)
    async def department(self, info: Info) -> Department: ...

    @strawberry.field
    @relation("category_by_id", row="category_id", build=Category.from_model)
    async def category(self, info: Info) -> Category | None: ...

    @strawberry.field
    @relation("staff_by_id", row="assignee_id", build=Staff.from_model)
    async def assignee(self, info: Info) -> Staff | None: ...

    @strawberry.field(description="The thread, oldest first; internal notes for staff only.")
    @relation("messages_by_ticket_id", by="id", build=Message.from_model, many=True)
    async def messages(self, info: Info) -> list[Message]: ...

    @strawberry.field(description="The latest public message.")
    @relation("message_by_id", row="last_message_id", build=Message.from_model)
    async def last_message(self, info: Info) -> Message | None: ...

    @strawberry.field(description="The history; internal events for staff only.")
    @relation("events_by_ticket_id", by="id", build=TicketEvent.from_model, many=True)
    async def events(self, info: Info) -> list[TicketEvent]: ...

    @strawberry.field(description="Every file of the thread; internal notes' for staff only.")
    @relation("attachments_by_ticket_id", by="id", build=Attachment.from_model, many=True)
    async def attachments(self, info: Info) -> list[Attachment]: ...

    @strawberry.field(description="Agents following the ticket; staff only (empty for others).")
    async def watchers(self, info: Info) -> list[Staff]:
        ids = await info.context.loaders.watcher_ids_by_ticket_id.load(self.id)
        rows = await info.context.loaders.staff_by_id.load_many(ids)
        return [Staff.from_model(row) for row in rows if row is not None]

    @strawberry.field(
        description="People the requester copied (Cc) by email: they get the agents' replies "
        "and their replies thread into this ticket."
    )
    async def contacts(self, info: Info) -> list[TicketContact]:
        rows = await info.context.loaders.contacts_by_ticket_id.load(self.id)
        return [
            TicketContact(email=row.email, name=row.name, added_at=row.created_at) for row in rows
        ]

    @strawberry.field(description="Its tags, sorted; staff only (empty for everyone else).")
    async def tags(self, info: Info) -> list[str]:
        return await info.context.loaders.tags_by_ticket_id.load(self.id)

    @strawberry.field(
        description="Its custom field values in the fields' order; STAFF fields for staff only."
    )
    async def custom_fields(self, info: Info) -> list[TicketCustomFieldValue]:
        rows = await info.context.loaders.custom_field_values_by_ticket_id.load(self.id)
        return [TicketCustomFieldValue.from_domain(row) for row in rows]

    @strawberry.field(description="Response deadlines and where the ticket stands.")
    async def sla(self, info: Info) -> TicketSla | None:
        return await sla_of_ticket(info, self.row)

    @strawberry.field(
        description="How the requester rated the ticket once resolved (null: not rated)."
    )
    async def satisfaction(self, info: Info) -> TicketSatisfaction | None:
        row = await info.context.loaders.rating_by_ticket_id.load(self.id)
        return TicketSatisfaction.from_model(row) if row else None

    @strawberry.field(description="What the viewer may do to this ticket in its current state.")
    def viewer_can(self, info: Info) -> TicketViewerCan:
        allowed = ticket_permissions(info.context.viewer, self.row)
        return TicketViewerCan(
            reply=allowed.reply,
            add_note=allowed.add_note,
            resolve=allowed.resolve,
            reopen=allowed.reopen,
            close=allowed.close,
            assign=allowed.assign,
            triage=allowed.triage,
            merge=allowed.merge,
            mark_spam=allowed.mark_spam,
            unmark_spam=allowed.unmark_spam,
            split=allowed.split,
            delete=allowed.delete,
            rate=allowed.rate,
        )

    @strawberry.field(description="The ticket this one was merged into.")
    async def merged_into(self, info: Info) -> Ticket | None:
        return await _linked(info, self.row.merged_into_id)

    @strawberry.field(description="The ticket this one was split from (splitTicket).")
    async def split_from(self, info: Info) -> Ticket | None:
        return await _linked(info, self.row.split_from_id)

    @strawberry.field(description="The tickets split from this one's messages, oldest first.")
    async def split_into(self, info: Info) -> list[Ticket]:
        ids = await info.context.loaders.split_ids_by_ticket_id.load(self.id)
        found = [await _linked(info, pk) for pk in ids]
        return [ticket for ticket in found if ticket is not None]

    @strawberry.field(
        description="Whether its assignee is out of office now (staff only; null for others "
        "and when unassigned)."
    )
    async def assignee_away(self, info: Info) -> bool | None:
        viewer = info.context.viewer
        pk = self.row.assignee_id
        if pk is None or viewer is None or not viewer.is_staff:
            return None
        row = await info.context.loaders.staff_by_id.load(pk)
        return is_away(row) if row else None

    @strawberry.field(description="The older ticket this one follows up.")
    async def follow_up_of(self, info: Info) -> Ticket | None:
        return await _linked(info, self.row.follow_up_of_id)

    @strawberry.field(
        description="The article documenting this ticket (seed 004 step 9): a draft for "
        "staff, once published for everyone who sees the ticket."
    )
    async def documentation_article(self, info: Info) -> Article | None:
        row = await info.context.loaders.article_by_source_ticket_id.load(self.id)
        return Article.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: models.Ticket) -> Self:
        return cls.COLUMNS.build(cls, row, row=row)


async def _linked(info: Info, pk: int | None) -> Ticket | None:
    if pk is None:
        return None
    row = await info.context.loaders.ticket_by_id.load(pk)
    if row is None or not may_see_ticket(info.context.viewer, row):
        return None
    return Ticket.from_model(row)
