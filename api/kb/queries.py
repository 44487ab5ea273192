"""Knowledge-base queries: articles and their search, suggestions, announcements."""

from __future__ import annotations

import base64
import binascii
import json

import strawberry
from strawberry import relay

from api.core.context import Info
from api.core.cursors import decode_cursor, to_connection
from api.core.enums import Language
from api.core.ids import decode_id, decode_optional_id
from api.kb.types import Announcement, Article, ArticleStatus
from api.tickets.types import Ticket
from domain import models
from domain.errors import ValidationFailed
from domain.kb import announcements, articles, suggestions
from domain.pagination import Page


@strawberry.type(description="What to read or continue before opening a new ticket.")
class Suggestions:
    tickets: list[Ticket] = strawberry.field(
        description="The viewer's own open tickets on a similar subject."
    )
    articles: list[Article] = strawberry.field(description="The best matching articles.")


# Search results are ordered by relevance, not by a column: their cursors hold a position.
def _search_cursor(position: int) -> str:
    raw = json.dumps(["search", position], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _search_offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        kind, position = json.loads(base64.urlsafe_b64decode(cursor.encode()[:128]))
        if kind != "search" or type(position) is not int or position < 1:
            raise ValueError(position)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed("The cursor is not valid for this search.", field="after") from None
    return position


def _search_connection(page: Page[models.Article], offset: int) -> relay.Connection[Article]:
    edges = [
        relay.Edge(node=Article.from_model(row), cursor=_search_cursor(offset + n))
        for n, row in enumerate(page.items, start=1)
    ]
    return relay.Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


@strawberry.type
class KbQuery:
    @strawberry.field(
        description="Articles the viewer may read: by relevance when searching (Spanish and "
        "English, accents ignored), else newest first. Published ones need no sign-in."
    )
    async def articles(
        self,
        info: Info,
        search: str | None = None,
        language: Language | None = None,
        category_id: strawberry.ID | None = None,
        status: ArticleStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> relay.Connection[Article]:
        viewer = info.context.viewer
        if search is not None and search.strip():
            offset = _search_offset(after)
            page = await articles.search_articles(
                viewer=viewer,
                search=search,
                language=language,
                status=status,
                first=first,
                offset=offset,
            )
            return _search_connection(page, offset)
        listed = await articles.list_articles(
            viewer=viewer,
            language=language,
            category_id=decode_optional_id(category_id, "Category", field="categoryId"),
            status=status,
            first=first,
            after=decode_cursor(after, "id"),
        )
        return to_connection(listed, "id", Article.from_model)

    @strawberry.field(description="One article by its ID or its slug, if the viewer may read it.")
    async def article(
        self, info: Info, id: strawberry.ID | None = None, slug: str | None = None
    ) -> Article | None:
        row = await articles.find_article(
            viewer=info.context.viewer,
            article_id=None if id is None else decode_id(id, "Article", field="id"),
            slug=slug,
        )
        return Article.from_model(row) if row else None

    @strawberry.field(
        description="Before opening a ticket: the viewer's own open tickets on a similar "
        "subject and the best matching articles."
    )
    async def suggestions(
        self, info: Info, subject: str, message: str | None = None
    ) -> Suggestions:
        found = await suggestions.suggest(
            viewer=info.context.viewer, subject=subject, message=message
        )
        return Suggestions(
            tickets=[Ticket.from_model(row) for row in found.tickets],
            articles=[Article.from_model(row) for row in found.articles],
        )

    @strawberry.field(
        description="Current maintenance and incident notices: public ones for everyone, "
        "the ones about a customer's services for that customer, drafts too for staff."
    )
    async def announcements(self, info: Info) -> list[Announcement]:
        rows = await announcements.current_announcements(info.context.viewer)
        return [Announcement.from_model(row) for row in rows]
