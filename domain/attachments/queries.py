"""Reading attachments for a page of messages or tickets, in one query each."""

from __future__ import annotations

from collections.abc import Sequence

from domain.identity.access import may_see_internal
from domain.identity.viewer import Viewer
from domain.models import Attachment, MessageVisibility


async def attachments_by_message(message_ids: Sequence[int]) -> dict[int, list[Attachment]]:
    """The messages were already scoped to the viewer, and so are their files."""
    grouped: dict[int, list[Attachment]] = {i: [] for i in message_ids}
    for row in await Attachment.filter(message_id__in=list(message_ids)).order_by("id"):
        grouped[row.message_id].append(row)
    return grouped


async def attachments_by_ticket(
    viewer: Viewer | None, ticket_ids: Sequence[int]
) -> dict[int, list[Attachment]]:
    """Every file of visible tickets; internal notes' files for staff only."""
    grouped: dict[int, list[Attachment]] = {i: [] for i in ticket_ids}
    query = Attachment.filter(ticket_id__in=list(ticket_ids))
    if not may_see_internal(viewer):
        query = query.filter(message__visibility=MessageVisibility.PUBLIC)
    for row in await query.order_by("id"):
        grouped[row.ticket_id].append(row)
    return grouped
