"""Hostile requests over real HTTP: documents that explode when expanded, malformed bodies,
schema probing in production. Each is refused with a 4xx JSON GraphQL error, before it costs
the server anything, and changes nothing."""

from __future__ import annotations

import asyncio
import json
import logging

import httpx
import pytest

from domain.email.parsing import parse_message
from domain.tickets.tracking import new_tracking_id
from tests.factories import row_counts
from tests.graphql_client import GraphQLClient
from tests.served_app import served_app

pytestmark = pytest.mark.usefixtures("reset_rate_limits")
CREATE_TICKET = "mutation($i: CreateTicketInput!) { createTicket(input: $i) { __typename } }"


def _doubling_fragments(levels: int) -> str:
    """Under 2 KB, but level n spreads level n-1 twice: 2**levels fields once expanded."""
    fragments = ["fragment F0 on Query { __typename }"]
    fragments += [f"fragment F{n} on Query {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, 33)]
    return f"query {{ ...F{levels} }}\n" + "\n".join(fragments[: levels + 1])


async def test_a_document_of_doubling_fragments_is_refused_before_it_is_expanded(
    gql: GraphQLClient,
) -> None:
    # Given a document under 2 KB that expands to 2**32 fields
    document = _doubling_fragments(32)
    assert len(document) < 2048

    # When it is sent (expanding it, as every check did, would block the server for hours)
    result = await gql.execute(document)

    # Then it is refused at once, with a clear error, and the server still answers
    assert result.body["data"] is None
    assert result.error_codes == ["QUERY_TOO_COMPLEX"]
    assert "fragment" in result.errors[0]["message"]
    assert (await gql.execute("{ __typename }")).data == {"__typename": "Query"}


async def test_a_document_of_reasonable_fragments_still_runs(gql: GraphQLClient) -> None:
    result = await gql.execute(_doubling_fragments(6))
    assert result.data == {"__typename": "Query"}


async def test_a_page_inside_a_fragment_costs_what_it_costs_written_in_place(
    gql: GraphQLClient, agent_token: str
) -> None:
    # Given the same connection page asked for in place and through fragments
    in_place = "query { tickets { edges { node { id subject status } } } }"
    through_fragments = """
      query { tickets { ...Page } }
      fragment Page on TicketConnection { ... on TicketConnection { edges { ...Row } } }
      fragment Row on TicketEdge { node { id subject status } }"""

    # When both run
    costs = []
    for document in (in_place, through_fragments):
        result = await gql.execute(document, token=agent_token)
        assert "errors" not in result.body, result.body
        costs.append(result.body["extensions"]["cost"]["requested"])

    # Then each item of the page is counted either way
    assert costs[0] == costs[1]
    assert costs[0] > 50


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 1000 + b"]" * 1000 + b"}}",
            id="variables nested 1000 deep",
        ),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="body nested 100000 deep"),
        pytest.param(
            b'{"query": "{ __typename }", "variables": {"a": "\xff\xfe"}}', id="invalid UTF-8"
        ),
        pytest.param(
            b'{"query": "{ __typename }", "variables": {"a": "\\ud800"}}',
            id="lone surrogate in a variable",
        ),
        pytest.param(
            b'{"query": "{ __typename }", "variables": {"\\udfff": 1}}',
            id="lone surrogate in a key",
        ),
        pytest.param(
            b'{"query": "{ __typename } # \\ud800", "extensions": {"persistedQuery":'
            b' {"version": 1, "sha256Hash": "00"}}}',
            id="lone surrogate in a persisted query",
        ),
        pytest.param(
            json.dumps(
                {
                    "query": CREATE_TICKET,
                    "variables": {
                        "i": {"subject": "Ayuda \ud83d", "message": "x", "categoryId": "x"}
                    },
                }
            ).encode(),
            id="lone surrogate in a subject",
        ),
        pytest.param(
            json.dumps(
                {
                    "query": CREATE_TICKET,
                    "variables": {"i": {"subject": "Ayuda\x00", "message": "x", "categoryId": "x"}},
                }
            ).encode(),
            id="NUL in a subject",
        ),
        pytest.param(
            json.dumps(
                {
                    "query": "mutation($n: String!) { createCustomer(input: {clientNumber: $n, "
                    'name: "x", email: "x@example.com", password: "long-enough-1"}) '
                    "{ __typename } }",
                    "variables": {"n": "C-7\x00"},
                }
            ).encode(),
            id="NUL in a name",
        ),
        pytest.param(b'{"query": "{ __typename }"', id="truncated JSON"),
    ],
)
async def test_malformed_bodies_are_a_client_error_with_a_json_graphql_error(
    gql: GraphQLClient, customer_token: str, body: bytes
) -> None:
    # Given the data as it is
    before = await row_counts()

    # When a malformed body is sent
    response = await gql.http.post(
        "/graphql",
        content=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {customer_token}"},
    )

    # Then it is a 400 with one GraphQL error in Spanish and English, and nothing changed
    assert response.status_code == 400, response.text
    errors = response.json()["errors"]
    assert [e["extensions"]["code"] for e in errors] == ["BAD_REQUEST"]
    assert " / " in errors[0]["message"]
    assert await row_counts() == before


async def test_a_nul_in_a_string_literal_of_the_document_is_refused_and_stores_nothing(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a createTicket whose subject, written in the document, holds a NUL
    document = (
        'mutation { createTicket(input: {subject: "Ayuda\\u0000", message: "Hola", '
        'categoryId: "Q2F0ZWdvcnk6MQ=="}) { __typename } }'
    )
    before = await row_counts()

    # When it is sent
    result = await gql.execute(document, token=customer_token)

    # Then it is refused before it runs, saying why in both languages, and nothing was stored
    assert result.body["data"] is None
    assert result.error_codes == ["BAD_REQUEST"]
    assert "NUL" in result.errors[0]["message"] and " / " in result.errors[0]["message"]
    assert await row_counts() == before


def test_nul_in_mail_headers_never_reaches_a_subject_or_a_name() -> None:
    raw = (
        b"From: =?utf-8?q?Ana=00Mar=C3=ADa?= <ana@example.com>\r\n"
        b"Subject: =?utf-8?q?Hola=00mundo?= a\x00b\r\nTo: soporte@mesa.example\r\n\r\nhola\r\n"
    )
    parsed = parse_message(raw)
    assert (parsed.subject, parsed.sender_name) == ("Holamundo ab", "AnaMaría")


async def test_a_lone_surrogate_in_get_variables_is_a_client_error(gql: GraphQLClient) -> None:
    response = await gql.http.get(
        "/graphql", params={"query": "{ __typename }", "variables": '{"a": "\\udc00"}'}
    )
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize(
    ("document", "variables", "hint"),
    [
        ('{ tiket(trackingId: "x") { id } }', None, "'ticket'"),
        ("query($x: Tiket) { departments { id } }", None, "'Ticket'"),
        ("{ tickets(firts: 1) { edges { cursor } } }", None, "'first'"),
        ("{ tickets(filter: {status: [OPNE]}) { edges { cursor } } }", None, "'OPEN'"),
        (
            "query($f: TicketFilter) { tickets(filter: $f) { edges { cursor } } }",
            {"f": {"status": ["OPNE"]}},
            "'OPEN'",
        ),
        (
            "query($f: TicketFilter) { tickets(filter: $f) { edges { cursor } } }",
            {"f": {"statu": ["OPEN"]}},
            "'status'",
        ),
    ],
)
async def test_production_never_suggests_names_of_the_schema(
    in_process_server: str, document: str, variables: dict[str, object] | None, hint: str
) -> None:
    # Given the API as production runs it
    async with served_app(env="production") as url, httpx.AsyncClient(base_url=url) as client:
        # When a stranger probes it with near-miss names
        response = await client.post(
            "/graphql", json={"query": document, "variables": variables or {}}
        )

    # Then the error names the mistake but suggests nothing of the schema
    assert response.status_code == 200, response.text
    messages = [error["message"] for error in response.json()["errors"]]
    assert messages and not any("Did you mean" in m or hint in m for m in messages), messages
    assert "Unexpected error." not in messages


RESET = "resetPassword(token: $t, newPassword: $p) { __typename ... on UserError { code } }"


async def test_aliases_of_a_password_mutation_are_refused_before_any_hashes(
    gql: GraphQLClient,
) -> None:
    # Given 100 aliases of resetPassword in one document (each would run argon2)
    aliases = " ".join(f"r{n}: {RESET}" for n in range(100))
    document = f"mutation($t: String!, $p: String!) {{ {aliases} }}"

    # When it is sent
    result = await gql.execute(document, {"t": "mesa_r_guess", "p": "a-new-password"})

    # Then none runs: the request is refused as too expensive, saying why in both languages
    assert result.body["data"] is None
    assert result.error_codes == ["QUERY_TOO_EXPENSIVE"]
    assert "resetPassword" in result.errors[0]["message"]
    assert " / " in result.errors[0]["message"]


async def test_a_batch_may_check_two_passwords_not_three(gql: GraphQLClient) -> None:
    # Given three batched logins with wrong passwords
    operation = {
        "query": "mutation($n: String!, $p: String!) { login(clientNumber: $n, password: $p) {"
        " __typename ... on UserError { code } } }",
        "variables": {"n": "C-0000", "p": "wrong-password"},
    }

    # When they are sent as one request
    response = await gql.http.post("/graphql", json=[operation] * 3)

    # Then two run and the third is refused before it hashes anything
    assert response.status_code == 200, response.text
    results = response.json()
    assert [r["data"]["login"]["code"] for r in results[:2]] == ["INVALID_CREDENTIALS"] * 2
    assert results[2]["data"] is None
    assert results[2]["errors"][0]["extensions"]["code"] == "QUERY_TOO_EXPENSIVE"


async def test_reset_codes_tried_from_one_address_are_limited(gql: GraphQLClient) -> None:
    # Given someone trying reset codes one request at a time
    document = f"mutation($t: String!, $p: String!) {{ {RESET} }}"
    codes = []
    for n in range(25):
        result = await gql.execute(document, {"t": f"mesa_r_guess{n}", "p": "a-new-password"})
        codes.append(result.data["resetPassword"]["code"])

    # Then the first twenty are wrong codes and the rest are refused until the window passes
    assert codes[:20] == ["INVALID_CREDENTIALS"] * 20
    assert codes[20:] == ["RATE_LIMITED"] * 5


GUEST_ACCESS = """mutation($t: String!) { guestAccess(trackingId: $t, email: "x@example.com") {
  __typename ... on UserError { code } } }"""


async def _guest_attempts(client: httpx.AsyncClient, forwarded_for: list[str]) -> list[str]:
    """One guestAccess per address given in X-Forwarded-For, each for another tracking ID."""
    codes = []
    for address in forwarded_for:
        response = await client.post(
            "/graphql",
            json={"query": GUEST_ACCESS, "variables": {"t": new_tracking_id()}},
            headers={"X-Forwarded-For": address},
        )
        codes.append(response.json()["data"]["guestAccess"]["code"])
    return codes


async def test_a_spoofed_x_forwarded_for_does_not_bypass_per_address_limits(
    gql: GraphQLClient,
) -> None:
    # Given no trusted proxy (the default): a client rotating X-Forwarded-For on each attempt
    rotating = [f"198.51.100.{n}" for n in range(25)]

    # When it guesses 25 tracking IDs
    codes = await _guest_attempts(gql.http, rotating)

    # Then the header was ignored: its own address ran out after 20 attempts a minute
    assert codes[:20] == ["INVALID_CREDENTIALS"] * 20
    assert codes[20:] == ["RATE_LIMITED"] * 5


async def test_behind_a_trusted_proxy_each_client_keeps_its_own_limits(
    in_process_server: str,
) -> None:
    # Given the API behind a proxy it trusts (loopback here, named by CIDR)
    async with (
        served_app(trusted_proxies="10.0.0.1, 127.0.0.0/8") as url,
        httpx.AsyncClient(base_url=url) as client,
    ):
        # When 25 different clients each try once, through the proxy
        many = await _guest_attempts(client, [f"203.0.113.{n}" for n in range(25)])
        # And one client, which also forged an address the proxy then appended to, tries 25
        one = await _guest_attempts(client, ["192.0.2.1, 192.0.2.200"] * 25)

    # Then the clients do not share an allowance, and the one client has its own
    assert many == ["INVALID_CREDENTIALS"] * 25
    assert one[:20] == ["INVALID_CREDENTIALS"] * 20
    assert one[20:] == ["RATE_LIMITED"] * 5


async def test_a_client_that_leaves_before_its_body_is_read_is_no_server_error(
    in_process_server: str,
) -> None:
    # Given the API over real HTTP, and a look at what uvicorn reports as the app's failures
    from prometheus_client import REGISTRY

    def count(status: str) -> float:
        labels = {"route": "/graphql", "method": "POST", "status": status}
        return REGISTRY.get_sample_value("mesa_http_requests_total", labels) or 0.0

    failures: list[logging.LogRecord] = []

    class Kept(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            failures.append(record)

    handler = Kept()
    uvicorn_errors = logging.getLogger("uvicorn.error")
    before = {status: count(status) for status in ("499", "500")}
    try:
        async with served_app() as url:
            uvicorn_errors.addHandler(handler)  # once uvicorn has set its logging up
            host, port = url.removeprefix("http://").split(":")
            # When a client sends a request's head and part of its body, then hangs up
            _reader, writer = await asyncio.open_connection(host, int(port))
            body = b'{"query": "{ __typen'
            writer.write(
                b"POST /graphql HTTP/1.1\r\nHost: mesa\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000\r\n\r\n" + body
            )
            await writer.drain()
            await asyncio.sleep(0.1)
            writer.close()
            await writer.wait_closed()
            for _ in range(100):
                if count("499") > before["499"]:
                    break
                await asyncio.sleep(0.02)
    finally:
        uvicorn_errors.removeHandler(handler)

    # Then nothing of ours failed: no error logged, the request counted as the client's
    # leaving (499, as nginx names it), not as a server error
    assert [record.getMessage() for record in failures if record.levelno >= logging.ERROR] == []
    assert count("499") - before["499"] == 1
    assert count("500") == before["500"]
