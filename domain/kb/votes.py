""" "Was this helpful?" (seed 001): one answer per voter, counted on the article.

A voter is whoever the token names (a customer, a staff member, a partner, or a guest's
pass, which is the guest's session). A visitor with no token votes under a session id the
client makes up once and keeps (a random string in the browser's storage): one vote per
browser, changed rather than doubled when the visitor answers again.
"""

from __future__ import annotations

import hashlib
import re

from domain.clock import utcnow
from domain.errors import ValidationFailed
from domain.identity.viewer import Viewer
from domain.kb.articles import get_readable_article
from domain.models import Article, ArticleVote
from domain.uow import unit_of_work

_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{16,128}")


def voter_key(viewer: Viewer | None, session_id: str | None) -> str:
    """Who votes, hashed: the same person or session always gets the same key."""
    if viewer is not None and viewer.is_customer:
        who = f"customer:{viewer.customer_id}"
    elif viewer is not None and viewer.is_staff:
        who = f"staff:{viewer.staff_id}"
    elif viewer is not None and viewer.is_guest:
        who = f"guest:{viewer.token_id}"
    else:
        if session_id is None or not _SESSION_ID.fullmatch(session_id):
            raise ValidationFailed(
                "Give a sessionId of 16 to 128 letters, digits, '-' or '_' to vote without "
                "signing in.",
                field="sessionId",
            )
        partner = f"partner:{viewer.partner_id}:" if viewer is not None else ""
        who = f"{partner}session:{session_id}"
    return hashlib.sha256(who.encode()).hexdigest()


async def vote_article(
    *, viewer: Viewer | None, article_id: int, helpful: bool, session_id: str | None = None
) -> Article:
    """Record (or change) the voter's answer and recount the article's votes."""
    key = voter_key(viewer, session_id)
    await get_readable_article(viewer, article_id)
    async with unit_of_work() as uow:
        connection = uow.connection
        # Locking the article serialises its votes, so the counts below are never stale.
        article = (
            await Article.filter(id=article_id).using_db(connection).select_for_update().first()
        )
        assert article is not None  # articles are never deleted
        await ArticleVote.bulk_create(
            [
                ArticleVote(
                    article_id=article_id, voter_key=key, helpful=helpful, created_at=utcnow()
                )
            ],
            on_conflict=["article_id", "voter_key"],
            update_fields=["helpful"],
            using_db=connection,
        )
        votes = ArticleVote.filter(article_id=article_id).using_db(connection)
        article.helpful_count = await votes.filter(helpful=True).count()
        article.not_helpful_count = await votes.filter(helpful=False).count()
        await article.save(
            update_fields=["helpful_count", "not_helpful_count"], using_db=connection
        )
    return article
