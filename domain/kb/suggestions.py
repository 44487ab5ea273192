"""One problem, one ticket (seeds 002, 003): before writing, what already answers it.

The viewer's own open tickets on a similar subject (a customer's tickets, or the one ticket a
guest's pass opens: never anyone else's) and the articles that best match what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import ValidationFailed
from domain.identity.access import visible_tickets
from domain.identity.viewer import Viewer
from domain.kb.articles import articles_in_order, readable_statuses
from domain.kb.search import search_article_ids
from domain.kb.text import similarity
from domain.models import Article, Ticket
from domain.tickets.lifecycle import ACTIVE

MAX_TICKETS = 5
MAX_ARTICLES = 5
# A ticket is on the same subject when it has at least half the words typed.
MIN_SIMILARITY = 0.5
# A customer's most recently active open tickets that are compared (a handful in practice).
OPEN_TICKETS_COMPARED = 200


@dataclass(frozen=True)
class Suggestions:
    tickets: list[Ticket]
    articles: list[Article]


async def own_open_tickets(viewer: Viewer | None) -> list[Ticket]:
    """Open tickets that are the viewer's own: a customer's, or a guest's one ticket."""
    if viewer is None or not (viewer.is_customer or viewer.is_guest):
        return []
    return await (
        visible_tickets(viewer)
        .filter(status__in=ACTIVE)
        .order_by("-updated_at", "-id")
        .limit(OPEN_TICKETS_COMPARED)
    )


async def suggest(
    *, viewer: Viewer | None, subject: str, message: str | None = None
) -> Suggestions:
    """What to read, or which open ticket to continue, instead of opening a new ticket."""
    if len(subject) > 200:
        raise ValidationFailed("The subject is longer than 200 characters.", field="subject")
    if message is not None and len(message) > 20_000:
        raise ValidationFailed("The message is longer than 20000 characters.", field="message")
    scored = [
        (score, ticket)
        for ticket in await own_open_tickets(viewer)
        if (score := similarity(subject, ticket.subject)) >= MIN_SIMILARITY
    ]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].updated_at.timestamp()))
    article_ids = await search_article_ids(
        f"{subject} {message or ''}",
        statuses=readable_statuses(None),  # suggestions point to published articles only
        language=None,
        limit=MAX_ARTICLES,
    )
    return Suggestions(
        tickets=[ticket for _, ticket in scored[:MAX_TICKETS]],
        articles=await articles_in_order(article_ids),
    )
