"""Knowledge-base types: articles and announcements."""
# mypy: disable-error-code="empty-body"
# (fields declared with api.core.relations.relation have no body of their own)

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from api.catalog.types import Category
from api.core.context import Info
from api.core.enums import Language
from api.core.relations import relation
from api.people.types import Service
from domain import models
from domain.clock import utcnow
from domain.kb import announcements

if TYPE_CHECKING:
    from api.tickets.types import Ticket

strawberry.enum(models.ArticleStatus, description="Drafts are for staff; published is public.")
strawberry.enum(models.Difficulty)
strawberry.enum(models.AnnouncementKind)
strawberry.enum(models.AnnouncementSeverity)

ArticleStatus = models.ArticleStatus
Difficulty = models.Difficulty
AnnouncementKind = models.AnnouncementKind
AnnouncementSeverity = models.AnnouncementSeverity


def _is_staff(info: Info) -> bool:
    viewer = info.context.viewer
    return viewer is not None and viewer.is_staff


@strawberry.type(description="A help article: published ones are readable without signing in.")
class Article(relay.Node):
    id: relay.NodeID[int]
    slug: str = strawberry.field(description="The article's stable address.")
    title: str
    summary: str
    body_markdown: str
    body_html: str = strawberry.field(description="The body rendered to sanitised HTML.")
    language: Language
    status: ArticleStatus
    difficulty: Difficulty
    time_needed_minutes: int | None
    applies_to: str
    tools_required: str
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    row: strawberry.Private[models.Article]

    @strawberry.field
    @relation("category_by_id", row="category_id", build=Category.from_model)
    async def category(self, info: Info) -> Category | None: ...

    @strawberry.field(description='"Was this helpful?" yes answers; staff only.')
    def helpful_count(self, info: Info) -> int | None:
        return self.row.helpful_count if _is_staff(info) else None

    @strawberry.field(description='"Was this helpful?" no answers; staff only.')
    def not_helpful_count(self, info: Info) -> int | None:
        return self.row.not_helpful_count if _is_staff(info) else None

    @strawberry.field(description="The resolved ticket this article documents; staff only.")
    async def source_ticket(
        self, info: Info
    ) -> Annotated[Ticket, strawberry.lazy("api.tickets.types")] | None:
        from api.tickets.types import Ticket

        pk = self.row.source_ticket_id
        if pk is None or not _is_staff(info):
            return None
        row = await info.context.loaders.ticket_by_id.load(pk)
        viewer = info.context.viewer
        if row is None or viewer is None or not viewer.works_in(row.department_id):
            return None
        return Ticket.from_model(row)

    @classmethod
    def from_model(cls, row: models.Article) -> Self:
        return cls(
            id=row.id,
            slug=row.slug,
            title=row.title,
            summary=row.summary,
            body_markdown=row.body_markdown,
            body_html=row.body_html,
            language=row.language,
            status=row.status,
            difficulty=row.difficulty,
            time_needed_minutes=row.time_needed_minutes,
            applies_to=row.applies_to,
            tools_required=row.tools_required,
            created_at=row.created_at,
            updated_at=row.updated_at,
            published_at=row.published_at,
            row=row,
        )


@strawberry.type(description="A maintenance or incident notice, in Spanish and English.")
class Announcement(relay.Node):
    id: relay.NodeID[int]
    kind: AnnouncementKind
    severity: AnnouncementSeverity
    title_es: str
    title_en: str
    body_es: str
    body_en: str
    is_public: bool = strawberry.field(description="For everyone, not only affected customers.")
    starts_at: datetime
    ends_at: datetime | None
    published_at: datetime | None = strawberry.field(description="Null while it is a draft.")
    row: strawberry.Private[models.Announcement]

    @strawberry.field(description="Whether it is happening now, not only announced.")
    def under_way(self) -> bool:
        return announcements.is_under_way(self.row, utcnow())

    @strawberry.field(
        description="The services it concerns: all for staff, a customer's own for them."
    )
    async def affected_services(self, info: Info) -> list[Service]:
        rows = await announcements.affected_services(info.context.viewer, self.id)
        return [Service.from_model(row) for row in rows]

    @classmethod
    def from_model(cls, row: models.Announcement) -> Self:
        return cls(
            id=row.id,
            kind=row.kind,
            severity=row.severity,
            title_es=row.title_es,
            title_en=row.title_en,
            body_es=row.body_es,
            body_en=row.body_en,
            is_public=row.is_public,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            published_at=row.published_at,
            row=row,
        )
