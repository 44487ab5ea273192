"""Knowledge-base queries: articles and their search, suggestions, announcements."""

from __future__ import annotations

import strawberry

from api.core.context import Info
from api.core.cursors import (
    Connection,
    decode_cursor,
    position_offset,
    to_connection,
    to_ranked_connection,
)
from api.core.enums import Language
from api.core.ids import decode_id, decode_optional_id
from api.kb.types import Announcement, Article, ArticleStatus
from api.tickets.types import Ticket
from domain.kb import announcements, articles, suggestions


@strawberry.type(description="What to read or continue before opening a new ticket.")
class Suggestions:
    tickets: list[Ticket] = strawberry.field(
        description="The viewer's own open tickets on a similar subject."
    )
    articles: list[Article] = strawberry.field(description="The best matching articles.")


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
    ) -> Connection[Article]:
        viewer = info.context.viewer
        if search is not None and search.strip():
            offset = position_offset(after)
            page = await articles.search_articles(
                viewer=viewer,
                search=search,
                language=language,
                status=status,
                first=first,
                offset=offset,
            )
            return to_ranked_connection(page, offset, Article.from_model)
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
