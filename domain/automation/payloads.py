"""What a webhook receives: the event and the ticket as they are when the event is read.

The body is JSON (camelCase keys, ISO 8601 times):
`{"deliveryId", "event": {id, kind, position, createdAt, internal, actor, before, after,
message}, "ticket": {id, number, trackingId, subject, status, impact, priority, channel,
department, category, requester, assignee, createdAt, updatedAt}}`.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.models import Message, Ticket, TicketEvent

TicketFacts = dict[str, Any]


def global_id(type_name: str, pk: int) -> str:
    """The API's global ID of a row (base64 of "Type:pk", as Relay's), for calls back."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


async def ticket_facts(
    connection: BaseDBAsyncClient, ticket_ids: set[int]
) -> dict[int, TicketFacts]:
    """The tickets of a page of events, with what payloads and scopes need, in one query."""
    rows = await (
        Ticket.filter(id__in=list(ticket_ids))
        .using_db(connection)
        .values(
            "id",
            "number",
            "tracking_id",
            "subject",
            "status",
            "impact",
            "priority",
            "channel",
            "created_at",
            "updated_at",
            "guest_name",
            "guest_email",
            "customer_id",
            "department_id",
            "category_id",
            "assignee_id",
            partner_id="customer__partner_id",
            client_number="customer__client_number",
            customer_name="customer__name",
            department_code="department__code",
            category_code="category__code",
            assignee_name="assignee__name",
            assignee_email="assignee__email",
        )
    )
    return {int(row["id"]): row for row in rows}


def ticket_payload(row: TicketFacts) -> dict[str, Any]:
    if row["customer_id"] is not None:
        requester = {
            "kind": "CUSTOMER",
            "clientNumber": row["client_number"],
            "name": row["customer_name"],
        }
    else:
        requester = {"kind": "GUEST", "name": row["guest_name"], "email": row["guest_email"]}
    assignee = None
    if row["assignee_id"] is not None:
        assignee = {
            "id": global_id("Staff", row["assignee_id"]),
            "name": row["assignee_name"],
            "email": row["assignee_email"],
        }
    return {
        "id": global_id("Ticket", row["id"]),
        "number": row["number"],
        "trackingId": row["tracking_id"],
        "subject": row["subject"],
        "status": str(row["status"]),
        "impact": str(row["impact"]),
        "priority": str(row["priority"]),
        "channel": str(row["channel"]),
        "department": row["department_code"],
        "category": row["category_code"],
        "requester": requester,
        "assignee": assignee,
        "createdAt": _time(row["created_at"]),
        "updatedAt": _time(row["updated_at"]),
    }


async def messages_of(
    connection: BaseDBAsyncClient, events: Sequence[TicketEvent]
) -> dict[int, Message]:
    ids = {e.message_id for e in events if e.message_id is not None}
    if not ids:
        return {}
    return {m.id: m for m in await Message.filter(id__in=list(ids)).using_db(connection)}


def event_payload(event: TicketEvent, message: Message | None) -> dict[str, Any]:
    return {
        "id": global_id("TicketEvent", event.id),
        "kind": str(event.kind),
        "position": event.position,
        "createdAt": _time(event.created_at),
        "internal": event.internal,
        "actor": {"kind": str(event.actor_kind)},
        "before": event.before,
        "after": event.after,
        "message": None
        if message is None
        else {
            "id": global_id("Message", message.id),
            "body": message.body,
            "internal": message.is_internal,
            "authorKind": str(message.author_kind),
            "authorName": message.author_name,
            "channel": str(message.channel),
            "createdAt": _time(message.created_at),
        },
    }
