"""Every message a person reads exists in Spanish and English, and is shown in the viewer's
saved language (a customer's or staff member's, a guest's choice), else in the one the
request's Accept-Language prefers."""

from __future__ import annotations

import ast
import uuid
from pathlib import Path

import pytest

from domain.messages import in_language, preferred_language, spanish_of
from domain.models import Language
from tests.conftest import DEMO_PASSWORD, LOGIN, token_for
from tests.factories import department_id
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


@pytest.fixture
async def english_customer_token(gql: GraphQLClient) -> str:
    """C-1003, who saved English."""
    return await token_for(gql, LOGIN, {"n": "C-1003", "p": DEMO_PASSWORD})


async def _reply_error(gql: GraphQLClient, token: str, accept_language: str) -> str:
    response = await gql.http.post(
        "/graphql",
        json={"query": REPLY, "variables": {"id": UNKNOWN_TICKET}},
        headers={"Accept-Language": accept_language, "Authorization": f"Bearer {token}"},
    )
    message: str = response.json()["data"]["replyToTicket"]["message"]
    return message


async def test_a_signed_in_viewer_reads_errors_in_their_saved_language_whatever_the_browser(
    gql: GraphQLClient, customer_token: str, english_customer_token: str, agent_token: str
) -> None:
    # Given a customer and an agent who saved Spanish, and a customer who saved English
    # When each sends the other language's Accept-Language (or several)
    answers = {
        "es customer, en browser": await _reply_error(gql, customer_token, "en-US"),
        "es customer, es browser": await _reply_error(gql, customer_token, "es-CO"),
        "es agent, en browser": await _reply_error(gql, agent_token, "en-GB,en;q=0.9"),
        "en customer, es browser": await _reply_error(gql, english_customer_token, "es-CO"),
    }

    # Then the saved language wins
    assert answers == {
        "es customer, en browser": "Ticket no encontrado.",
        "es customer, es browser": "Ticket no encontrado.",
        "es agent, en browser": "Ticket no encontrado.",
        "en customer, es browser": "Ticket not found.",
    }


GUEST_CREATE = """mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  ... on CreateTicketSuccess { guestPass { token } } } }"""


async def test_a_guest_reads_errors_in_the_language_chosen_on_the_form(
    gql: GraphQLClient, reset_rate_limits: None
) -> None:
    # Given guests who opened tickets choosing English and Spanish
    passes = {}
    for language in ("EN", "ES"):
        guest = {"name": "Valentina", "email": f"v-{uuid.uuid4().hex[:8]}@example.org"}
        payload = {
            "subject": "Ayuda",
            "message": "No entra el correo.",
            "departmentId": await department_id(gql, "TECH"),
            "guest": {**guest, "language": language},
        }
        created = (await gql.execute(GUEST_CREATE, {"input": payload})).data["createTicket"]
        passes[language] = created["guestPass"]["token"]

    # When each pass is used from a browser preferring the other language
    answers = {
        "EN": await _reply_error(gql, passes["EN"], "es-ES"),
        "ES": await _reply_error(gql, passes["ES"], "en-US"),
    }

    # Then each reads the language they chose
    assert answers == {"EN": "Ticket not found.", "ES": "Ticket no encontrado."}


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
