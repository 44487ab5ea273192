"""Knowledge-base search and suggestions (issue 9), on SQLite FTS5 and PostgreSQL alike.

Searches in Spanish and English, with or without accents, find the demo articles written
from the seeds; before opening a ticket a customer is pointed to their own open ticket on
the same subject, and never to anyone else's."""

from __future__ import annotations

from typing import Any

import pytest

from domain.identity.auth import issue_token
from domain.models import Ticket, TokenKind
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

SEARCH = """
query($s: String, $l: Language, $first: Int, $after: String) {
  articles(search: $s, language: $l, first: $first, after: $after) {
    edges { cursor node { title language status } }
    pageInfo { hasNextPage endCursor }
  }
}"""
SUGGEST = """
query($s: String!, $m: String) {
  suggestions(subject: $s, message: $m) {
    tickets { id subject status customer { clientNumber } }
    articles { title }
  }
}"""
RESOLVE = "mutation($id: ID!) { resolveTicket(ticketId: $id) { __typename } }"


async def search(gql: GraphQLClient, text: str, **variables: Any) -> list[dict[str, Any]]:
    found = (await gql.execute(SEARCH, {"s": text, **variables})).data["articles"]
    return [edge["node"] for edge in found["edges"]]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("contraseña panel", "Recuperar la contraseña del Panel de Clientes"),
        ("restaurar copia", "Restaurar una copia de seguridad (backup)"),
        ("como abro un ticket", "Cómo abrir y seguir un ticket de soporte"),
        ("CONTRASENA", "Recuperar la contraseña del Panel de Clientes"),
        ("password panel", "Recover your Customer Panel password"),
        ("restore backup", "Restore a backup"),
        ("how do I open a ticket", "How to open and follow a support ticket"),
        ("tiempos de respuesta", "Niveles de soporte y tiempos de respuesta"),
        ("reopen ticket", "How to reopen a ticket"),
    ],
)
async def test_a_search_without_signing_in_ranks_the_matching_article_first(
    gql: GraphQLClient, text: str, best: str
) -> None:
    found = await search(gql, text)

    assert found[0]["title"] == best
    assert {article["status"] for article in found} == {"PUBLISHED"}


async def test_a_search_keeps_to_the_language_asked_for(gql: GraphQLClient) -> None:
    found = await search(gql, "panel", l="EN")

    assert found
    assert {article["language"] for article in found} == {"EN"}


async def test_search_results_page_by_relevance_without_repeats(gql: GraphQLClient) -> None:
    everything = await search(gql, "ticket", first=100)
    first_page = (await gql.execute(SEARCH, {"s": "ticket", "first": 2})).data["articles"]
    after = first_page["pageInfo"]["endCursor"]
    second = await search(gql, "ticket", first=2, after=after)

    assert first_page["pageInfo"]["hasNextPage"] is True
    titles = [edge["node"]["title"] for edge in first_page["edges"]] + [a["title"] for a in second]
    assert titles == [article["title"] for article in everything[:4]]


@pytest.mark.parametrize("text", ["contraseña panel", "abrir ticket soporte"])
async def test_pages_run_from_articles_with_every_word_on_to_those_with_some(
    gql: GraphQLClient, text: str
) -> None:
    everything = [article["title"] for article in await search(gql, text, first=100)]
    paged: list[str] = []
    after = None
    while True:
        page = (await gql.execute(SEARCH, {"s": text, "first": 1, "after": after})).data
        paged += [edge["node"]["title"] for edge in page["articles"]["edges"]]
        if not page["articles"]["pageInfo"]["hasNextPage"]:
            break
        after = page["articles"]["pageInfo"]["endCursor"]

    assert len(everything) > 2
    assert paged == everything


async def test_a_search_of_only_common_words_finds_nothing(gql: GraphQLClient) -> None:
    assert await search(gql, "de la un") == []


async def test_a_forged_search_cursor_is_a_validation_error(gql: GraphQLClient) -> None:
    response = await gql.execute(SEARCH, {"s": "ticket", "after": "bm90LWEtY3Vyc29y"})

    assert response.error_codes == ["VALIDATION"]


async def test_suggestions_offer_the_customers_own_open_ticket_on_that_subject(
    gql: GraphQLClient, customer_token: str, other_customer_token: str
) -> None:
    own = await create_ticket(gql, customer_token, subject="Error al iniciar sesión")
    theirs = await create_ticket(gql, other_customer_token, subject="Error al iniciar sesión")

    mine = (await gql.execute(SUGGEST, {"s": "error iniciar sesion"}, token=customer_token)).data
    others = (
        await gql.execute(SUGGEST, {"s": "error iniciar sesion"}, token=other_customer_token)
    ).data

    suggested = [t["id"] for t in mine["suggestions"]["tickets"]]
    assert own["id"] in suggested and theirs["id"] not in suggested
    assert {t["customer"]["clientNumber"] for t in mine["suggestions"]["tickets"]} == {"C-1001"}
    their_suggestions = [t["id"] for t in others["suggestions"]["tickets"]]
    assert theirs["id"] in their_suggestions and own["id"] not in their_suggestions
    assert {t["customer"]["clientNumber"] for t in others["suggestions"]["tickets"]} == {"C-1002"}


async def test_suggestions_leave_out_other_subjects_and_resolved_tickets(
    gql: GraphQLClient, customer_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token, subject="No puedo restaurar el backup")
    other = await create_ticket(gql, customer_token, subject="Factura duplicada de noviembre")

    before = (await gql.execute(SUGGEST, {"s": "restaurar backup"}, token=customer_token)).data
    await gql.execute(RESOLVE, {"id": ticket["id"]}, token=customer_token)
    after = (await gql.execute(SUGGEST, {"s": "restaurar backup"}, token=customer_token)).data

    ids_before = [t["id"] for t in before["suggestions"]["tickets"]]
    assert ticket["id"] in ids_before and other["id"] not in ids_before
    assert ticket["id"] not in [t["id"] for t in after["suggestions"]["tickets"]]
    assert after["suggestions"]["articles"][0]["title"] == (
        "Restaurar una copia de seguridad (backup)"
    )


async def test_a_guest_is_offered_only_the_ticket_their_pass_opens(
    gql: GraphQLClient, customer_token: str, other_customer_token: str
) -> None:
    own = await create_ticket(gql, customer_token, subject="Error al iniciar sesión en el panel")
    await create_ticket(gql, other_customer_token, subject="Error al iniciar sesión en el panel")
    pass_for_own, _ = await issue_token(
        TokenKind.GUEST, ticket=await Ticket.get(tracking_id=own["trackingId"])
    )

    found = await gql.execute(SUGGEST, {"s": "error iniciar sesion panel"}, token=pass_for_own)
    tickets = found.data["suggestions"]["tickets"]

    assert [t["id"] for t in tickets] == [own["id"]]


async def test_visitors_and_staff_get_articles_and_no_tickets(
    gql: GraphQLClient, agent_token: str
) -> None:
    anonymous = (await gql.execute(SUGGEST, {"s": "olvidé mi contraseña"})).data["suggestions"]
    staff = (await gql.execute(SUGGEST, {"s": "error iniciar sesion"}, token=agent_token)).data[
        "suggestions"
    ]

    assert anonymous["tickets"] == [] and staff["tickets"] == []
    assert anonymous["articles"][0]["title"] == "Recuperar la contraseña del Panel de Clientes"


async def test_an_overlong_subject_is_a_validation_error(gql: GraphQLClient) -> None:
    response = await gql.execute(SUGGEST, {"s": "x" * 201})

    assert response.error_codes == ["VALIDATION"]
