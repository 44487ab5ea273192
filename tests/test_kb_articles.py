"""Articles (issue 9): staff write and publish, everyone reads published ones, Markdown is
rendered to safe HTML, "was this helpful?" counts one answer per voter, and a resolved
ticket becomes a draft article it links to."""

from __future__ import annotations

import uuid
from typing import Any

from domain.models import Article, ArticleVote
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

FIELDS = "id slug title status bodyHtml helpfulCount notHelpfulCount language difficulty"
CREATE = f"""
mutation($input: ArticleInput!) {{
  createArticle(input: $input) {{
    __typename
    ... on ArticleSuccess {{ article {{ {FIELDS} }} }}
    ... on UserError {{ code message field }}
  }}
}}"""
PUBLISH = """
mutation($id: ID!) {
  publishArticle(articleId: $id) { __typename ... on UserError { code } }
}"""
BY_SLUG = f"query($s: String!) {{ article(slug: $s) {{ {FIELDS} }} }}"
SEARCH = "query($s: String!) { articles(search: $s) { edges { node { id } } } }"
VOTE = f"""
mutation($id: ID!, $h: Boolean!, $s: String) {{
  voteArticle(articleId: $id, helpful: $h, sessionId: $s) {{
    __typename
    ... on ArticleSuccess {{ article {{ {FIELDS} }} }}
    ... on UserError {{ code field }}
  }}
}}"""
REPLY = """
mutation($id: ID!, $m: String!) {
  replyToTicket(input: {ticketId: $id, message: $m}) { __typename }
}"""
RESOLVE = "mutation($id: ID!) { resolveTicket(ticketId: $id) { __typename } }"
DOCUMENT = """
mutation($id: ID!) {
  documentTicket(input: {ticketId: $id}) {
    __typename
    ... on DocumentTicketSuccess {
      article { id title bodyMarkdown status language category { code } sourceTicket { id } }
      ticket { documentationArticle { id } }
    }
    ... on UserError { code field }
  }
}"""
TICKET_DOC = "query($t: String!) { ticket(trackingId: $t) { documentationArticle { id } } }"


def new_article(**overrides: Any) -> dict[str, Any]:
    marker = uuid.uuid4().hex[:10]
    return {
        "title": f"Configurar el correo en Thunderbird {marker}",
        "bodyMarkdown": f"Abra **Thunderbird** y siga los pasos.\n\n<script>alert(1)</script>\n\n"
        f"[enlace](javascript:alert(1)) palabraunica{marker}",
        "language": "ES",
        "difficulty": "MEDIUM",
        "timeNeededMinutes": 10,
        "appliesTo": "Correo",
        "toolsRequired": "Thunderbird",
        **overrides,
    }


async def create(gql: GraphQLClient, token: str | None, **overrides: Any) -> dict[str, Any]:
    result: dict[str, Any] = (
        await gql.execute(CREATE, {"input": new_article(**overrides)}, token=token)
    ).data["createArticle"]
    return result


async def published(gql: GraphQLClient, agent_token: str) -> dict[str, Any]:
    article = (await create(gql, agent_token))["article"]
    await gql.execute(PUBLISH, {"id": article["id"]}, token=agent_token)
    return dict(article)


async def test_a_draft_is_hidden_until_an_agent_publishes_it(
    gql: GraphQLClient, agent_token: str
) -> None:
    created = await create(gql, agent_token)
    article = created["article"]
    word = article["title"].rsplit(" ", 1)[1]

    hidden = (await gql.execute(BY_SLUG, {"s": article["slug"]})).data["article"]
    unlisted = (await gql.execute(SEARCH, {"s": f"palabraunica{word}"})).data
    await gql.execute(PUBLISH, {"id": article["id"]}, token=agent_token)
    shown = (await gql.execute(BY_SLUG, {"s": article["slug"]})).data["article"]
    listed = (await gql.execute(SEARCH, {"s": f"palabraunica{word}"})).data

    assert created["__typename"] == "ArticleSuccess" and article["status"] == "DRAFT"
    assert hidden is None and unlisted["articles"]["edges"] == []
    assert shown["status"] == "PUBLISHED" and shown["helpfulCount"] is None
    assert [edge["node"]["id"] for edge in listed["articles"]["edges"]] == [article["id"]]


async def test_markdown_is_rendered_to_html_without_scripts_or_script_links(
    gql: GraphQLClient, agent_token: str
) -> None:
    html = (await create(gql, agent_token))["article"]["bodyHtml"]

    assert "<strong>Thunderbird</strong>" in html
    assert "<script" not in html and "javascript:" not in html.replace("(javascript:", "")
    assert 'href="javascript' not in html


async def test_customers_and_visitors_cannot_write_articles(
    gql: GraphQLClient, customer_token: str
) -> None:
    before = await Article.all().count()

    by_customer = await create(gql, customer_token)
    by_visitor = await create(gql, None)

    assert (by_customer["code"], by_visitor["code"]) == ("NOT_ALLOWED", "UNAUTHENTICATED")
    assert await Article.all().count() == before


async def test_bad_article_input_is_a_typed_error_and_saves_nothing(
    gql: GraphQLClient, agent_token: str
) -> None:
    before = await Article.all().count()

    empty = await create(gql, agent_token, title="   ")
    too_long = await create(gql, agent_token, timeNeededMinutes=0)
    unknown = await create(gql, agent_token, categoryId="Q2F0ZWdvcnk6OTk5OTk=")

    assert (empty["code"], empty["field"]) == ("VALIDATION", "title")
    assert (too_long["code"], too_long["field"]) == ("VALIDATION", "timeNeededMinutes")
    assert (unknown["code"], unknown["field"]) == ("NOT_FOUND", "categoryId")
    assert await Article.all().count() == before


async def test_one_vote_per_visitor_session_and_per_customer_shown_to_agents_only(
    gql: GraphQLClient, agent_token: str, customer_token: str
) -> None:
    article = await published(gql, agent_token)
    session = uuid.uuid4().hex

    first = (await gql.execute(VOTE, {"id": article["id"], "h": True, "s": session})).data
    again = (await gql.execute(VOTE, {"id": article["id"], "h": True, "s": session})).data
    await gql.execute(VOTE, {"id": article["id"], "h": False, "s": session})
    await gql.execute(VOTE, {"id": article["id"], "h": True}, token=customer_token)
    seen_by_agent = (await gql.execute(BY_SLUG, {"s": article["slug"]}, token=agent_token)).data

    assert first["voteArticle"]["article"]["helpfulCount"] is None
    assert again["voteArticle"]["__typename"] == "ArticleSuccess"
    counts = seen_by_agent["article"]
    assert (counts["helpfulCount"], counts["notHelpfulCount"]) == (1, 1)
    row = await Article.get(slug=article["slug"])
    assert await ArticleVote.filter(article_id=row.id).count() == 2


async def test_a_visitor_vote_needs_a_session_id_and_a_published_article(
    gql: GraphQLClient, agent_token: str
) -> None:
    article = await published(gql, agent_token)
    draft = (await create(gql, agent_token))["article"]

    no_session = (await gql.execute(VOTE, {"id": article["id"], "h": True})).data
    on_draft = (await gql.execute(VOTE, {"id": draft["id"], "h": True, "s": uuid.uuid4().hex})).data

    assert no_session["voteArticle"] == {"__typename": "ValidationError", "code": "VALIDATION",
                                         "field": "sessionId"}  # fmt: skip
    assert on_draft["voteArticle"]["code"] == "NOT_FOUND"
    row = await Article.get(slug=article["slug"])
    assert await ArticleVote.filter(article_id=row.id).count() == 0


async def test_a_resolved_ticket_becomes_a_draft_article_the_ticket_links_to(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token, subject="El DNS no propaga tras el cambio")
    answer = "Reduzca el TTL del registro A y espere una hora."
    await gql.execute(REPLY, {"id": ticket["id"], "m": answer}, token=agent_token)
    still_open = (await gql.execute(DOCUMENT, {"id": ticket["id"]}, token=agent_token)).data
    await gql.execute(RESOLVE, {"id": ticket["id"]}, token=agent_token)

    documented = (await gql.execute(DOCUMENT, {"id": ticket["id"]}, token=agent_token)).data
    twice = (await gql.execute(DOCUMENT, {"id": ticket["id"]}, token=agent_token)).data
    customer_view = (
        await gql.execute(TICKET_DOC, {"t": ticket["trackingId"]}, token=customer_token)
    ).data

    assert still_open["documentTicket"]["code"] == "INVALID_TRANSITION"
    success = documented["documentTicket"]
    article = success["article"]
    assert article["title"] == "El DNS no propaga tras el cambio"
    assert article["bodyMarkdown"] == answer
    assert (article["status"], article["language"]) == ("DRAFT", "ES")
    assert article["category"]["code"] == "dns_configuration"
    assert article["sourceTicket"]["id"] == ticket["id"]
    assert success["ticket"]["documentationArticle"]["id"] == article["id"]
    assert twice["documentTicket"]["code"] == "CONFLICT"
    assert customer_view["ticket"]["documentationArticle"] is None  # a draft, for staff

    await gql.execute(PUBLISH, {"id": article["id"]}, token=agent_token)
    customer_view = (
        await gql.execute(TICKET_DOC, {"t": ticket["trackingId"]}, token=customer_token)
    ).data
    assert customer_view["ticket"]["documentationArticle"]["id"] == article["id"]


async def test_customers_cannot_document_tickets(gql: GraphQLClient, customer_token: str) -> None:
    ticket = await create_ticket(gql, customer_token)
    await gql.execute(RESOLVE, {"id": ticket["id"]}, token=customer_token)

    result = (await gql.execute(DOCUMENT, {"id": ticket["id"]}, token=customer_token)).data

    assert result["documentTicket"]["code"] == "NOT_ALLOWED"
