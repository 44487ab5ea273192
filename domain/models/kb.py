"""The knowledge base and announcements: articles, their votes, and service notices."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from domain.models.base import Model
from domain.models.catalog import Category
from domain.models.enums import (
    AnnouncementKind,
    AnnouncementSeverity,
    ArticleStatus,
    Difficulty,
    Language,
)
from domain.models.people import Service, Staff
from domain.models.tickets import Ticket


class Article(Model):
    """A help article (seed 003): Markdown written by staff, kept with its rendered HTML."""

    id = fields.IntField(primary_key=True)
    category_id: int | None
    author_id: int | None
    source_ticket_id: int | None
    slug = fields.CharField(max_length=120, unique=True)
    title = fields.CharField(max_length=200)
    summary = fields.CharField(max_length=500, default="")
    body_markdown = fields.TextField()
    body_html = fields.TextField()
    language = fields.CharEnumField(Language, max_length=2)
    status = fields.CharEnumField(ArticleStatus, max_length=16, default=ArticleStatus.DRAFT)
    difficulty = fields.CharEnumField(Difficulty, max_length=16, default=Difficulty.EASY)
    time_needed_minutes = fields.IntField(null=True)
    applies_to = fields.CharField(max_length=200, default="")
    tools_required = fields.CharField(max_length=200, default="")
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="articles", null=True, on_delete=fields.SET_NULL
    )
    author: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="articles", null=True, on_delete=fields.SET_NULL
    )
    # The resolved ticket this article documents (seed 004 step 9), at most one article each.
    source_ticket: fields.OneToOneNullableRelation[Ticket] = fields.OneToOneField(
        "models.Ticket",
        related_name="documentation_article",
        null=True,
        on_delete=fields.SET_NULL,
    )
    helpful_count = fields.IntField(default=0)
    not_helpful_count = fields.IntField(default=0)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    published_at = fields.DatetimeField(null=True)

    class Meta:
        table = "article"
        indexes = (Index(fields=("status", "language", "id")),)


class ArticleVote(Model):
    """One "was this helpful?" answer per voter: a person, a guest pass or a browser session."""

    id = fields.IntField(primary_key=True)
    article_id: int
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="votes", on_delete=fields.CASCADE
    )
    # sha256 of who voted ("customer:1", "guest:7", "session:<client id>"): never the raw id.
    voter_key = fields.CharField(max_length=64)
    helpful = fields.BooleanField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "article_vote"
        unique_together = (("article", "voter_key"),)


class Announcement(Model):
    """A maintenance or incident notice, in Spanish and English, for some services or all."""

    id = fields.IntField(primary_key=True)
    author_id: int | None
    kind = fields.CharEnumField(AnnouncementKind, max_length=16)
    severity = fields.CharEnumField(AnnouncementSeverity, max_length=16)
    title_es = fields.CharField(max_length=200)
    title_en = fields.CharField(max_length=200)
    body_es = fields.TextField(default="")
    body_en = fields.TextField(default="")
    # Public notices are for everyone, anonymous visitors included.
    is_public = fields.BooleanField(default=False)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField(null=True)
    published_at = fields.DatetimeField(null=True, db_index=True)
    author: fields.ForeignKeyNullableRelation[Staff] = fields.ForeignKeyField(
        "models.Staff", related_name="announcements", null=True, on_delete=fields.SET_NULL
    )
    services: fields.ManyToManyRelation[Service] = fields.ManyToManyField(
        "models.Service", related_name="announcements", through="announcement_service"
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "announcement"
        ordering = ["starts_at", "id"]
