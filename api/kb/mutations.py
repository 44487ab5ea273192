"""Knowledge-base mutations: staff write, publish and document; everyone may vote."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.core.context import Info
from api.core.enums import Language
from api.core.errors import (
    ConflictError,
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
    attempt,
)
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import decode_id, decode_optional_id, decode_ticket_ref
from api.kb.types import Announcement, AnnouncementKind, AnnouncementSeverity, Article, Difficulty
from api.tickets.types import Ticket
from domain import models
from domain.errors import ValidationFailed
from domain.kb import announcements, articles, documentation, votes

Errors = ValidationError | NotFoundError | NotAllowedError | ConflictError | InvalidTransitionError


@strawberry.type
class ArticleSuccess:
    article: Article


@strawberry.type
class DocumentTicketSuccess:
    article: Article = strawberry.field(description="The new draft.")
    ticket: Ticket


@strawberry.type
class AnnouncementSuccess:
    announcement: Announcement


ArticleResult = Annotated[ArticleSuccess | Errors, strawberry.union("ArticleResult")]
VoteArticleResult = Annotated[ArticleSuccess | Errors, strawberry.union("VoteArticleResult")]
DocumentTicketResult = Annotated[
    DocumentTicketSuccess | Errors, strawberry.union("DocumentTicketResult")
]
AnnouncementResult = Annotated[AnnouncementSuccess | Errors, strawberry.union("AnnouncementResult")]


@strawberry.input(description="An article's text and seed 003's metadata.")
class ArticleInput:
    title: str
    body_markdown: str
    language: Language
    summary: str = ""
    category_id: strawberry.ID | None = None
    difficulty: Difficulty = Difficulty.EASY
    time_needed_minutes: int | None = None
    applies_to: str = ""
    tools_required: str = ""
    idempotency_key: str | None = idempotency_key_field("article (createArticle only)")


def _draft(value: ArticleInput) -> articles.ArticleDraft:
    return articles.ArticleDraft(
        title=value.title,
        body_markdown=value.body_markdown,
        language=value.language,
        summary=value.summary,
        category_id=decode_optional_id(value.category_id, "Category", field="categoryId"),
        difficulty=value.difficulty,
        time_needed_minutes=value.time_needed_minutes,
        applies_to=value.applies_to,
        tools_required=value.tools_required,
    )


@strawberry.input
class DocumentTicketInput:
    ticket_id: strawberry.ID
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to the ticket's category."
    )
    title: str | None = strawberry.field(default=None, description="Defaults to the subject.")


@strawberry.input
class AnnouncementInput:
    kind: AnnouncementKind
    severity: AnnouncementSeverity
    title_es: str
    title_en: str
    starts_at: datetime
    ends_at: datetime | None = None
    body_es: str = ""
    body_en: str = ""
    is_public: bool = False
    service_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    idempotency_key: str | None = idempotency_key_field("announcement")


def _announcement_draft(value: AnnouncementInput) -> announcements.AnnouncementDraft:
    for moment, field in ((value.starts_at, "startsAt"), (value.ends_at, "endsAt")):
        if moment is not None and moment.tzinfo is None:
            raise ValidationFailed(f"{field} needs a time zone offset.", field=field)
    return announcements.AnnouncementDraft(
        kind=value.kind,
        severity=value.severity,
        title_es=value.title_es,
        title_en=value.title_en,
        starts_at=value.starts_at,
        ends_at=value.ends_at,
        body_es=value.body_es,
        body_en=value.body_en,
        is_public=value.is_public,
        service_ids=[decode_id(pk, "Service", field="serviceIds") for pk in value.service_ids],
    )


def _article(row: models.Article) -> ArticleSuccess:
    return ArticleSuccess(article=Article.from_model(row))


def _announcement(row: models.Announcement) -> AnnouncementSuccess:
    return AnnouncementSuccess(announcement=Announcement.from_model(row))


def _article_id(value: strawberry.ID) -> int:
    return decode_id(value, "Article", field="articleId")


def _announcement_id(value: strawberry.ID) -> int:
    return decode_id(value, "Announcement", field="announcementId")


@strawberry.type
class KbMutation:
    @strawberry.mutation(description="Staff: write a new article, as a draft.")
    async def create_article(self, info: Info, input: ArticleInput) -> ArticleResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: articles.create_article(viewer=info.context.viewer, draft=_draft(input)),
                lambda row_id: models.Article.get(id=row_id),
            ),
            _article,
        )

    @strawberry.mutation(description="Staff: rewrite an article (its slug stays).")
    async def update_article(
        self, info: Info, article_id: strawberry.ID, input: ArticleInput
    ) -> ArticleResult:
        return await attempt(
            lambda: articles.update_article(
                viewer=info.context.viewer, article_id=_article_id(article_id), draft=_draft(input)
            ),
            _article,
        )

    @strawberry.mutation(description="Staff: publish an article, readable without signing in.")
    async def publish_article(self, info: Info, article_id: strawberry.ID) -> ArticleResult:
        return await attempt(
            lambda: articles.set_article_status(
                viewer=info.context.viewer,
                article_id=_article_id(article_id),
                status=models.ArticleStatus.PUBLISHED,
            ),
            _article,
        )

    @strawberry.mutation(description="Staff: take an article back to draft.")
    async def unpublish_article(self, info: Info, article_id: strawberry.ID) -> ArticleResult:
        return await attempt(
            lambda: articles.set_article_status(
                viewer=info.context.viewer,
                article_id=_article_id(article_id),
                status=models.ArticleStatus.DRAFT,
            ),
            _article,
        )

    @strawberry.mutation(
        description='"Was this helpful?": one answer per person, guest pass or, without '
        "signing in, per sessionId (a random id the client keeps); answering again changes it."
    )
    async def vote_article(
        self,
        info: Info,
        article_id: strawberry.ID,
        helpful: bool,
        session_id: str | None = None,
    ) -> VoteArticleResult:
        return await attempt(
            lambda: votes.vote_article(
                viewer=info.context.viewer,
                article_id=_article_id(article_id),
                helpful=helpful,
                session_id=session_id,
            ),
            _article,
        )

    @strawberry.mutation(
        description="Staff: turn a resolved ticket into a draft article (subject, the "
        "agent's answer, category); the ticket links to it."
    )
    async def document_ticket(self, info: Info, input: DocumentTicketInput) -> DocumentTicketResult:
        async def document() -> tuple[models.Article, models.Ticket]:
            ticket_id = decode_ticket_ref(input.ticket_id, field="ticketId")
            article = await documentation.document_ticket(
                viewer=info.context.viewer,
                ticket_id=ticket_id,
                category_id=decode_optional_id(input.category_id, "Category", field="categoryId"),
                title=input.title,
            )
            return article, await models.Ticket.get(id=article.source_ticket_id)

        return await attempt(
            document,
            lambda done: DocumentTicketSuccess(
                article=Article.from_model(done[0]), ticket=Ticket.from_model(done[1])
            ),
        )

    @strawberry.mutation(description="Staff: write a maintenance or incident notice (a draft).")
    async def create_announcement(self, info: Info, input: AnnouncementInput) -> AnnouncementResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: announcements.create_announcement(
                    viewer=info.context.viewer, draft=_announcement_draft(input)
                ),
                lambda row_id: models.Announcement.get(id=row_id),
            ),
            _announcement,
        )

    @strawberry.mutation(description="Staff: publish a notice to the customers it concerns.")
    async def publish_announcement(
        self, info: Info, announcement_id: strawberry.ID
    ) -> AnnouncementResult:
        return await attempt(
            lambda: announcements.publish_announcement(
                viewer=info.context.viewer, announcement_id=_announcement_id(announcement_id)
            ),
            _announcement,
        )

    @strawberry.mutation(description="Staff: end a notice now (maintenance done, incident over).")
    async def end_announcement(
        self, info: Info, announcement_id: strawberry.ID
    ) -> AnnouncementResult:
        return await attempt(
            lambda: announcements.end_announcement(
                viewer=info.context.viewer, announcement_id=_announcement_id(announcement_id)
            ),
            _announcement,
        )
