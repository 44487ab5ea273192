"""Which message opened a ticket: the one it is created with, which no one counts as a reply
(automation's triggers, agents' notifications)."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.models import Message


async def is_first_message(
    ticket_id: int, message_id: int | None, connection: BaseDBAsyncClient | None = None
) -> bool:
    """Whether the message is its ticket's first: the one a new ticket is opened with, which
    no one counts as a reply (automation's triggers, agents' notifications)."""
    if message_id is None:
        return False
    first = await Message.filter(ticket_id=ticket_id).using_db(connection).order_by("id").first()
    return first is not None and first.id == message_id
