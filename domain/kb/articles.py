"""Writing, publishing and reading articles: staff write and publish, everyone reads."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from domain.clock import utcnow
from domain.errors import Conflict, NotFound, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.kb.render import render_markdown
from domain.kb.search import count_matching_articles, index_for, search_article_ids
from domain.kb.text import fold, words
from domain.models import Article, ArticleStatus, Category, Difficulty, Language
from domain.pagination import Direction, Page, Position, keyset_page, page_size
from domain.uow import unit_of_work

TITLE_MAX = 200
SUMMARY_MAX = 500
BODY_MAX = 100_000
LABEL_MAX = 200
MAX_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class ArticleDraft:
    """What a writer gives: the text, its language and seed 003's metadata."""

    title: str
    body_markdown: str
    language: Language
    summary: str = ""
    category_id: int | None = None
    difficulty: Difficulty = Difficulty.EASY
    time_needed_minutes: int | None = None
    applies_to: str = ""
    tools_required: str = ""


def _text(value: str, *, field: str, maximum: int, required: bool = False) -> str:
    value = value.strip().replace("\x00", "")
    if required and not value:
        raise ValidationFailed(f"{field} cannot be empty.", field=field)
    if len(value) > maximum:
        raise ValidationFailed(f"{field} is longer than {maximum} characters.", field=field)
    return value


async def _clean(draft: ArticleDraft, connection: BaseDBAsyncClient) -> dict[str, object]:
    minutes = draft.time_needed_minutes
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise ValidationFailed(
            f"timeNeededMinutes must be between 1 and {MAX_MINUTES}.", field="timeNeededMinutes"
        )
    if draft.category_id is not None and not await Category.exists(
        id=draft.category_id, using_db=connection
    ):
        raise NotFound("Unknown category.", field="categoryId")
    body = _text(draft.body_markdown, field="bodyMarkdown", maximum=BODY_MAX, required=True)
    return {
        "title": _text(draft.title, field="title", maximum=TITLE_MAX, required=True),
        "summary": _text(draft.summary, field="summary", maximum=SUMMARY_MAX),
        "body_markdown": body,
        "body_html": render_markdown(body),
        "language": draft.language,
        "category_id": draft.category_id,
        "difficulty": draft.difficulty,
        "time_needed_minutes": minutes,
        "applies_to": _text(draft.applies_to, field="appliesTo", maximum=LABEL_MAX),
        "tools_required": _text(draft.tools_required, field="toolsRequired", maximum=LABEL_MAX),
    }


def _slug_of(title: str) -> str:
    base = "-".join(words(title) or fold(title).split())[:80].strip("-")
    return base or "articulo"


async def _free_slug(title: str, connection: BaseDBAsyncClient) -> str:
    slug = _slug_of(title)
    if await Article.exists(slug=slug, using_db=connection):
        slug = f"{slug}-{secrets.token_hex(3)}"
    return slug


async def save_new_article(
    connection: BaseDBAsyncClient,
    draft: ArticleDraft,
    *,
    author_id: int | None,
    source_ticket_id: int | None = None,
    status: ArticleStatus = ArticleStatus.DRAFT,
) -> Article:
    """Insert an article and index it, inside the caller's transaction."""
    values = await _clean(draft, connection)
    now = utcnow()
    try:
        article = await Article.create(
            **values,
            slug=await _free_slug(str(values["title"]), connection),
            status=status,
            author_id=author_id,
            source_ticket_id=source_ticket_id,
            created_at=now,
            updated_at=now,
            published_at=now if status is ArticleStatus.PUBLISHED else None,
            using_db=connection,
        )
    except IntegrityError:
        raise Conflict("An article with this address or for this ticket exists.") from None
    await index_for(connection).put(connection, article)
    return article


async def create_article(*, viewer: Viewer | None, draft: ArticleDraft) -> Article:
    """Staff write a new article; it starts as a draft only staff can see."""
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        return await save_new_article(uow.connection, draft, author_id=viewer.staff_id)


async def update_article(*, viewer: Viewer | None, article_id: int, draft: ArticleDraft) -> Article:
    """Staff rewrite an article; the address (slug) stays so links keep working."""
    require_staff(viewer)
    async with unit_of_work() as uow:
        article = await _locked(uow.connection, article_id)
        article.update_from_dict(await _clean(draft, uow.connection))
        article.updated_at = utcnow()
        await article.save(using_db=uow.connection)
        await index_for(uow.connection).put(uow.connection, article)
    return article


async def set_article_status(
    *, viewer: Viewer | None, article_id: int, status: ArticleStatus
) -> Article:
    """Publish an article (everyone may read it) or take it back to draft."""
    require_staff(viewer)
    async with unit_of_work() as uow:
        article = await _locked(uow.connection, article_id)
        if article.status is not status:
            now = utcnow()
            article.status = status
            article.updated_at = now
            if status is ArticleStatus.PUBLISHED:
                article.published_at = now
            await article.save(using_db=uow.connection)
    return article


async def _locked(connection: BaseDBAsyncClient, article_id: int) -> Article:
    article = await Article.filter(id=article_id).using_db(connection).select_for_update().first()
    if article is None:
        raise NotFound("Article not found.", field="articleId")
    return article


def readable_statuses(viewer: Viewer | None) -> tuple[ArticleStatus, ...]:
    """Published articles are for everyone, signed in or not; drafts are for staff."""
    if viewer is not None and (viewer.is_staff or viewer.is_system):
        return (ArticleStatus.PUBLISHED, ArticleStatus.DRAFT)
    return (ArticleStatus.PUBLISHED,)


def _statuses(viewer: Viewer | None, status: ArticleStatus | None) -> tuple[ArticleStatus, ...]:
    readable = readable_statuses(viewer)
    return readable if status is None else tuple(s for s in readable if s is status)


async def find_article(
    *, viewer: Viewer | None, article_id: int | None = None, slug: str | None = None
) -> Article | None:
    """One article the viewer may read, by id or by its address."""
    if (article_id is None) == (slug is None):
        raise ValidationFailed("Give either an article ID or a slug.", field="slug")
    query = Article.filter(status__in=readable_statuses(viewer))
    if article_id is not None:
        return await query.get_or_none(id=article_id)
    return await query.get_or_none(slug=slug)


async def get_readable_article(viewer: Viewer | None, article_id: int) -> Article:
    article = await find_article(viewer=viewer, article_id=article_id)
    if article is None:
        raise NotFound("Article not found.", field="articleId")
    return article


async def list_articles(
    *,
    viewer: Viewer | None,
    language: Language | None = None,
    category_id: int | None = None,
    status: ArticleStatus | None = None,
    first: int | None,
    after: Position | None,
) -> Page[Article]:
    """Articles the viewer may read, newest first."""
    query = Article.filter(status__in=_statuses(viewer, status))
    if language is not None:
        query = query.filter(language=language)
    if category_id is not None:
        query = query.filter(category_id=category_id)
    return await keyset_page(
        query, sort_field="id", direction=Direction.DESC, first=first, after=after
    )


async def search_articles(
    *,
    viewer: Viewer | None,
    search: str,
    language: Language | None = None,
    status: ArticleStatus | None = None,
    first: int | None,
    offset: int = 0,
) -> Page[Article]:
    """Articles matching a search, most relevant first (pages continue by position)."""
    if len(search) > 500:
        raise ValidationFailed("The search is longer than 500 characters.", field="search")
    if not 0 <= offset <= 10_000:
        raise ValidationFailed("The cursor is not valid for this search.", field="after")
    size = page_size(first)
    ids = await search_article_ids(
        search,
        statuses=_statuses(viewer, status),
        language=language,
        limit=size + 1,
        offset=offset,
    )
    statuses = _statuses(viewer, status)
    return Page(
        items=await articles_in_order(ids[:size]),
        has_next_page=len(ids) > size,
        count=lambda: count_matching_articles(search, statuses=statuses, language=language),
    )


async def articles_in_order(ids: Sequence[int]) -> list[Article]:
    by_id = {article.id: article for article in await Article.filter(id__in=list(ids))}
    return [by_id[pk] for pk in ids if pk in by_id]
