"""Every message a person reads exists in Spanish and English, and is shown in the language
the request's Accept-Language prefers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from domain.messages import in_language, preferred_language, spanish_of
from domain.models import Language
from tests.graphql_client import GraphQLClient

ROOT = Path(__file__).resolve().parent.parent
ERRORS = {
    "ValidationFailed",
    "NotFound",
    "NotAllowed",
    "Unauthenticated",
    "InvalidCredentials",
    "InvalidTransition",
    "ReopenWindowExpired",
    "Conflict",
    "Unavailable",
}
REPLY = """mutation($id: ID!) { replyToTicket(input: {ticketId: $id, message: "Hola"}) {
  __typename ... on UserError { code message field } } }"""
UNKNOWN_TICKET = "VGlja2V0Ojk5OTk5OTk="


def _messages() -> list[tuple[str, str]]:
    """(where, message) of every domain error raised with a message written in the code; a
    value in it (an f-string) is filled with 7."""
    found = []
    for package in ("domain", "api"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                if node.func.id not in ERRORS or not node.args:
                    continue
                first = node.args[0]
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append((where, first.value))
                elif isinstance(first, ast.JoinedStr):
                    parts = [
                        str(v.value) if isinstance(v, ast.Constant) else "7" for v in first.values
                    ]
                    found.append((where, "".join(parts)))
    return found


def test_every_message_has_its_spanish_and_english() -> None:
    messages = _messages()
    lacking = [
        (where, text) for where, text in messages if " / " not in text and not spanish_of(text)
    ]

    assert len(messages) > 100
    assert lacking == []


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("es-CO,es;q=0.9,en;q=0.8", Language.ES),
        ("en-US,en;q=0.9", Language.EN),
        ("fr-FR, en;q=0.5, es;q=0.7", Language.ES),
        ("de", None),
        (None, None),
    ],
)
def test_accept_language_picks_spanish_or_english(header: str | None, language: str) -> None:
    assert preferred_language(header) == language


def test_a_message_already_in_both_languages_stays_whole() -> None:
    both = "Contraseña cambiada. / Password changed."

    assert in_language(both, Language.EN) == both
    assert in_language("Ticket not found.", Language.ES) == "Ticket no encontrado."
    assert in_language("Ticket not found.", None) == "Ticket not found."


async def test_a_customer_reads_errors_in_the_browser_s_language(
    gql: GraphQLClient, customer_token: str
) -> None:
    answers = {}
    for language in ("es-CO", "en-US"):
        response = await gql.http.post(
            "/graphql",
            json={"query": REPLY, "variables": {"id": UNKNOWN_TICKET}},
            headers={"Accept-Language": language, "Authorization": f"Bearer {customer_token}"},
        )
        answers[language] = response.json()["data"]["replyToTicket"]["message"]

    assert answers == {"es-CO": "Ticket no encontrado.", "en-US": "Ticket not found."}


async def test_a_visitor_reads_errors_in_the_browser_s_language(gql: GraphQLClient) -> None:
    query = '{ node(id: "VGlja2V0Ojk5OTk5OTk=") { id } }'

    answers = {
        header: (await gql.http.post("/graphql", json={"query": query}, headers=headers)).json()
        for header, headers in (
            ("es", {"Accept-Language": "es-ES,es;q=0.9"}),
            ("en", {"Accept-Language": "en-GB"}),
        )
    }

    assert answers["es"]["errors"][0]["message"] == "No se encontró nada con este ID."
    assert answers["en"]["errors"][0]["message"] == "Nothing found with this ID."


async def test_a_refused_token_is_explained_in_the_browser_s_language(gql: GraphQLClient) -> None:
    response = await gql.http.post(
        "/graphql",
        json={"query": "{ viewer { __typename } }"},
        headers={"Authorization": "Bearer nope", "Accept-Language": "es"},
    )

    assert response.json()["errors"][0]["message"] == "El token de acceso está mal formado."
