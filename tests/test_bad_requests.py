"""Requests malformed as GraphQL or HTTP, out-of-range paging, bad tokens and wrong
credentials: each gets a clear client error and changes nothing."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import timedelta
from typing import Any

import pytest

from domain.clock import utcnow
from domain.models import AuthToken
from tests.factories import create_ticket, in_spanish, row_counts, ticket_state
from tests.graphql_client import GraphQLClient

# Logins and lookups here are rate limited: start each test with empty counters.
pytestmark = pytest.mark.usefixtures("reset_rate_limits")

PAGE = """
query($first: Int, $after: String) {
  tickets(first: $first, after: $after) { edges { node { id } cursor } }
}"""
LOGIN = """
mutation($n: String!, $p: String!) {
  login(clientNumber: $n, password: $p) {
    __typename ... on LoginSuccess { token } ... on UserError { code message field }
  }
}"""
AGENT_LOGIN = """
mutation($e: String!, $p: String!) {
  agentLogin(email: $e, password: $p) {
    __typename ... on LoginSuccess { token } ... on UserError { code message field }
  }
}"""
VIEWER = "query { viewer { ... on Customer { clientNumber } } }"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _error(typename: str, code: str, message: str, field: str | None) -> dict[str, Any]:
    return {"__typename": typename, "code": code, "error": message, "field": field}


@pytest.mark.parametrize(
    ("document", "variables"),
    [
        pytest.param('query { tickets(first: "ten") { edges { cursor } } }', {}, id="first"),
        pytest.param(
            "query { tickets(filter: {status: [BOGUS]}) { edges { cursor } } }", {}, id="status"
        ),
        pytest.param(
            'mutation { createTicket(input: {subject: 42, message: "Hola", categoryId: "x"}) '
            "{ __typename } }",
            {},
            id="subject",
        ),
        pytest.param(PAGE, {"first": "ten"}, id="first variable"),
        pytest.param(
            "query($s: [TicketStatus!]) { tickets(filter: {status: $s}) { edges { cursor } } }",
            {"s": ["BOGUS"]},
            id="status variable",
        ),
        pytest.param(
            "mutation($input: CreateTicketInput!) { createTicket(input: $input) { __typename } }",
            {"input": {"subject": 42, "message": "Hola"}},
            id="subject variable",
        ),
        pytest.param("query { tickets { nope } }", {}, id="unknown field"),
        pytest.param("query { tickets(", {}, id="syntax"),
    ],
)
async def test_wrong_graphql_types_are_refused_before_running(
    gql: GraphQLClient, customer_token: str, document: str, variables: dict[str, Any]
) -> None:
    # Given the data as it is
    before = await row_counts()

    # When a document or its variables do not match the schema
    result = await gql.execute(document, variables, token=customer_token)

    # Then the request is refused with errors and no data, and nothing was written
    assert result.status in (200, 400)
    assert result.errors
    assert result.body.get("data") is None
    assert await row_counts() == before


async def test_page_sizes_out_of_range_are_validation_errors(
    gql: GraphQLClient, customer_token: str, supervisor_token: str
) -> None:
    customers = "query($first: Int) { customers(first: $first) { edges { cursor } } }"
    for first in (101, -1):
        # When a page of tickets or customers asks for too many or a negative number of items
        for document, token in ((PAGE, customer_token), (customers, supervisor_token)):
            result = await gql.execute(document, {"first": first}, token=token)

            # Then it is a validation error on `first`
            assert result.body["data"] is None
            assert [(e["message"], e["extensions"]) for e in result.errors] == [
                ("first must be between 0 and 100.", {"code": "VALIDATION", "field": "first"})
            ]

    # While the bounds themselves are fine
    for first in (0, 100):
        edges = (await gql.execute(PAGE, {"first": first}, token=customer_token)).data
        assert len(edges["tickets"]["edges"]) <= first


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("garbage!", id="garbage"),
        pytest.param("", id="empty"),
        pytest.param(_b64("[1, 2]"), id="short list"),
        pytest.param(_b64('{"a": 1, "b": 2, "c": 3}'), id="object"),
        pytest.param(_b64('["updated_at", "2024-01-01T00:00:00+00:00", 1]'), id="other order"),
        pytest.param(_b64('["created_at", 5, 1]'), id="number for a date"),
        pytest.param(_b64('["created_at", null, 1]'), id="null date"),
        pytest.param(_b64('["created_at", [1], 1]'), id="list for a date"),
        pytest.param(_b64('["created_at", "yesterday", 1]'), id="not a date"),
        pytest.param(_b64('["created_at", "2024-01-01T00:00:00", 1]'), id="naive date"),
        pytest.param(_b64('["created_at", "2024-01-01T00:00:00+00:00", "1"]'), id="text id"),
        pytest.param(_b64('["created_at", "2024-01-01T00:00:00+00:00", true]'), id="bool id"),
        pytest.param(_b64('["created_at", "2024-01-01T00:00:00+00:00", 1.5]'), id="float id"),
        pytest.param(_b64('["created_at", "2024-01-01T00:00:00+00:00", -1]'), id="negative id"),
        pytest.param(
            _b64('["created_at", "2024-01-01T00:00:00+00:00", 99999999999999999999]'),
            id="huge id",
        ),
    ],
)
async def test_malformed_cursors_are_validation_errors(
    gql: GraphQLClient, agent_token: str, cursor: str
) -> None:
    # When a page is asked for after a cursor the server never handed out
    result = await gql.execute(PAGE, {"after": cursor}, token=agent_token)

    # Then it is a validation error on `after`, in the agent's Spanish
    assert result.body["data"] is None
    assert [(e["message"], e["extensions"]) for e in result.errors] == [
        (
            in_spanish("The cursor is not valid for this list and order."),
            {"code": "VALIDATION", "field": "after"},
        )
    ]


async def test_a_cursor_the_server_handed_out_is_accepted(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given two tickets and the first page of one
    await create_ticket(gql, customer_token)
    await create_ticket(gql, customer_token)
    first = (await gql.execute(PAGE, {"first": 1}, token=customer_token)).data["tickets"]

    # When the next page is asked for after its cursor
    cursor = first["edges"][0]["cursor"]
    after = (await gql.execute(PAGE, {"first": 1, "after": cursor}, token=customer_token)).data

    # Then it continues where the first ended
    assert len(after["tickets"]["edges"]) == 1
    assert after["tickets"]["edges"][0]["node"]["id"] != first["edges"][0]["node"]["id"]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        pytest.param(b"{not json", "application/json", id="invalid JSON"),
        pytest.param(b"", "application/json", id="empty body"),
        pytest.param(b"[]", "application/json", id="JSON array"),
        pytest.param(b'{"query": 5}', "application/json", id="query not a string"),
        pytest.param(
            b'{"query": "{ departments { id } }", "variables": "x"}',
            "application/json",
            id="variables not an object",
        ),
        pytest.param(b"query { departments { id } }", "text/plain", id="text/plain"),
        pytest.param(b'{"query": "{ departments { id } }"}', "application/xml", id="xml"),
    ],
)
async def test_requests_that_are_not_graphql_get_a_client_error(
    gql: GraphQLClient, customer_token: str, content: bytes, content_type: str
) -> None:
    # Given the data as it is
    before = await row_counts()

    # When the body or its content type is not a GraphQL request
    response = await gql.http.post(
        "/graphql",
        content=content,
        headers={"Content-Type": content_type, "Authorization": f"Bearer {customer_token}"},
    )

    # Then it is a client error, never a server error, and nothing was written
    assert 400 <= response.status_code < 500, response.text
    assert await row_counts() == before


async def test_a_mutation_over_get_is_refused(gql: GraphQLClient, customer_token: str) -> None:
    # Given a ticket
    ticket = await create_ticket(gql, customer_token)
    state, before = await ticket_state(gql, ticket, customer_token), await row_counts()

    # When a mutation is sent as a GET request
    response = await gql.http.get(
        "/graphql",
        params={
            "query": f'mutation {{ resolveTicket(ticketId: "{ticket["id"]}") {{ __typename }} }}'
        },
        headers={"Authorization": f"Bearer {customer_token}"},
    )

    # Then it is a client error and nothing changed
    assert 400 <= response.status_code < 500, response.text
    assert await ticket_state(gql, ticket, customer_token) == state
    assert await row_counts() == before


async def _fresh_customer_token(gql: GraphQLClient) -> str:
    result = (await gql.execute(LOGIN, {"n": "C-1001", "p": "demo-password"})).data["login"]
    assert result["__typename"] == "LoginSuccess"
    token: str = result["token"]
    viewer = (await gql.execute(VIEWER, token=token)).data["viewer"]
    assert viewer == {"clientNumber": "C-1001"}
    return token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def test_invalid_bearer_tokens_are_refused_as_graphql_errors(gql: GraphQLClient) -> None:
    # Given a token that was revoked and one that expired
    revoked, expired = await _fresh_customer_token(gql), await _fresh_customer_token(gql)
    await AuthToken.filter(token_hash=_digest(revoked)).update(revoked_at=utcnow())
    await AuthToken.filter(token_hash=_digest(expired)).update(
        expires_at=utcnow() - timedelta(seconds=1)
    )
    headers = {
        "Bearer garbage": "The access token is malformed.",
        "Bearer mesa_c_" + "x" * 300: "The access token is malformed.",
        "Basic QzEwMDE6ZGVtby1wYXNzd29yZA==": "Send the token as `Authorization: Bearer <token>`.",
        "Bearer": "Send the token as `Authorization: Bearer <token>`.",
        "Bearer mesa_c_" + secrets.token_urlsafe(32): "The access token is not recognised.",
        "Bearer mesa_s_" + secrets.token_urlsafe(32): "The access token is not recognised.",
        f"Bearer {revoked}": "The access token has been revoked.",
        f"Bearer {expired}": "The access token has expired.",
    }
    for header, message in headers.items():
        # When a request carries it
        response = await gql.http.post(
            "/graphql", json={"query": VIEWER}, headers={"Authorization": header}
        )

        strict = await gql.http.post(
            "/graphql",
            json={"query": VIEWER},
            headers={"Authorization": header, "Accept": "application/graphql-response+json"},
        )

        # Then it is a GraphQL error that says why, with the UNAUTHENTICATED code: 200 with
        # `data: null` in application/json (clients read it as a GraphQL error), 401 in
        # application/graphql-response+json
        errors = [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]
        assert response.status_code == 200, header
        assert response.json() == {"data": None, "errors": errors}, header
        assert strict.status_code == 401, header
        assert strict.headers["content-type"].startswith("application/graphql-response+json")
        assert strict.json() == {"errors": errors}, header
        for answer in (response, strict):
            assert answer.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


async def test_wrong_credentials_get_one_answer_whatever_was_wrong(gql: GraphQLClient) -> None:
    # Given the tokens issued so far
    tokens = await AuthToken.all().count()
    customer_refused = {
        "__typename": "InvalidCredentialsError",
        "code": "INVALID_CREDENTIALS",
        "message": "Client number or password is incorrect.",
        "field": None,
    }
    staff_refused = {**customer_refused, "message": "Email or password is incorrect."}

    # When a customer logs in with a wrong password, an unknown client number, or nothing
    for number, password in (("C-1001", "wrong-password"), ("C-9999", "demo-password"), ("", "")):
        login = await gql.execute(LOGIN, {"n": number, "p": password})

        # Then each gets the same answer
        assert login.data["login"] == customer_refused, number

    # And so does staff with a wrong password or an unknown email
    for email, password in (
        ("agent@mesa.example", "wrong-password"),
        ("nobody@mesa.example", "demo-password"),
    ):
        login = await gql.execute(AGENT_LOGIN, {"e": email, "p": password})
        assert login.data["agentLogin"] == staff_refused, email

    # And no token was issued
    assert await AuthToken.all().count() == tokens
