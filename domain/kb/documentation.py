"""Documentation (seed 004 step 9): a resolved ticket becomes a draft article."""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import Conflict, InvalidTransition, ValidationFailed
from domain.identity.access import TicketRef, get_visible_ticket, require_staff
from domain.identity.viewer import Viewer
from domain.kb.articles import ArticleDraft, readable_statuses, save_new_article
from domain.models import (
    Article,
    AuthorKind,
    Customer,
    Language,
    Message,
    MessageVisibility,
    Ticket,
    TicketStatus,
)
from domain.uow import unit_of_work


async def _answer_of(ticket: Ticket) -> str:
    """The agents' public replies on the ticket, in order: what solved the problem."""
    replies = await Message.filter(
        ticket_id=ticket.id, author_kind=AuthorKind.AGENT, visibility=MessageVisibility.PUBLIC
    ).order_by("id")
    answer = "\n\n".join(reply.body.strip() for reply in replies if reply.body.strip())
    if not answer:
        raise ValidationFailed(
            "The ticket has no public answer from an agent to document.", field="ticketId"
        )
    return answer


async def _language_of(ticket: Ticket) -> Language:
    if ticket.customer_id is None:
        return Language.ES
    customer = await Customer.get(id=ticket.customer_id)
    return customer.language


async def document_ticket(
    *,
    viewer: Viewer | None,
    ticket_id: TicketRef,
    category_id: int | None = None,
    title: str | None = None,
) -> Article:
    """Draft an article from a resolved ticket: its subject, the agent's answer, its category.

    The article keeps a link to the ticket; a ticket is documented once (CONFLICT after)."""
    viewer = require_staff(viewer)
    ticket = await get_visible_ticket(viewer, ticket_id)
    if ticket.status not in (TicketStatus.RESOLVED, TicketStatus.CLOSED):
        raise InvalidTransition("Only a resolved or closed ticket can be documented.")
    draft = ArticleDraft(
        title=title if title is not None else ticket.subject,
        body_markdown=await _answer_of(ticket),
        language=await _language_of(ticket),
        category_id=category_id if category_id is not None else ticket.category_id,
    )
    async with unit_of_work() as uow:
        if await Article.exists(source_ticket_id=ticket.id, using_db=uow.connection):
            raise Conflict("This ticket is documented already.", field="ticketId")
        return await save_new_article(
            uow.connection, draft, author_id=viewer.staff_id, source_ticket_id=ticket.id
        )


async def documentation_of_tickets(
    viewer: Viewer | None, ticket_ids: Sequence[int]
) -> dict[int, Article]:
    """The article documenting each ticket: drafts for staff, published ones for others."""
    query = Article.filter(
        source_ticket_id__in=list(ticket_ids), status__in=readable_statuses(viewer)
    )
    return {
        article.source_ticket_id: article for article in await query if article.source_ticket_id
    }
