"""Authorization-matrix rows of the knowledge base and announcements (merged into ROWS)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from api.core.ids import encode_id
from domain.clock import utcnow
from domain.identity.viewer import SYSTEM
from domain.kb import announcements, articles
from domain.models import (
    AnnouncementKind,
    AnnouncementSeverity,
    ArticleStatus,
    Language,
    Service,
)
from tests.matrix_rows import ALL, DESK, STAFF, Case, found
from tests.matrix_world import B_NUMBER, World

R = "{ __typename }"
PUBLIC_NOTICE = "Aviso público de la matriz"
B_NOTICE = "Mantenimiento del servicio de B"


def _draft() -> articles.ArticleDraft:
    return articles.ArticleDraft(
        title=f"Artículo de la matriz {uuid.uuid4().hex[:8]}",
        body_markdown="Pasos para configurar el servicio.",
        language=Language.ES,
    )


async def _article(*, published: bool) -> dict[str, Any]:
    article = await articles.create_article(viewer=SYSTEM, draft=_draft())
    if published:
        await articles.set_article_status(
            viewer=SYSTEM, article_id=article.id, status=ArticleStatus.PUBLISHED
        )
    return {"id": encode_id("Article", article.id), "s": article.slug}


def _article_input() -> dict[str, Any]:
    return {"title": "Cómo configurar el correo", "bodyMarkdown": "Pasos.", "language": "ES"}


async def _notice(
    *, public: bool, published: bool, service_ids: list[int] | None = None
) -> dict[str, Any]:
    draft = announcements.AnnouncementDraft(
        kind=AnnouncementKind.MAINTENANCE,
        severity=AnnouncementSeverity.INFO,
        title_es=PUBLIC_NOTICE if public else B_NOTICE,
        title_en="Matrix notice",
        starts_at=utcnow(),
        ends_at=utcnow() + timedelta(days=1),
        is_public=public,
        service_ids=service_ids or [],
    )
    notice = await announcements.create_announcement(viewer=SYSTEM, draft=draft)
    if published:
        await announcements.publish_announcement(viewer=SYSTEM, announcement_id=notice.id)
    return {"id": encode_id("Announcement", notice.id)}


async def _b_notice(world: World) -> dict[str, Any]:
    service = await Service.filter(customer_id=world.b_pk).first()
    assert service is not None
    return await _notice(public=False, published=True, service_ids=[service.id])


async def _resolved_answered_ticket(world: World) -> dict[str, Any]:
    ticket = await world.b_ticket()
    await world.gql.execute(
        'mutation($id: ID!) { replyToTicket(input: {ticketId: $id, message: "Hecho."}) '
        "{ __typename } }",
        {"id": ticket["id"]},
        token=world.admin,
    )
    await world.gql.execute(
        "mutation($id: ID!) { resolveTicket(ticketId: $id) { __typename } }",
        {"id": ticket["id"]},
        token=world.admin,
    )
    return {"id": ticket["id"]}


def _notice_titled(title: str) -> Any:
    return found(lambda d: any(a["titleEs"] == title for a in d["announcements"]))


KB_ROWS: dict[str, list[Case]] = {
    "articles": [
        Case(
            "{ articles(first: 1) { edges { node { id } } } }",
            ALL,
            lambda w: _article(published=True),
            found(lambda d: len(d["articles"]["edges"]) == 1),
        ),
        Case(
            "{ articles(status: DRAFT, first: 1) { edges { node { id } } } }",
            STAFF,
            lambda w: _article(published=False),
            found(lambda d: len(d["articles"]["edges"]) == 1),
        ),
    ],
    "article": [
        Case(
            "query($s: String!) { article(slug: $s) { id } }",
            ALL,
            lambda w: _article(published=True),
            found(lambda d: d["article"] is not None),
        ),
        Case(
            "query($s: String!) { article(slug: $s) { id } }",
            STAFF,
            lambda w: _article(published=False),
            found(lambda d: d["article"] is not None),
        ),
    ],
    "suggestions": [
        # Customer B is no principal: nobody here may ever be offered B's open ticket.
        Case(
            'query { suggestions(subject: "registros DNS no propagan") '
            "{ tickets { customer { clientNumber } } } }",
            frozenset(),
            lambda w: _open_b_ticket(w),
            found(
                lambda d: any(
                    t["customer"]["clientNumber"] == B_NUMBER for t in d["suggestions"]["tickets"]
                )
            ),
        )
    ],
    "announcements": [
        Case(
            "{ announcements { titleEs } }",
            ALL,
            lambda w: _notice(public=True, published=True),
            _notice_titled(PUBLIC_NOTICE),
        ),
        Case("{ announcements { titleEs } }", STAFF, _b_notice, _notice_titled(B_NOTICE)),
    ],
    "createArticle": [
        Case(
            f"mutation($input: ArticleInput!) {{ createArticle(input: $input) {R} }}",
            STAFF,
            lambda w: _input_only(),
        )
    ],
    "updateArticle": [
        Case(
            "mutation($id: ID!, $input: ArticleInput!) "
            f"{{ updateArticle(articleId: $id, input: $input) {R} }}",
            STAFF,
            lambda w: _update_variables(),
        )
    ],
    "publishArticle": [
        Case(
            f"mutation($id: ID!) {{ publishArticle(articleId: $id) {R} }}",
            STAFF,
            lambda w: _id_only(_article(published=False)),
        )
    ],
    "unpublishArticle": [
        Case(
            f"mutation($id: ID!) {{ unpublishArticle(articleId: $id) {R} }}",
            STAFF,
            lambda w: _id_only(_article(published=True)),
        )
    ],
    "voteArticle": [
        Case(
            "mutation($id: ID!, $session: String) "
            f"{{ voteArticle(articleId: $id, helpful: true, sessionId: $session) {R} }}",
            ALL,
            lambda w: _vote_variables(),
        )
    ],
    "documentTicket": [
        Case(
            f"mutation($id: ID!) {{ documentTicket(input: {{ticketId: $id}}) {R} }}",
            DESK,
            _resolved_answered_ticket,
        )
    ],
    "createAnnouncement": [
        Case(
            f"mutation($input: AnnouncementInput!) {{ createAnnouncement(input: $input) {R} }}",
            STAFF,
            lambda w: _notice_input(),
        )
    ],
    "publishAnnouncement": [
        Case(
            f"mutation($id: ID!) {{ publishAnnouncement(announcementId: $id) {R} }}",
            STAFF,
            lambda w: _notice(public=True, published=False),
        )
    ],
    "endAnnouncement": [
        Case(
            f"mutation($id: ID!) {{ endAnnouncement(announcementId: $id) {R} }}",
            STAFF,
            lambda w: _notice(public=True, published=True),
        )
    ],
}


async def _input_only() -> dict[str, Any]:
    return {"input": _article_input()}


async def _update_variables() -> dict[str, Any]:
    article = await _article(published=True)
    return {"id": article["id"], "input": _article_input()}


async def _id_only(article: Any) -> dict[str, Any]:
    return {"id": (await article)["id"]}


async def _vote_variables() -> dict[str, Any]:
    article = await _article(published=True)
    return {"id": article["id"], "session": uuid.uuid4().hex}


async def _notice_input() -> dict[str, Any]:
    return {
        "input": {
            "kind": "INCIDENT",
            "severity": "CRITICAL",
            "titleEs": "Caída del servidor",
            "titleEn": "Server down",
            "startsAt": utcnow().isoformat(),
            "isPublic": True,
        }
    }


async def _open_b_ticket(world: World) -> dict[str, Any]:
    await world.b_ticket()
    return {}
